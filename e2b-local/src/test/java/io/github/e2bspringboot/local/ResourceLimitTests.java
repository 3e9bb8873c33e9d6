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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.github.e2bspringboot.local.LocalClient.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sandbox code and clients try to take more than a sandbox may have: processes, disk (by
 * uploads racing each other and by its own writes), directory watches, environment
 * variables, and a download that would wait forever. Each limit holds, with a clear
 * answer, and other sandboxes go on working.
 */
class ResourceLimitTests {

	private static final int MAX_PROCESSES = 64;

	private static final long DISK = 16 * 1024 * 1024;

	private static final int MAX_WATCHERS = 4;

	private static E2bLocalServer server;

	private static LocalClient client;

	@BeforeAll
	static void start() {
		server = E2bLocalServer.builder()
			.isolation(IsolationRequirement.forTests())
			.maxProcesses(MAX_PROCESSES)
			.diskLimit(DISK)
			.maxWatchers(MAX_WATCHERS)
			.build()
			.start();
		client = new LocalClient(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aProcessStormStopsAtTheLimitAndOtherSandboxesGoOn() {
		assumeTrue(server.isolated(), "the process limit applies to isolated sandboxes");
		Sandbox stormy = create();
		// perl is part of every Debian system; bash would retry each failed fork for
		// seconds
		String storm = "perl -e 'my $n = 0; for (1..1000) { my $p = fork(); last unless defined $p;"
				+ " if ($p == 0) { sleep 600; exit 0 } $n++ } print \"$n\\n\"'";

		LocalClient.CommandOutput output = client.run(stormy, storm + " &> /tmp/storm.txt & wait; cat /tmp/storm.txt");
		LocalClient.CommandOutput other = client.run(create(), "echo still working");

		int started = Integer.parseInt(output.stdout().strip());
		assertThat(started).isPositive().isLessThan(MAX_PROCESSES);
		assertThat(other.stdout()).isEqualTo("still working\n");
		client.control("DELETE", "/sandboxes/" + stormy.id(), null);
	}

	@Test
	void uploadsRacingEachOtherAndTheSandboxsOwnWritesShareOneDiskLimit() {
		Sandbox sandbox = create();
		byte[] content = new byte[4 * 1024 * 1024];
		new Random(13).nextBytes(content);

		List<CompletableFuture<HttpResponse<byte[]>>> uploads = IntStream.range(0, 8)
			.mapToObj((i) -> CompletableFuture
				.supplyAsync(() -> client.envd(sandbox, "POST", "/files?path=/tmp/up-" + i,
						HttpRequest.BodyPublishers.ofByteArray(content), "Content-Type", "application/octet-stream")))
			.toList();
		Map<Integer, Integer> statuses = new LinkedHashMap<>();
		List<String> written = new ArrayList<>();
		for (int i = 0; i < uploads.size(); i++) {
			HttpResponse<byte[]> response = uploads.get(i).join();
			statuses.merge(response.statusCode(), 1, Integer::sum);
			if (response.statusCode() == 200) {
				written.add("/tmp/up-" + i);
			}
		}

		assertThat(statuses.keySet()).as("answers by status: %s", statuses).containsOnly(200, 507);
		assertThat(statuses.get(507)).as("uploads refused for lack of space").isPositive();
		for (String path : written) {
			HttpResponse<byte[]> download = client.envd(sandbox, "GET", "/files?path=" + path,
					HttpRequest.BodyPublishers.noBody());
			assertThat(download.body()).as("%s holds the whole upload", path).isEqualTo(content);
		}
		if (server.isolated()) {
			String filled = client
				.run(sandbox, "dd if=/dev/zero of=/tmp/fill bs=1M count=64 2>&1; stat -c %s /tmp/fill")
				.stdout();
			assertThat(filled).contains("No space left on device");
			long size = Long.parseLong(filled.lines().reduce((first, last) -> last).orElseThrow().strip());
			assertThat(size + (long) written.size() * content.length).isLessThanOrEqualTo(DISK);
		}
	}

	@Test
	void directoryWatchesStopAtTheLimitUntilOneIsRemoved() {
		Sandbox sandbox = create();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < MAX_WATCHERS; i++) {
			HttpResponse<byte[]> created = client.unary(sandbox, "filesystem.Filesystem/CreateWatcher",
					"{\"path\":\"/tmp\"}");
			assertThat(created.statusCode()).isEqualTo(200);
			ids.add(LocalClient.json(created).get("watcherId").asString());
		}

		HttpResponse<byte[]> oneTooMany = client.unary(sandbox, "filesystem.Filesystem/CreateWatcher",
				"{\"path\":\"/tmp\"}");
		List<LocalClient.Frame> streamed = client.stream(sandbox, "filesystem.Filesystem/WatchDir",
				"{\"path\":\"/tmp\"}");
		client.unary(sandbox, "filesystem.Filesystem/RemoveWatcher", "{\"watcherId\":\"" + ids.get(0) + "\"}");
		HttpResponse<byte[]> afterRemoval = client.unary(sandbox, "filesystem.Filesystem/CreateWatcher",
				"{\"path\":\"/tmp\"}");

		assertThat(oneTooMany.statusCode()).isEqualTo(429);
		assertThat(LocalClient.json(oneTooMany).get("code").asString()).isEqualTo("resource_exhausted");
		JsonNode end = streamed.get(streamed.size() - 1).message();
		assertThat(end.path("error").path("code").asString()).isEqualTo("resource_exhausted");
		assertThat(afterRemoval.statusCode()).isEqualTo(200);
	}

	@Test
	void tooManyOrTooLargeEnvironmentVariablesAreRefusedOnCreateAndStart() {
		Map<String, String> many = new LinkedHashMap<>();
		IntStream.range(0, 10_000).forEach((i) -> many.put("VAR_" + i, "x"));
		String manyJson = LocalClient.JSON.writeValueAsString(many);
		String large = LocalClient.JSON.writeValueAsString(Map.of("BIG", "x".repeat(200 * 1024)));
		Sandbox sandbox = create();

		HttpResponse<byte[]> create = client.control("POST", "/v2/sandboxes",
				"{\"templateID\":\"base\",\"envVars\":" + manyJson + "}");
		HttpResponse<byte[]> createLarge = client.control("POST", "/v2/sandboxes",
				"{\"templateID\":\"base\",\"envVars\":" + large + "}");
		HttpResponse<byte[]> start = client.envd(sandbox, "POST", "/process.Process/Start",
				HttpRequest.BodyPublishers
					.ofByteArray(envelope("{\"process\":{\"cmd\":\"true\",\"envs\":" + manyJson + "}}")),
				"Content-Type", "application/connect+json");

		assertThat(create.statusCode()).isEqualTo(400);
		assertThat(LocalClient.text(create)).contains("environment variables");
		assertThat(createLarge.statusCode()).isEqualTo(400);
		List<LocalClient.Frame> frames = LocalClient.frames(start.body());
		assertThat(frames.get(frames.size() - 1).message().path("error").path("code").asString())
			.isEqualTo("invalid_argument");
		assertThat(client.run(sandbox, "echo fine").stdout()).isEqualTo("fine\n");
	}

	@Test
	void fifosAndDevicesAreRefusedAtOnceWhileOtherSandboxesWork() throws Exception {
		Sandbox sandbox = create();
		Sandbox other = create();
		boolean fifo = server.isolated();
		if (fifo) {
			client.run(sandbox, "mkfifo /tmp/fifo");
		}
		HttpClient http = HttpClient.newHttpClient();
		List<String> paths = fifo ? List.of("/tmp/fifo", "/dev/zero", "/dev/null") : List.of("/dev/zero");

		List<CompletableFuture<HttpResponse<String>>> downloads = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create(server.url() + "/files?path=" + paths.get(i % paths.size())))
				.header("E2b-Sandbox-Id", sandbox.id())
				.header("X-Access-Token", sandbox.token())
				.build();
			downloads.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
		}
		LocalClient.CommandOutput meanwhile = client.run(other, "echo working");

		for (CompletableFuture<HttpResponse<String>> download : downloads) {
			HttpResponse<String> response = download.join();
			assertThat(response.statusCode()).as(response.body()).isIn(400, 404);
		}
		assertThat(meanwhile.stdout()).isEqualTo("working\n");
	}

	private static Sandbox create() {
		return Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}"));
	}

	private static byte[] envelope(String json) {
		byte[] payload = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		return java.nio.ByteBuffer.allocate(5 + payload.length)
			.put((byte) 0)
			.putInt(payload.length)
			.put(payload)
			.array();
	}

}
