/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.e2bspringboot.local;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

import io.github.e2bspringboot.local.LocalClient.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * envd's {@code /files} endpoint and the filesystem service of e2b-local (PROTOCOL.md 5
 * and 6.3).
 */
class EnvdFilesTests {

	private static E2bLocalServer server;

	private static LocalClient client;

	private Sandbox sandbox;

	@BeforeAll
	static void start() {
		server = E2bLocalServer.builder()
			.isolation(IsolationRequirement.forTests())
			.diskLimit(1024 * 1024)
			.build()
			.start();
		client = new LocalClient(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void createSandbox() {
		this.sandbox = Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}"));
	}

	@Test
	void multipartUploadWritesEachPartToItsFilename() {
		String boundary = "----b0undary";
		String body = part(boundary, "a.txt", "A") + part(boundary, "/tmp/b.txt", "B")
				+ part(boundary, "~/c/d.txt", "D") + "--" + boundary + "--\r\n";

		HttpResponse<byte[]> response = client.envd(this.sandbox, "POST", "/files",
				HttpRequest.BodyPublishers.ofString(body), "Content-Type", "multipart/form-data; boundary=" + boundary);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode written = LocalClient.json(response);
		assertThat(written.size()).isEqualTo(3);
		assertThat(written.get(0).get("path").asString()).isEqualTo("/home/user/a.txt");
		assertThat(written.get(0).get("name").asString()).isEqualTo("a.txt");
		assertThat(written.get(0).get("type").asString()).isEqualTo("file");
		assertThat(written.get(1).get("path").asString()).isEqualTo("/tmp/b.txt");
		assertThat(written.get(2).get("path").asString()).isEqualTo("/home/user/c/d.txt");
		assertThat(read("/home/user/a.txt")).isEqualTo("A");
		assertThat(read("/tmp/b.txt")).isEqualTo("B");
		assertThat(read("c/d.txt")).isEqualTo("D");
	}

	@Test
	void aQueryPathOverridesThePartFilename() {
		String boundary = "xyz";
		HttpResponse<byte[]> response = client.envd(this.sandbox, "POST", "/files?path=%2Ftmp%2Fq.txt",
				HttpRequest.BodyPublishers.ofString(part(boundary, "ignored.txt", "Q") + "--" + boundary + "--\r\n"),
				"Content-Type", "multipart/form-data; boundary=" + boundary);

		assertThat(LocalClient.json(response).get(0).get("path").asString()).isEqualTo("/tmp/q.txt");
		assertThat(read("/tmp/q.txt")).isEqualTo("Q");
	}

	@Test
	void rawAndGzipUploadsNeedAPath() throws Exception {
		byte[] all = new byte[256];
		for (int i = 0; i < all.length; i++) {
			all[i] = (byte) i;
		}
		HttpResponse<byte[]> raw = client.envd(this.sandbox, "POST", "/files?path=bin.dat",
				HttpRequest.BodyPublishers.ofByteArray(all), "Content-Type", "application/octet-stream");
		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
			gzip.write("gzipped".getBytes(StandardCharsets.UTF_8));
		}
		HttpResponse<byte[]> compressed = client.envd(this.sandbox, "POST", "/files?path=g.txt",
				HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray()), "Content-Type",
				"application/octet-stream", "Content-Encoding", "gzip");
		HttpResponse<byte[]> pathless = client.envd(this.sandbox, "POST", "/files",
				HttpRequest.BodyPublishers.ofString("x"), "Content-Type", "application/octet-stream");

		assertThat(raw.statusCode()).isEqualTo(200);
		assertThat(download("bin.dat").body()).isEqualTo(all);
		assertThat(compressed.statusCode()).isEqualTo(200);
		assertThat(read("g.txt")).isEqualTo("gzipped");
		assertThat(pathless.statusCode()).isEqualTo(400);
		assertThat(LocalClient.json(pathless).get("message").asString())
			.isEqualTo("path query parameter is required for raw body upload");
	}

	@Test
	void downloadErrorsAreJson() {
		HttpResponse<byte[]> missing = download("nope.txt");
		HttpResponse<byte[]> directory = download("/tmp");

		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(LocalClient.json(missing).get("message").asString())
			.isEqualTo("path '/home/user/nope.txt' does not exist");
		assertThat(directory.statusCode()).isEqualTo(400);
		assertThat(LocalClient.json(directory).get("code").asInt()).isEqualTo(400);
	}

	@Test
	void theUsernameSelectsTheHomeAndUnknownUsersAreRefused() {
		upload("r.txt", "R", "&username=root");

		assertThat(download("/root/r.txt").statusCode()).isEqualTo(200);
		HttpResponse<byte[]> unknown = client.envd(this.sandbox, "GET", "/files?path=x&username=nobody",
				HttpRequest.BodyPublishers.noBody());
		assertThat(unknown.statusCode()).isEqualTo(401);
		assertThat(LocalClient.json(unknown).get("message").asString()).isEqualTo("invalid username: 'nobody'");
	}

	@Test
	void signedUrlsWorkWithoutTheTokenAndExpire() {
		upload("hello.txt", "hi", "");
		String path = "hello.txt";
		String signature = FilesEndpoint.signature(path, "read", "", this.sandbox.token(), null);
		Sandbox withoutToken = new Sandbox(this.sandbox.id(), null);

		HttpResponse<byte[]> signed = client.envd(withoutToken, "GET",
				"/files?path=" + path + "&signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8),
				HttpRequest.BodyPublishers.noBody());
		String expiredAt = Long.toString(Instant.now().getEpochSecond() - 10);
		String expiredSignature = FilesEndpoint.signature(path, "read", "", this.sandbox.token(), expiredAt);
		HttpResponse<byte[]> expired = client.envd(withoutToken, "GET", "/files?path=" + path + "&signature="
				+ URLEncoder.encode(expiredSignature, StandardCharsets.UTF_8) + "&signature_expiration=" + expiredAt,
				HttpRequest.BodyPublishers.noBody());
		HttpResponse<byte[]> unsigned = client.envd(withoutToken, "GET", "/files?path=" + path,
				HttpRequest.BodyPublishers.noBody());
		HttpResponse<byte[]> wrongToken = client.envd(new Sandbox(this.sandbox.id(), "wrong"), "GET",
				"/files?path=" + path, HttpRequest.BodyPublishers.noBody());

		assertThat(LocalClient.text(signed)).isEqualTo("hi");
		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(LocalClient.json(expired).get("message").asString()).isEqualTo("signature is already expired");
		assertThat(unsigned.statusCode()).isEqualTo(401);
		assertThat(LocalClient.json(unsigned).get("message").asString()).isEqualTo("missing signature query parameter");
		assertThat(wrongToken.statusCode()).isEqualTo(401);
		assertThat(LocalClient.json(wrongToken).get("message").asString())
			.isEqualTo("access token present in header but does not match");
	}

	@Test
	void theSignatureMatchesTheTestVectorOfTheOfficialSdks() {
		assertThat(FilesEndpoint.signature("hello.txt", "read", "user", "0tQG31xiMp0IOQfaz9dcwi72L1CPo8e0", null))
			.isEqualTo("v1_gUtH/s9YCJWgCizjfUxuWfhFE4QSydOWEIIvfLwDr6E");
	}

	@Test
	void uploadsBeyondTheDiskLimitAnswer507() {
		HttpResponse<byte[]> response = client.envd(this.sandbox, "POST", "/files?path=big.bin",
				HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024]), "Content-Type",
				"application/octet-stream");

		assertThat(response.statusCode()).isEqualTo(507);
		assertThat(LocalClient.json(response).get("code").asInt()).isEqualTo(507);
		assertThat(client.control("GET", "/sandboxes/" + this.sandbox.id(), null).statusCode()).isEqualTo(200);
	}

	@Test
	void statListMoveMakeDirAndRemove() {
		upload("dir/one.txt", "1", "");
		upload("dir/sub/two.txt", "22", "");

		JsonNode stat = LocalClient
			.json(client.unary(this.sandbox, "filesystem.Filesystem/Stat", "{\"path\":\"dir/sub/two.txt\"}"));
		assertThat(stat.get("entry").get("type").asString()).isEqualTo("FILE_TYPE_FILE");
		assertThat(stat.get("entry").get("size").asString()).isEqualTo("2");
		assertThat(stat.get("entry").get("path").asString()).isEqualTo("/home/user/dir/sub/two.txt");
		assertThat(stat.get("entry").get("owner").asString()).isEqualTo("user");
		assertThat(stat.get("entry").get("permissions").asString()).isEqualTo("-rw-r--r--");
		assertThat(stat.get("entry").get("mode").asInt()).isEqualTo(0644);

		JsonNode list = LocalClient
			.json(client.unary(this.sandbox, "filesystem.Filesystem/ListDir", "{\"path\":\"dir\",\"depth\":2}"));
		assertThat(list.get("entries").findValuesAsString("path")).containsExactly("/home/user/dir/one.txt",
				"/home/user/dir/sub", "/home/user/dir/sub/two.txt");
		JsonNode shallow = LocalClient
			.json(client.unary(this.sandbox, "filesystem.Filesystem/ListDir", "{\"path\":\"dir\"}"));
		assertThat(shallow.get("entries").size()).isEqualTo(2);

		HttpResponse<byte[]> made = client.unary(this.sandbox, "filesystem.Filesystem/MakeDir",
				"{\"path\":\"/tmp/new/deep\"}");
		HttpResponse<byte[]> again = client.unary(this.sandbox, "filesystem.Filesystem/MakeDir",
				"{\"path\":\"/tmp/new/deep\"}");
		assertThat(made.statusCode()).isEqualTo(200);
		assertThat(LocalClient.json(made).get("entry").get("type").asString()).isEqualTo("FILE_TYPE_DIRECTORY");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(LocalClient.json(again).get("code").asString()).isEqualTo("already_exists");

		JsonNode moved = LocalClient.json(client.unary(this.sandbox, "filesystem.Filesystem/Move",
				"{\"source\":\"dir/one.txt\",\"destination\":\"/tmp/moved/one.txt\"}"));
		assertThat(moved.get("entry").get("path").asString()).isEqualTo("/tmp/moved/one.txt");
		assertThat(read("/tmp/moved/one.txt")).isEqualTo("1");

		assertThat(client.unary(this.sandbox, "filesystem.Filesystem/Remove", "{\"path\":\"dir\"}").statusCode())
			.isEqualTo(200);
		assertThat(client.unary(this.sandbox, "filesystem.Filesystem/Remove", "{\"path\":\"dir\"}").statusCode())
			.as("removing a missing path succeeds")
			.isEqualTo(200);
		HttpResponse<byte[]> gone = client.unary(this.sandbox, "filesystem.Filesystem/Stat", "{\"path\":\"dir\"}");
		assertThat(gone.statusCode()).isEqualTo(404);
		assertThat(LocalClient.json(gone).get("code").asString()).isEqualTo("not_found");
	}

	@Test
	void watchersReportChanges() throws Exception {
		client.unary(this.sandbox, "filesystem.Filesystem/MakeDir", "{\"path\":\"/tmp/watched\"}");
		String id = LocalClient
			.json(client.unary(this.sandbox, "filesystem.Filesystem/CreateWatcher", "{\"path\":\"/tmp/watched\"}"))
			.get("watcherId")
			.asString();

		upload("/tmp/watched/new.txt", "x", "");
		JsonNode events = null;
		for (int i = 0; i < 50; i++) {
			Thread.sleep(100);
			events = LocalClient.json(client.unary(this.sandbox, "filesystem.Filesystem/GetWatcherEvents",
					"{\"watcherId\":\"" + id + "\"}"));
			if (events.get("events").size() > 0) {
				break;
			}
		}

		assertThat(events.get("events").findValuesAsString("name")).contains("new.txt");
		assertThat(client.unary(this.sandbox, "filesystem.Filesystem/RemoveWatcher", "{\"watcherId\":\"" + id + "\"}")
			.statusCode()).isEqualTo(200);
		assertThat(
				client.unary(this.sandbox, "filesystem.Filesystem/GetWatcherEvents", "{\"watcherId\":\"" + id + "\"}")
					.statusCode())
			.isEqualTo(404);
	}

	private void upload(String path, String content, String extraQuery) {
		HttpResponse<byte[]> response = client.envd(this.sandbox, "POST",
				"/files?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8) + extraQuery,
				HttpRequest.BodyPublishers.ofString(content), "Content-Type", "application/octet-stream");
		assertThat(response.statusCode()).as(LocalClient.text(response)).isEqualTo(200);
	}

	private HttpResponse<byte[]> download(String path) {
		return client.envd(this.sandbox, "GET", "/files?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8),
				HttpRequest.BodyPublishers.noBody());
	}

	private String read(String path) {
		HttpResponse<byte[]> response = download(path);
		assertThat(response.statusCode()).as(LocalClient.text(response)).isEqualTo(200);
		return LocalClient.text(response);
	}

	private static String part(String boundary, String filename, String content) {
		return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n";
	}

}
