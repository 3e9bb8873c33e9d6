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
package io.github.e2bspringboot.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.e2bspringboot.errors.AuthenticationException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.InvalidArgumentException;
import io.github.e2bspringboot.errors.NotEnoughSpaceException;
import io.github.e2bspringboot.errors.SandboxFileNotFoundException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.files.FilesystemEvent;
import io.github.e2bspringboot.sandbox.files.WriteEntry;
import io.github.e2bspringboot.sandbox.files.WriteInfo;
import io.github.e2bspringboot.sandbox.files.WriteOptions;
import io.github.e2bspringboot.testsupport.RecordingServer;
import io.github.e2bspringboot.testsupport.RecordingServer.RecordedRequest;
import io.github.e2bspringboot.testsupport.RecordingServer.Response;
import io.github.e2bspringboot.testsupport.WireFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;

import static io.github.e2bspringboot.testsupport.WireFixtures.ACCESS_TOKEN;
import static io.github.e2bspringboot.testsupport.WireFixtures.CREATED;
import static io.github.e2bspringboot.testsupport.WireFixtures.CREATED_UNSECURED;
import static io.github.e2bspringboot.testsupport.WireFixtures.SANDBOX_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Writing and reading files through envd's {@code /files} endpoint, asserted on the wire
 * against the requests of the official JS SDK 2.51.0 (PROTOCOL.md 4, 5 and 14).
 */
class FilesWireTests {

	private RecordingServer server;

	private Sandbox sandbox;

	@BeforeEach
	void createSandbox() throws IOException {
		this.server = new RecordingServer();
		this.server.enqueueJson(201, CREATED);
		this.sandbox = WireFixtures.template(this.server).create();
		this.server.takeRequest();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void writeSendsOneMultipartPartNamedFileWithThePathAsFilename() {
		this.server.enqueueJson(200, "[{\"path\":\"/home/user/hello.txt\",\"name\":\"hello.txt\",\"type\":\"file\"}]");

		WriteInfo written = this.sandbox.files().write("hello.txt", "hi");

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.target()).isEqualTo("/files?path=hello.txt");
		assertEnvdHeaders(request, ACCESS_TOKEN);
		assertThat(request.header("x-api-key")).as("the API key never goes to a sandbox").isNull();
		String boundary = boundaryOf(request);
		assertThat(request.bodyText()).isEqualTo(
				"--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"file\"; filename=\"hello.txt\"\r\n"
						+ "Content-Type: application/octet-stream\r\n\r\n" + "hi\r\n" + "--" + boundary + "--\r\n");
		assertThat(written).isEqualTo(new WriteInfo("hello.txt", "file", "/home/user/hello.txt", Map.of()));
	}

	@Test
	void writeEncodesTheQueryPathAndKeepsTheRawPathAsFilename() {
		this.server.enqueueJson(200, "[{\"path\":\"/tmp/bin.dat\",\"name\":\"bin.dat\",\"type\":\"file\"}]");

		this.sandbox.files().write("/tmp/bin.dat", new byte[] { 0, 1, 2, (byte) 255 });

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.target()).isEqualTo("/files?path=%2Ftmp%2Fbin.dat");
		String boundary = boundaryOf(request);
		byte[] head = ("--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"/tmp/bin.dat\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		assertThat(request.body()).startsWith(head)
			.endsWith(tail)
			.hasSize(head.length + 4 + tail.length)
			.containsSubsequence(new byte[] { 0, 1, 2, (byte) 255 });
	}

	@Test
	void writeFilesSendsOneRequestWithOnePartPerFileAndNoQueryPath() {
		this.server.enqueueJson(200, "[{\"path\":\"/home/user/a.txt\",\"name\":\"a.txt\",\"type\":\"file\"},"
				+ "{\"path\":\"/tmp/b.txt\",\"name\":\"b.txt\",\"type\":\"file\"},"
				+ "{\"path\":\"/tmp/c.txt\",\"name\":\"c.txt\",\"type\":\"file\",\"metadata\":{\"author\":\"mish\"}}]");

		List<WriteInfo> written = this.sandbox.files()
			.writeFiles(List.of(WriteEntry.of("a.txt", "A"), WriteEntry.of("/tmp/b.txt", "B".getBytes()),
					WriteEntry.of("/tmp/c.txt", new ByteArrayInputStream("C".getBytes()))));

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.target()).isEqualTo("/files");
		String boundary = boundaryOf(request);
		assertThat(request.bodyText()).isEqualTo(part(boundary, "a.txt", "A") + part(boundary, "/tmp/b.txt", "B")
				+ part(boundary, "/tmp/c.txt", "C") + "--" + boundary + "--\r\n");
		assertThat(written).extracting(WriteInfo::path).containsExactly("/home/user/a.txt", "/tmp/b.txt", "/tmp/c.txt");
		assertThat(written.get(2).metadata()).containsEntry("author", "mish");
		assertThat(this.server.pendingRequests()).isZero();
	}

	@Test
	void streamsAndResourcesAreSentAsRawBodiesLikeTheJsSdk() {
		this.server.enqueueJson(200, "[{\"path\":\"/tmp/s\",\"name\":\"s\",\"type\":\"file\"}]")
			.enqueueJson(200, "[{\"path\":\"/tmp/r\",\"name\":\"r\",\"type\":\"file\"}]");
		InputStream stream = new ByteArrayInputStream("from a stream".getBytes());

		this.sandbox.files().write("/tmp/s", stream);
		this.sandbox.files().write("/tmp/r", new ByteArrayResource("from a resource".getBytes()));

		RecordedRequest streamed = this.server.takeRequest();
		assertThat(streamed.target()).isEqualTo("/files?path=%2Ftmp%2Fs");
		assertThat(streamed.header("content-type")).isEqualTo("application/octet-stream");
		assertThat(streamed.header("content-encoding")).isNull();
		assertThat(streamed.bodyText()).isEqualTo("from a stream");
		assertThat(this.server.takeRequest().bodyText()).isEqualTo("from a resource");
	}

	@Test
	void gzipCompressesTheRawBody() throws IOException {
		this.server.enqueueJson(200, "[{\"path\":\"/home/user/g.txt\",\"name\":\"g.txt\",\"type\":\"file\"}]");

		this.sandbox.files().write("g.txt", new ByteArrayInputStream("gzipped".getBytes()), WriteOptions.gzip());

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.target()).isEqualTo("/files?path=g.txt");
		assertThat(request.header("content-type")).isEqualTo("application/octet-stream");
		assertThat(request.header("content-encoding")).isEqualTo("gzip");
		try (InputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(request.body()))) {
			assertThat(in.readAllBytes()).asString().isEqualTo("gzipped");
		}
	}

	@Test
	void rpcCallsCarryTheConnectHeadersAndTheUser() {
		this.server.enqueueJson(200, "{\"entries\":[]}").enqueueJson(200, "{}");

		this.sandbox.files().asUser("root").list("d");
		this.sandbox.files().remove("/tmp/x");

		RecordedRequest list = this.server.takeRequest();
		assertThat(list.target()).isEqualTo("/filesystem.Filesystem/ListDir");
		assertThat(list.header("connect-protocol-version")).isEqualTo("1");
		assertThat(list.header("content-type")).isEqualTo("application/json");
		assertThat(list.header("authorization")).isEqualTo("Basic cm9vdDo=");
		assertEnvdHeaders(list, ACCESS_TOKEN);
		assertThat(list.bodyText()).isEqualTo("{\"path\":\"d\",\"depth\":1}");
		RecordedRequest remove = this.server.takeRequest();
		assertThat(remove.header("authorization")).as("no user, no authorization").isNull();
		assertThat(remove.bodyText()).isEqualTo("{\"path\":\"/tmp/x\"}");
	}

	@Test
	void aWatchSkipsEventTypesItDoesNotKnowAndGoesOn() {
		this.server.enqueue(new Response(200, Map.of("Content-Type", "application/connect+json"),
				frames("{\"start\":{}}", "{\"filesystem\":{\"name\":\"a\",\"type\":\"EVENT_TYPE_TELEPORT\"}}",
						"{\"filesystem\":{\"name\":\"b\",\"type\":\"EVENT_TYPE_CREATE\"}}")));

		List<FilesystemEvent> events = this.sandbox.reactive().files().watchDir("/tmp").collectList().block();

		assertThat(events).extracting(FilesystemEvent::name, FilesystemEvent::type)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("b", FilesystemEvent.Type.CREATE));
	}

	@Test
	void aCommandStartsWithTheEnvelopeAndHeadersOfTheJsSdk() {
		this.server.enqueue(new Response(200, Map.of("Content-Type", "application/connect+json"),
				frames("{\"event\":{\"start\":{\"pid\":412}}}", "{\"event\":{\"data\":{\"stdout\":\"aGkK\"}}}",
						"{\"event\":{\"keepalive\":{}}}",
						"{\"event\":{\"end\":{\"exited\":true,\"status\":\"exit status 0\"}}}")));

		String stdout = this.sandbox.commands()
			.run("echo hi",
					io.github.e2bspringboot.sandbox.commands.CommandOptions.builder().env("A", "b").cwd("/tmp").build())
			.stdout();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.target()).isEqualTo("/process.Process/Start");
		assertThat(request.header("content-type")).isEqualTo("application/connect+json");
		assertThat(request.header("connect-timeout-ms")).isEqualTo("60000");
		assertThat(request.header("keepalive-ping-interval")).isEqualTo("50");
		String json = "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"echo hi\"],\"envs\":{\"A\":\"b\"},\"cwd\":\"/tmp\"},\"stdin\":false}";
		byte[] expected = java.nio.ByteBuffer.allocate(5 + json.length())
			.put((byte) 0)
			.putInt(json.length())
			.put(json.getBytes(StandardCharsets.UTF_8))
			.array();
		assertThat(request.body()).isEqualTo(expected);
		assertThat(stdout).isEqualTo("hi\n");
	}

	@Test
	void aStreamWithoutItsEndFrameIsAnError() {
		byte[] withoutEnd = java.util.Arrays.copyOf(frames("{\"event\":{\"start\":{\"pid\":1}}}"),
				5 + "{\"event\":{\"start\":{\"pid\":1}}}".length());
		this.server.enqueue(new Response(200, Map.of("Content-Type", "application/connect+json"), withoutEnd));

		assertThatExceptionOfType(E2bException.class).isThrownBy(() -> this.sandbox.commands().run("true"))
			.withMessageContaining("missing EndStreamResponse");
	}

	@Test
	void endStreamErrorsMapToTypedExceptions() {
		this.server
			.enqueue(new Response(200, Map.of("Content-Type", "application/connect+json"),
					endStreamError("deadline_exceeded", "context deadline exceeded")))
			.enqueue(new Response(200, Map.of("Content-Type", "application/connect+json"),
					endStreamError("not_found", "process with pid 9 not found")))
			.enqueueJson(404, "{\"code\":\"not_found\",\"message\":\"process with pid 9 not found\"}")
			.enqueueJson(502, "{\"sandboxId\":\"x\",\"message\":\"The sandbox was not found\",\"code\":502}");

		assertThatExceptionOfType(SandboxTimeoutException.class)
			.isThrownBy(() -> this.sandbox.commands().run("sleep 9"))
			.withMessageStartingWith("context deadline exceeded");
		assertThatExceptionOfType(io.github.e2bspringboot.errors.NotFoundException.class)
			.isThrownBy(() -> this.sandbox.commands().connect(9));
		assertThat(this.sandbox.commands().kill(9)).isFalse();
		assertThatExceptionOfType(SandboxTimeoutException.class).isThrownBy(() -> this.sandbox.files().list("/"))
			.withMessageStartingWith("The sandbox was not found");
	}

	private static byte[] frames(String... messages) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (String message : messages) {
			byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
			out.writeBytes(java.nio.ByteBuffer.allocate(5 + bytes.length)
				.put((byte) 0)
				.putInt(bytes.length)
				.put(bytes)
				.array());
		}
		out.writeBytes(new byte[] { 2, 0, 0, 0, 2, '{', '}' });
		return out.toByteArray();
	}

	private static byte[] endStreamError(String code, String message) {
		byte[] bytes = ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}")
			.getBytes(StandardCharsets.UTF_8);
		return java.nio.ByteBuffer.allocate(5 + bytes.length).put((byte) 2).putInt(bytes.length).put(bytes).array();
	}

	@Test
	void filenamesWithQuotesAndLineBreaksAreEscapedLikeTheJsSdk() {
		this.server.enqueueJson(200, "[{\"path\":\"/tmp/x\",\"name\":\"x\",\"type\":\"file\"}]");

		this.sandbox.files().write("/tmp/a\"b\nc", "x");

		assertThat(this.server.takeRequest().bodyText()).contains("filename=\"/tmp/a%22b%0Ac\"");
	}

	@Test
	void anEmptyPathIsRejectedBeforeAnyRequest() {
		assertThatExceptionOfType(InvalidArgumentException.class).isThrownBy(() -> this.sandbox.files().write("", "x"))
			.withMessage("path must not be empty");
		assertThat(this.sandbox.files().writeFiles(List.of())).isEmpty();
		assertThat(this.server.pendingRequests()).isZero();
	}

	@Test
	void readGetsTheFileAsTextBytesOrStream() throws IOException {
		this.server.enqueue(Response.text(200, "hi"))
			.enqueue(Response.bytes(200, new byte[] { 0, 1, 2, (byte) 255 }))
			.enqueue(Response.bytes(200, "streamed".getBytes()))
			.enqueue(Response.bytes(200, new byte[0]));

		assertThat(this.sandbox.files().read("hello.txt")).isEqualTo("hi");
		assertThat(this.sandbox.files().readBytes("/tmp/bin.dat")).containsExactly(0, 1, 2, 255);
		try (InputStream in = this.sandbox.files().readStream("/tmp/s")) {
			assertThat(in.readAllBytes()).asString().isEqualTo("streamed");
		}
		assertThat(this.sandbox.files().readBytes("/tmp/empty")).isEmpty();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.target()).isEqualTo("/files?path=hello.txt");
		assertEnvdHeaders(request, ACCESS_TOKEN);
		assertThat(this.server.takeRequest().target()).isEqualTo("/files?path=%2Ftmp%2Fbin.dat");
	}

	@Test
	void envdErrorsMapToTypedExceptions() {
		this.server.enqueueJson(404, "{\"code\":404,\"message\":\"path '/home/user/nope' does not exist\"}")
			.enqueueJson(400, "{\"code\":400,\"message\":\"path is a directory\"}")
			.enqueueJson(401, "{\"code\":401,\"message\":\"access token present in header but does not match\"}")
			.enqueueJson(507, "{\"code\":507,\"message\":\"not enough disk space\"}")
			.enqueueJson(502,
					"{\"sandboxId\":\"" + SANDBOX_ID + "\",\"message\":\"The sandbox was not found\",\"code\":502}")
			.enqueue(Response.text(500, "oops"));

		assertThatExceptionOfType(SandboxFileNotFoundException.class)
			.isThrownBy(() -> this.sandbox.files().read("nope"))
			.withMessage("path '/home/user/nope' does not exist");
		assertThatExceptionOfType(InvalidArgumentException.class).isThrownBy(() -> this.sandbox.files().read("/tmp"))
			.withMessage("path is a directory");
		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> this.sandbox.files().write("a", "b"))
			.withMessageNotContaining(ACCESS_TOKEN);
		assertThatExceptionOfType(NotEnoughSpaceException.class).isThrownBy(() -> this.sandbox.files().write("a", "b"));
		assertThatExceptionOfType(SandboxTimeoutException.class).isThrownBy(() -> this.sandbox.files().read("a"))
			.withMessageStartingWith("The sandbox was not found: ");
		assertThatExceptionOfType(E2bException.class).isThrownBy(() -> this.sandbox.files().read("a"))
			.withMessage("500: oops");
	}

	@Test
	void anUnsecuredSandboxSendsNoAccessToken() throws IOException {
		this.server.enqueueJson(201, CREATED_UNSECURED).enqueue(Response.text(200, "hi"));
		Sandbox unsecured = WireFixtures.template(this.server).create(SandboxSpec.builder().secure(false).build());
		this.server.takeRequest();

		unsecured.files().read("hello.txt");

		RecordedRequest request = this.server.takeRequest();
		assertEnvdHeaders(request, null);
		assertThat(request.header("x-access-token")).isNull();
	}

	@Test
	void isRunningAsksEnvdHealth() {
		this.server.enqueueStatus(204).enqueueJson(502, "{\"message\":\"The sandbox was not found\",\"code\":502}");

		assertThat(this.sandbox.isRunning()).isTrue();
		assertThat(this.sandbox.isRunning()).isFalse();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.target()).isEqualTo("/health");
		assertEnvdHeaders(request, ACCESS_TOKEN);
	}

	@Test
	void toStringNeverShowsTheAccessToken() {
		assertThat(this.sandbox.toString()).contains(SANDBOX_ID).doesNotContain(ACCESS_TOKEN);
		assertThat(this.sandbox.reactive().toString()).doesNotContain(ACCESS_TOKEN);
	}

	private static void assertEnvdHeaders(RecordedRequest request, String accessToken) {
		assertThat(request.header("e2b-sandbox-id")).isEqualTo(SANDBOX_ID);
		assertThat(request.header("e2b-sandbox-port")).isEqualTo("49983");
		assertThat(request.header("user-agent")).startsWith("e2b-spring-boot/");
		if (accessToken != null) {
			assertThat(request.header("x-access-token")).isEqualTo(accessToken);
		}
	}

	private static String boundaryOf(RecordedRequest request) {
		String contentType = request.header("content-type");
		assertThat(contentType).startsWith("multipart/form-data; boundary=");
		return contentType.substring("multipart/form-data; boundary=".length());
	}

	private static String part(String boundary, String filename, String content) {
		return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n";
	}

}
