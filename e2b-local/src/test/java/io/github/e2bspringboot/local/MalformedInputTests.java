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
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import io.github.e2bspringboot.local.LocalClient.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed numbers, bodies, paths and names, sent where a client could send them: each
 * is a 400 with a clear message, never a 500 and never a side effect, and a cut or bad
 * upload leaves the file it was replacing as it was.
 */
class MalformedInputTests {

	@TempDir
	static Path data;

	private static E2bLocalServer server;

	private static LocalClient client;

	@BeforeAll
	static void start() throws IOException {
		// sandboxes start as other users: the data directory must be reachable for them
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
		server = E2bLocalServer.builder()
			.isolation(IsolationRequirement.forTests())
			.dataDirectory(data.resolve("data"))
			.build()
			.start();
		client = new LocalClient(server);
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e400", "-1", "-100", "0", "1.5", "\"abc\"", "9223372036854775808", "[]", "{}" })
	void aMalformedTimeoutIsRefusedEverywhereAndChangesNothing(String timeout) {
		Sandbox sandbox = create();
		String body = "{\"timeout\":" + timeout + "}";

		assertBadRequest(
				client.control("POST", "/v2/sandboxes", "{\"templateID\":\"base\",\"timeout\":" + timeout + "}"));
		assertBadRequest(client.control("POST", "/sandboxes/" + sandbox.id() + "/connect", body));
		assertBadRequest(client.control("POST", "/sandboxes/" + sandbox.id() + "/timeout", body));
		assertThat(client.control("POST", "/sandboxes/" + sandbox.id() + "/pause", null).statusCode()).isEqualTo(204);
		assertBadRequest(client.control("POST", "/sandboxes/" + sandbox.id() + "/resume", body));

		HttpResponse<byte[]> afterwards = client.control("GET", "/sandboxes/" + sandbox.id(), null);
		assertThat(afterwards.statusCode()).isEqualTo(200);
		assertThat(LocalClient.json(afterwards).get("state").asString()).isEqualTo("paused");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e400", "-1", "1.5", "\"abc\"", "9223372036854775808", "true" })
	void aMalformedNumberInAnRpcIsRefused(String number) {
		Sandbox sandbox = create();

		HttpResponse<byte[]> depth = client.unary(sandbox, "filesystem.Filesystem/ListDir",
				"{\"path\":\"/tmp\",\"depth\":" + number + "}");
		HttpResponse<byte[]> pid = client.unary(sandbox, "process.Process/SendSignal",
				"{\"process\":{\"pid\":" + number + "},\"signal\":\"SIGNAL_SIGKILL\"}");

		assertThat(depth.statusCode()).as(LocalClient.text(depth)).isEqualTo(400);
		assertThat(pid.statusCode()).as(LocalClient.text(pid)).isIn(400, 404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "-5", "1e400", "1.5", "9223372036854775808" })
	void aMalformedDeadlineHeaderIsRefused(String value) {
		Sandbox sandbox = create();

		HttpResponse<byte[]> response = client.envd(sandbox, "POST", "/process.Process/Start",
				HttpRequest.BodyPublishers.ofByteArray(envelope("{\"process\":{\"cmd\":\"true\"}}")), "Content-Type",
				"application/connect+json", "Connect-Timeout-Ms", value);

		assertThat(response.statusCode()).as(LocalClient.text(response)).isEqualTo(400);
		assertThat(LocalClient.text(response)).contains("Connect-Timeout-Ms");
	}

	@Test
	void malformedJsonAndPathsAreRefusedWithoutNamingTheServersFiles() {
		Sandbox sandbox = create();

		HttpResponse<byte[]> json = client.unary(sandbox, "filesystem.Filesystem/Stat", "{\"path\":");
		HttpResponse<byte[]> notAnObject = client.unary(sandbox, "filesystem.Filesystem/Stat", "[\"/tmp\"]");
		HttpResponse<byte[]> surrogate = client.unary(sandbox, "filesystem.Filesystem/Stat",
				"{\"path\":\"/tmp/\\ud800x\"}");
		HttpResponse<byte[]> longName = client.envd(sandbox, "POST", "/files?path=/tmp/" + "n".repeat(300),
				HttpRequest.BodyPublishers.ofString("x"), "Content-Type", "application/octet-stream");
		HttpResponse<byte[]> longPath = client.unary(sandbox, "filesystem.Filesystem/Stat",
				"{\"path\":\"" + "/a".repeat(4000) + "\"}");
		HttpResponse<byte[]> nul = client.unary(sandbox, "filesystem.Filesystem/Stat", "{\"path\":\"/tmp/a\\u0000b\"}");

		for (HttpResponse<byte[]> response : new HttpResponse[] { json, notAnObject, surrogate, longName, longPath,
				nul }) {
			assertThat(response.statusCode()).as(LocalClient.text(response)).isEqualTo(400);
			assertThat(LocalClient.text(response)).doesNotContain(data.toString()).doesNotContain("Exception");
		}
		assertThat(LocalClient.text(longName)).contains("longer than 255 bytes");
		assertThat(LocalClient.text(longPath)).contains("longer than 4096 bytes");
	}

	@Test
	void aCutGzipBodyIsA400AndTheFileKeepsItsContent() throws IOException {
		Sandbox sandbox = create();
		write(sandbox, "/tmp/kept.txt", "previous");
		byte[] gzip = gzip(randomBytes(100_000));

		HttpResponse<byte[]> cut = client.envd(sandbox, "POST", "/files?path=/tmp/kept.txt",
				HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOf(gzip, gzip.length / 2)), "Content-Type",
				"application/octet-stream", "Content-Encoding", "gzip");
		HttpResponse<byte[]> notGzip = client.envd(sandbox, "POST", "/files?path=/tmp/kept.txt",
				HttpRequest.BodyPublishers.ofString("plain"), "Content-Type", "application/octet-stream",
				"Content-Encoding", "gzip");

		assertThat(cut.statusCode()).as(LocalClient.text(cut)).isEqualTo(400);
		assertThat(LocalClient.text(cut)).contains("gzip");
		assertThat(notGzip.statusCode()).isEqualTo(400);
		assertThat(read(sandbox, "/tmp/kept.txt")).isEqualTo("previous");
	}

	@Test
	void aMultipartBodyWithoutItsEndIsA400AndTheFileKeepsItsContent() {
		Sandbox sandbox = create();
		write(sandbox, "/tmp/kept.txt", "previous");
		String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"/tmp/kept.txt\"\r\n\r\n"
				+ "the new content, never finished";

		HttpResponse<byte[]> response = client.envd(sandbox, "POST", "/files",
				HttpRequest.BodyPublishers.ofString(body), "Content-Type", "multipart/form-data; boundary=b");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(read(sandbox, "/tmp/kept.txt")).isEqualTo("previous");
	}

	@Test
	void anUploadWhoseConnectionIsCutLeavesTheFileAsItWas() throws IOException {
		Sandbox sandbox = create();
		write(sandbox, "/tmp/kept.txt", "previous");
		URI url = URI.create(server.url());

		try (Socket socket = new Socket(url.getHost(), url.getPort())) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /files?path=/tmp/kept.txt HTTP/1.1\r\nHost: localhost\r\nE2b-Sandbox-Id: " + sandbox.id()
					+ "\r\nX-Access-Token: " + sandbox.token()
					+ "\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\nonly the start")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			socket.shutdownOutput();
			// whatever the server answers, it has read the end of the body by then
			socket.getInputStream().transferTo(OutputStream.nullOutputStream());
		}

		assertThat(read(sandbox, "/tmp/kept.txt")).isEqualTo("previous");
	}

	@Test
	void namesWithNewlinesAndOtherControlCharactersRoundTrip() {
		Sandbox sandbox = create();
		String name = "new\nline\ttab\u0001\u001b[31mred \"quoted\" \u00e9.txt";
		String path = "/tmp/" + name;

		HttpResponse<byte[]> uploaded = client.envd(sandbox, "POST", "/files?path=" + encode(path),
				HttpRequest.BodyPublishers.ofString("content"), "Content-Type", "application/octet-stream");
		HttpResponse<byte[]> listed = client.unary(sandbox, "filesystem.Filesystem/ListDir", "{\"path\":\"/tmp\"}");
		HttpResponse<byte[]> downloaded = client.envd(sandbox, "GET", "/files?path=" + encode(path),
				HttpRequest.BodyPublishers.noBody());

		assertThat(uploaded.statusCode()).isEqualTo(200);
		assertThat(LocalClient.json(uploaded).get(0).get("name").asString()).isEqualTo(name);
		assertThat(LocalClient.json(listed).get("entries").valueStream().map((entry) -> entry.get("name").asString()))
			.contains(name);
		assertThat(downloaded.statusCode()).isEqualTo(200);
		assertThat(LocalClient.text(downloaded)).isEqualTo("content");
		assertThat(downloaded.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(disposition) -> assertThat(disposition).doesNotContain("\n").contains("filename*=UTF-8''new%0Aline"));
	}

	private static void assertBadRequest(HttpResponse<byte[]> response) {
		assertThat(response.statusCode()).as(LocalClient.text(response)).isEqualTo(400);
		assertThat(LocalClient.json(response).get("message").asString()).isNotBlank();
	}

	private static Sandbox create() {
		return Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}"));
	}

	private static void write(Sandbox sandbox, String path, String content) {
		HttpResponse<byte[]> response = client.envd(sandbox, "POST", "/files?path=" + encode(path),
				HttpRequest.BodyPublishers.ofString(content), "Content-Type", "application/octet-stream");
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private static String read(Sandbox sandbox, String path) {
		return LocalClient
			.text(client.envd(sandbox, "GET", "/files?path=" + encode(path), HttpRequest.BodyPublishers.noBody()));
	}

	private static String encode(String path) {
		return URLEncoder.encode(path, StandardCharsets.UTF_8);
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(7).nextBytes(bytes);
		return bytes;
	}

	private static byte[] gzip(byte[] content) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(content);
		}
		return out.toByteArray();
	}

	private static byte[] envelope(String json) {
		byte[] payload = json.getBytes(StandardCharsets.UTF_8);
		return java.nio.ByteBuffer.allocate(5 + payload.length)
			.put((byte) 0)
			.putInt(payload.length)
			.put(payload)
			.array();
	}

}
