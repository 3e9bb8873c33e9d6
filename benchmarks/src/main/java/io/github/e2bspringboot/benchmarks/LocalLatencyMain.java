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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.local.Isolation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * e2b-local's own speed with full isolation, over plain HTTP: how long a create takes to
 * answer, how long until a new sandbox has run its first {@code echo}, and an
 * {@code echo} round trip in a running sandbox. Several runs of 100 each; prints each
 * run's p50 and p90 and their spread across runs. The floor beside them is what starting
 * {@code /bin/true} from this JVM costs with no isolation: a command in a sandbox starts
 * several programs (setpriv, nsenter, the wrapper shell, the command).
 *
 * <pre>
 * ./mvnw -B -pl benchmarks -am -DskipTests -Dskip.npm package spring-boot:run \
 *     -Dspring-boot.run.main-class=io.github.e2bspringboot.benchmarks.LocalLatencyMain [-Dspring-boot.run.arguments=5]
 * </pre>
 */
public final class LocalLatencyMain {

	private static final int PER_RUN = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ECHO = "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"echo hi\"]}}";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final E2bLocalServer server;

	private LocalLatencyMain(E2bLocalServer server) {
		this.server = server;
	}

	public static void main(String[] args) throws Exception {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		try (E2bLocalServer server = E2bLocalServer.builder().isolation(Isolation.BUBBLEWRAP).build().start()) {
			LocalLatencyMain benchmark = new LocalLatencyMain(server);
			System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
					+ System.getProperty("java.version") + "; warming up...");
			benchmark.run();
			List<List<Double>> creates = new ArrayList<>();
			List<List<Double>> firstEchoes = new ArrayList<>();
			List<List<Double>> echoes = new ArrayList<>();
			List<List<Double>> floors = new ArrayList<>();
			for (int run = 0; run < runs; run++) {
				List<List<Double>> figures = benchmark.run();
				creates.add(figures.get(0));
				firstEchoes.add(figures.get(1));
				echoes.add(figures.get(2));
				floors.add(processFloor());
			}
			System.out.printf(Locale.ROOT, "%n| e2b-local, isolated, %d runs x %d | p50 ms: min / median / max"
					+ " | p90 ms: min / median / max |%n|---|---|---|%n", runs, PER_RUN);
			print("create (until the answer)", creates);
			print("create, then first echo done", firstEchoes);
			print("echo round trip, running sandbox", echoes);
			print("floor: start /bin/true from this JVM, no isolation", floors);
		}
	}

	/** One run: creates, first commands and warm round trips, in milliseconds. */
	private List<List<Double>> run() throws Exception {
		List<Double> creates = new ArrayList<>();
		List<Double> firstEchoes = new ArrayList<>();
		List<Double> echoes = new ArrayList<>();
		List<Created> ids = new ArrayList<>();
		for (int i = 0; i < PER_RUN; i++) {
			long start = System.nanoTime();
			Created id = create();
			creates.add(millisSince(start));
			echo(id);
			firstEchoes.add(millisSince(start));
			ids.add(id);
		}
		for (int i = 0; i < PER_RUN; i++) {
			long start = System.nanoTime();
			echo(ids.get(0));
			echoes.add(millisSince(start));
		}
		for (Created id : ids) {
			send(request("/sandboxes/" + id.id()).DELETE(), 204);
		}
		return List.of(creates, firstEchoes, echoes);
	}

	/** A sandbox as the create call answers it: its id and envd access token. */
	private record Created(String id, String accessToken) {
	}

	private Created create() throws Exception {
		HttpResponse<byte[]> created = send(request("/v2/sandboxes").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"templateID\":\"base\"}")), 201);
		JsonNode body = JSON.readTree(created.body());
		return new Created(body.get("sandboxID").asString(), body.get("envdAccessToken").asString());
	}

	private void echo(Created sandbox) throws Exception {
		byte[] payload = ECHO.getBytes(StandardCharsets.UTF_8);
		byte[] envelope = ByteBuffer.allocate(5 + payload.length)
			.put((byte) 0)
			.putInt(payload.length)
			.put(payload)
			.array();
		HttpResponse<byte[]> response = send(request("/process.Process/Start").header("E2b-Sandbox-Id", sandbox.id())
			.header("X-Access-Token", sandbox.accessToken())
			.header("Content-Type", "application/connect+json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(envelope)), 200);
		String frames = new String(response.body(), StandardCharsets.ISO_8859_1);
		if (!frames.contains("\"exited\":true") || !frames.contains("aGkK")) {
			throw new IllegalStateException("echo did not print hi: " + frames);
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.server.url() + path)).header("X-API-KEY", this.server.apiKey());
	}

	private HttpResponse<byte[]> send(HttpRequest.Builder request, int expected) throws Exception {
		HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(
					response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
		}
		return response;
	}

	private static void print(String what, List<List<Double>> runs) {
		List<Double> p50 = runs.stream().map((run) -> percentile(run, 50)).sorted().toList();
		List<Double> p90 = runs.stream().map((run) -> percentile(run, 90)).sorted().toList();
		System.out.printf(Locale.ROOT, "| %s | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f |%n", what, p50.get(0),
				p50.get(p50.size() / 2), p50.get(p50.size() - 1), p90.get(0), p90.get(p90.size() / 2),
				p90.get(p90.size() - 1));
	}

	private static double percentile(List<Double> values, int percentile) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
	}

	private static List<Double> processFloor() throws Exception {
		List<Double> floor = new ArrayList<>();
		for (int i = 0; i < PER_RUN; i++) {
			long start = System.nanoTime();
			new ProcessBuilder("/bin/true").start().waitFor();
			floor.add(millisSince(start));
		}
		return floor;
	}

	private static double millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000.0;
	}

}
