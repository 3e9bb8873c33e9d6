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

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.e2bspringboot.local.LocalClient.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over the wire, no path or link reaches a file outside the sandbox, and malformed
 * requests get clear 4xx answers while the server keeps serving.
 */
class TraversalTests {

	private static E2bLocalServer server;

	private static LocalClient client;

	@BeforeAll
	static void start() {
		server = E2bLocalServer.builder().isolation(IsolationRequirement.forTests()).build().start();
		client = new LocalClient(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void dotDotPathsStopAtTheSandboxsRoot() {
		Sandbox sandbox = Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}"));

		HttpResponse<byte[]> response = client.envd(sandbox, "GET", "/files?path=..%2F..%2F..%2F..%2Fetc%2Fhostname",
				HttpRequest.BodyPublishers.noBody());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(LocalClient.text(response)).isEqualTo("e2b-sandbox\n");
	}

	@Test
	void aSymlinkMadeByACommandLeadsOnlyToTheSandboxsOwnFiles() {
		Sandbox sandbox = Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}"));
		client.run(sandbox, "ln -s /etc hostetc; ln -s ../../../../../../../ up");

		HttpResponse<byte[]> absolute = client.envd(sandbox, "GET", "/files?path=hostetc%2Fhostname",
				HttpRequest.BodyPublishers.noBody());
		HttpResponse<byte[]> relative = client.envd(sandbox, "GET", "/files?path=up%2Fetc%2Fhostname",
				HttpRequest.BodyPublishers.noBody());
		HttpResponse<byte[]> write = client.envd(sandbox, "POST", "/files?path=hostetc%2Fpwned",
				HttpRequest.BodyPublishers.ofString("x"), "Content-Type", "application/octet-stream");

		assertThat(LocalClient.text(absolute)).isEqualTo("e2b-sandbox\n");
		assertThat(LocalClient.text(relative)).isEqualTo("e2b-sandbox\n");
		assertThat(write.statusCode()).isEqualTo(403);
		assertThat(LocalClient.json(write).get("message").asString()).contains("permission denied");
		assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/etc/pwned"))).isFalse();
	}

	@Test
	void malformedRequestsGetClearAnswers() {
		Sandbox sandbox = Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}"));

		HttpResponse<byte[]> badJson = client.unary(sandbox, "filesystem.Filesystem/Stat", "[1,2");
		HttpResponse<byte[]> unknownProcedure = client.unary(sandbox, "filesystem.Filesystem/Chmod", "{}");
		HttpResponse<byte[]> badMultipart = client.envd(sandbox, "POST", "/files",
				HttpRequest.BodyPublishers
					.ofString("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nno end"),
				"Content-Type", "multipart/form-data; boundary=x");
		HttpResponse<byte[]> badType = client.envd(sandbox, "POST", "/files?path=a",
				HttpRequest.BodyPublishers.ofString("x"), "Content-Type", "text/csv");
		HttpResponse<byte[]> badGzip = client.envd(sandbox, "POST", "/files?path=a",
				HttpRequest.BodyPublishers.ofString("nope"), "Content-Type", "application/octet-stream",
				"Content-Encoding", "gzip");
		HttpResponse<byte[]> unknownSandbox = client.envd(new Sandbox("doesnotexist", null), "GET", "/health",
				HttpRequest.BodyPublishers.noBody());

		assertThat(badJson.statusCode()).isEqualTo(400);
		assertThat(LocalClient.json(badJson).get("code").asString()).isEqualTo("invalid_argument");
		assertThat(unknownProcedure.statusCode()).isEqualTo(501);
		assertThat(LocalClient.json(unknownProcedure).get("code").asString()).isEqualTo("unimplemented");
		assertThat(badMultipart.statusCode()).isEqualTo(400);
		assertThat(badType.statusCode()).isEqualTo(400);
		assertThat(badGzip.statusCode()).isEqualTo(400);
		assertThat(unknownSandbox.statusCode()).isEqualTo(502);
		assertThat(LocalClient.json(unknownSandbox).get("sandboxId").asString()).isEqualTo("doesnotexist");
		assertThat(client.run(sandbox, "echo still serving").stdout()).isEqualTo("still serving\n");
	}

}
