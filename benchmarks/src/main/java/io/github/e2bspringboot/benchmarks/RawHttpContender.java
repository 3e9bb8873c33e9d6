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
package io.github.e2bspringboot.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor: the minimal HTTP requests for the same work with the JDK's
 * {@code HttpClient} and no SDK logic (no retries, no observations, no validation).
 */
final class RawHttpContender extends JvmContender {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String BOUNDARY = "----raw-floor-boundary";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String url;

	private final String apiKey;

	RawHttpContender(String url, String apiKey) {
		this.url = url;
		this.apiKey = apiKey;
	}

	@Override
	public String name() {
		return "raw HTTP floor";
	}

	@Override
	public List<Double> createKill(int count) throws Exception {
		return measure(() -> {
			List<Double> latencies = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				long start = System.nanoTime();
				kill(create());
				latencies.add(millisSince(start));
			}
			return latencies;
		});
	}

	@Override
	public List<Double> concurrent(int total, int concurrency) throws Exception {
		return measure(() -> {
			List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
			ExecutorService pool = Executors.newFixedThreadPool(concurrency);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (int i = 0; i < total; i++) {
					done.add(pool.submit(() -> {
						long start = System.nanoTime();
						Created sandbox = create();
						try {
							upload(sandbox, "a.txt", multipart(List.of("a.txt"), "hello".getBytes()), true);
							checkEcho(run(sandbox, "echo hi"));
						}
						finally {
							kill(sandbox);
						}
						latencies.add(millisSince(start));
						return null;
					}));
				}
				for (Future<?> future : done) {
					future.get();
				}
			}
			finally {
				pool.shutdown();
			}
			return latencies;
		});
	}

	@Override
	public List<Double> writeFiles(int count, int size) throws Exception {
		Created sandbox = create();
		try {
			List<String> paths = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				paths.add("/tmp/many/f" + i + ".txt");
			}
			byte[] data = "x".repeat(size).getBytes();
			return measure(() -> {
				long start = System.nanoTime();
				int written = JSON.readTree(upload(sandbox, null, multipart(paths, data), true)).size();
				if (written != count) {
					throw new IllegalStateException("wrote " + written + " of " + count);
				}
				return List.of(millisSince(start));
			});
		}
		finally {
			kill(sandbox);
		}
	}

	@Override
	public List<Double> transfer(long bytes) throws Exception {
		Created sandbox = create();
		try {
			return measure(() -> {
				long start = System.nanoTime();
				HttpResponse<String> uploaded = this.http.send(
						envd(sandbox, "/files?path=%2Ftmp%2Fbig.bin").header("Content-Type", "application/octet-stream")
							.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedStream(bytes)))
							.build(),
						HttpResponse.BodyHandlers.ofString());
				require(uploaded.statusCode() == 200, uploaded.body());
				double upload = millisSince(start);
				start = System.nanoTime();
				HttpResponse<InputStream> download = this.http.send(
						envd(sandbox, "/files?path=%2Ftmp%2Fbig.bin").GET().build(),
						HttpResponse.BodyHandlers.ofInputStream());
				long received;
				try (InputStream in = download.body()) {
					received = in.transferTo(java.io.OutputStream.nullOutputStream());
				}
				require(received == bytes, "downloaded " + received + " of " + bytes);
				return List.of(upload, millisSince(start));
			});
		}
		finally {
			kill(sandbox);
		}
	}

	@Override
	public boolean runsCode() {
		return false;
	}

	@Override
	public List<Double> list(int expected) throws Exception {
		return measure(() -> {
			long start = System.nanoTime();
			long count = 0;
			String token = null;
			do {
				String query = "/v2/sandboxes?limit=100"
						+ ((token != null) ? "&nextToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8) : "");
				HttpResponse<byte[]> page = this.http.send(control(query).GET().build(),
						HttpResponse.BodyHandlers.ofByteArray());
				count += JSON.readTree(page.body()).size();
				token = page.headers().firstValue("X-Next-Token").orElse(null);
			}
			while (token != null && !token.isBlank());
			require(count >= expected, "listed " + count + " of " + expected);
			return List.of(millisSince(start));
		});
	}

	Created create() throws Exception {
		HttpResponse<byte[]> response = this.http
			.send(control("/v2/sandboxes").header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"templateID\":\"base\",\"timeout\":3600}"))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		require(response.statusCode() == 201, new String(response.body()));
		JsonNode body = JSON.readTree(response.body());
		return new Created(body.get("sandboxID").asString(), body.get("envdAccessToken").asString());
	}

	void kill(Created sandbox) throws Exception {
		this.http.send(control("/sandboxes/" + sandbox.id()).DELETE().build(), HttpResponse.BodyHandlers.discarding());
	}

	private String upload(Created sandbox, @Nullable String path, byte[] multipart, boolean check) throws Exception {
		String query = (path != null) ? "?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8) : "";
		HttpResponse<String> response = this.http
			.send(envd(sandbox, "/files" + query).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
				.POST(HttpRequest.BodyPublishers.ofByteArray(multipart))
				.build(), HttpResponse.BodyHandlers.ofString());
		require(!check || response.statusCode() == 200, response.body());
		return response.body();
	}

	private String run(Created sandbox, String command) throws Exception {
		byte[] json = ("{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"" + command
				+ "\"]},\"stdin\":false}")
			.getBytes(StandardCharsets.UTF_8);
		byte[] envelope = ByteBuffer.allocate(5 + json.length).put((byte) 0).putInt(json.length).put(json).array();
		HttpResponse<byte[]> response = this.http
			.send(envd(sandbox, "/process.Process/Start").header("Content-Type", "application/connect+json")
				.header("Connect-Protocol-Version", "1")
				.POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		ByteBuffer frames = ByteBuffer.wrap(response.body());
		StringBuilder stdout = new StringBuilder();
		while (frames.remaining() >= 5) {
			byte flags = frames.get();
			byte[] message = new byte[frames.getInt()];
			frames.get(message);
			JsonNode data = JSON.readTree(message).path("event").path("data").path("stdout");
			if (flags == 0 && data.isString()) {
				stdout.append(new String(Base64.getDecoder().decode(data.asString()), StandardCharsets.UTF_8));
			}
		}
		return stdout.toString();
	}

	private static byte[] multipart(List<String> paths, byte[] data) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (String path : paths) {
			body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + path
					+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(data);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	private HttpRequest.Builder control(String path) {
		return HttpRequest.newBuilder(URI.create(this.url + path))
			.timeout(Duration.ofMinutes(5))
			.header("X-API-KEY", this.apiKey);
	}

	private HttpRequest.Builder envd(Created sandbox, String path) {
		return HttpRequest.newBuilder(URI.create(this.url + path))
			.timeout(Duration.ofMinutes(5))
			.header("E2b-Sandbox-Id", sandbox.id())
			.header("E2b-Sandbox-Port", "49983")
			.header("X-Access-Token", sandbox.token());
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

	record Created(String id, String token) {
	}

}
