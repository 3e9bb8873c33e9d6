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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the server's tests: raw requests with the JDK's client, so the
 * tests check the server against the protocol, not against another client of ours.
 */
final class LocalClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String url;

	private final String apiKey;

	LocalClient(E2bLocalServer server) {
		this(server.url(), server.apiKey());
	}

	LocalClient(String url, String apiKey) {
		this.url = url;
		this.apiKey = apiKey;
	}

	HttpResponse<byte[]> control(String method, String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(this.url + path))
			.header("X-API-KEY", this.apiKey)
			.header("Content-Type", "application/json")
			.method(method,
					(json == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
	}

	JsonNode createSandbox(String json) {
		HttpResponse<byte[]> response = control("POST", "/v2/sandboxes", json);
		if (response.statusCode() != 201) {
			throw new AssertionError("create answered " + response.statusCode() + ": " + text(response));
		}
		return json(response);
	}

	HttpResponse<byte[]> envd(Sandbox sandbox, String method, String path, HttpRequest.BodyPublisher body,
			String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url + path))
			.header("E2b-Sandbox-Id", sandbox.id())
			.header("E2b-Sandbox-Port", "49983")
			.method(method, body);
		if (sandbox.token() != null) {
			request.header("X-Access-Token", sandbox.token());
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	HttpResponse<byte[]> unary(Sandbox sandbox, String procedure, String json, String... headers) {
		List<String> all = new ArrayList<>(
				List.of("Content-Type", "application/json", "Connect-Protocol-Version", "1"));
		all.addAll(List.of(headers));
		return envd(sandbox, "POST", "/" + procedure, HttpRequest.BodyPublishers.ofString(json),
				all.toArray(String[]::new));
	}

	/**
	 * Call a server-streaming procedure and return every frame, the end-stream frame
	 * last.
	 */
	List<Frame> stream(Sandbox sandbox, String procedure, String json, String... headers) {
		byte[] payload = json.getBytes(StandardCharsets.UTF_8);
		byte[] envelope = ByteBuffer.allocate(5 + payload.length)
			.put((byte) 0)
			.putInt(payload.length)
			.put(payload)
			.array();
		List<String> all = new ArrayList<>(
				List.of("Content-Type", "application/connect+json", "Connect-Protocol-Version", "1"));
		all.addAll(List.of(headers));
		HttpResponse<byte[]> response = envd(sandbox, "POST", "/" + procedure,
				HttpRequest.BodyPublishers.ofByteArray(envelope), all.toArray(String[]::new));
		if (response.statusCode() != 200) {
			throw new AssertionError(procedure + " answered " + response.statusCode() + ": " + text(response));
		}
		return frames(response.body());
	}

	/**
	 * Call a server-streaming procedure and read its frames as they arrive: for tests
	 * that act on a stream while it runs, or read it slowly.
	 */
	FrameReader open(Sandbox sandbox, String procedure, String json, String... headers) {
		byte[] payload = json.getBytes(StandardCharsets.UTF_8);
		byte[] envelope = ByteBuffer.allocate(5 + payload.length)
			.put((byte) 0)
			.putInt(payload.length)
			.put(payload)
			.array();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url + "/" + procedure))
			.header("E2b-Sandbox-Id", sandbox.id())
			.header("E2b-Sandbox-Port", "49983")
			.header("Content-Type", "application/connect+json")
			.header("Connect-Protocol-Version", "1")
			.POST(HttpRequest.BodyPublishers.ofByteArray(envelope));
		if (sandbox.token() != null) {
			request.header("X-Access-Token", sandbox.token());
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<java.io.InputStream> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				throw new AssertionError(procedure + " answered " + response.statusCode());
			}
			return new FrameReader(response.body());
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	static List<Frame> frames(byte[] body) {
		List<Frame> frames = new ArrayList<>();
		ByteBuffer buffer = ByteBuffer.wrap(body);
		while (buffer.remaining() >= 5) {
			byte flags = buffer.get();
			byte[] message = new byte[buffer.getInt()];
			buffer.get(message);
			frames.add(new Frame(flags, JSON.readTree(message)));
		}
		return frames;
	}

	/**
	 * Run a command the way the SDKs do and collect its output.
	 */
	CommandOutput run(Sandbox sandbox, String command, String... headers) {
		String json = JSON.writeValueAsString(
				Map.of("process", Map.of("cmd", "/bin/bash", "args", List.of("-l", "-c", command)), "stdin", false));
		return CommandOutput.of(stream(sandbox, "process.Process/Start", json, headers));
	}

	private HttpResponse<byte[]> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	static JsonNode json(HttpResponse<byte[]> response) {
		return JSON.readTree(response.body());
	}

	static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	/**
	 * A sandbox as the tests address it.
	 */
	record Sandbox(String id, String token) {

		static Sandbox of(JsonNode created) {
			JsonNode token = created.get("envdAccessToken");
			return new Sandbox(created.get("sandboxID").asString(), (token != null) ? token.asString() : null);
		}

	}

	/**
	 * The frames of a stream, read one at a time as the server sends them.
	 */
	static final class FrameReader implements AutoCloseable {

		private final java.io.DataInputStream in;

		FrameReader(java.io.InputStream in) {
			this.in = new java.io.DataInputStream(in);
		}

		/**
		 * Read the next frame.
		 * @return the frame, or {@code null} when the stream ended without one
		 * @throws IOException when the connection was cut
		 */
		Frame next() throws IOException {
			int flags = this.in.read();
			if (flags < 0) {
				return null;
			}
			byte[] message = new byte[this.in.readInt()];
			this.in.readFully(message);
			return new Frame((byte) flags, JSON.readTree(message));
		}

		/**
		 * Read frames until one matches.
		 * @return the matching frame
		 */
		Frame until(java.util.function.Predicate<Frame> wanted) throws IOException {
			Frame frame;
			while ((frame = next()) != null) {
				if (wanted.test(frame)) {
					return frame;
				}
			}
			throw new AssertionError("The stream ended before the frame that was waited for");
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

	/**
	 * One Connect stream frame.
	 */
	record Frame(byte flags, JsonNode message) {

		boolean isEnd() {
			return this.flags == 2;
		}

	}

	/**
	 * What a command printed and how it ended.
	 */
	record CommandOutput(int pid, String stdout, String stderr, JsonNode end, JsonNode endStream) {

		static CommandOutput of(List<Frame> frames) {
			ByteArrayOutputStream stdout = new ByteArrayOutputStream();
			ByteArrayOutputStream stderr = new ByteArrayOutputStream();
			int pid = -1;
			JsonNode end = null;
			for (Frame frame : frames.subList(0, frames.size() - 1)) {
				JsonNode event = frame.message().get("event");
				if (event.has("start")) {
					pid = event.get("start").get("pid").asInt();
				}
				else if (event.has("data")) {
					JsonNode data = event.get("data");
					if (data.has("stdout")) {
						stdout.writeBytes(Base64.getDecoder().decode(data.get("stdout").asString()));
					}
					if (data.has("stderr")) {
						stderr.writeBytes(Base64.getDecoder().decode(data.get("stderr").asString()));
					}
				}
				else if (event.has("end")) {
					end = event.get("end");
				}
			}
			Frame last = frames.get(frames.size() - 1);
			if (!last.isEnd()) {
				throw new AssertionError("The stream did not close with an end-stream frame");
			}
			return new CommandOutput(pid, stdout.toString(StandardCharsets.UTF_8),
					stderr.toString(StandardCharsets.UTF_8), end, last.message());
		}

		int exitCode() {
			return (this.end != null && this.end.has("exitCode")) ? this.end.get("exitCode").asInt() : 0;
		}

	}

}
