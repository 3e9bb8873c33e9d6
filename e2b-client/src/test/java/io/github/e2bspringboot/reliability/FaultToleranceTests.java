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
package io.github.e2bspringboot.reliability;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.RetrySettings;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxInfo;
import io.github.e2bspringboot.sandbox.SandboxQuery;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.testsupport.FaultyProxy;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mixed workload through a proxy that injects faults (latency, 429 bursts, 503s, lost
 * answers, dropped connections, slow streams): every idempotent operation succeeds, no
 * duplicate sandbox exists, every file reads back with the same SHA-256, and nothing is
 * left running.
 */
class FaultToleranceTests {

	private static final int SANDBOXES = 12;

	private static final RetrySettings PATIENT = new RetrySettings(8, Duration.ofMillis(20), Duration.ofMillis(500),
			2.0, 0.5);

	@Test
	void aMixedWorkloadSurvivesTheFaults() throws Exception {
		long seed = Long.getLong("e2b.faults.seed", 42);
		Map<FaultyProxy.Fault, Integer> first = runWorkload(seed);
		Map<FaultyProxy.Fault, Integer> second = runWorkload(seed);
		assertThat(second).as("the same seed injects the same faults, whatever the timing").isEqualTo(first);
	}

	/**
	 * Run the workload through a fresh proxy and server, check everything it promises,
	 * and return the faults the proxy injected.
	 */
	private static Map<FaultyProxy.Fault, Integer> runWorkload(long seed) {
		try (E2bLocalServer server = LocalSandboxes.startServer();
				FaultyProxy proxy = new FaultyProxy(java.net.URI.create(server.url()), 0.3, seed)) {
			E2bConnectionConfig config = E2bConnectionConfig.builder()
				.apiKey(server.apiKey())
				.apiUrl(proxy.url())
				.sandboxUrl(proxy.url())
				.requestTimeout(Duration.ofSeconds(60))
				.retrySettings(PATIENT)
				.build();
			SandboxTemplate sandboxes = new SandboxTemplate(new ReactiveSandboxTemplate(WebClient.builder(), config,
					SandboxSpec.builder().timeout(Duration.ofMinutes(5)).build()));
			// the same names every run, so that the proxy's faults are the same every run
			String run = "faults";
			Set<String> held = ConcurrentHashMap.newKeySet();
			AtomicInteger failedCreates = new AtomicInteger();
			AtomicInteger filesVerified = new AtomicInteger();

			Flux.range(0, SANDBOXES).parallel(4).runOn(Schedulers.boundedElastic()).doOnNext((i) -> {
				Sandbox sandbox = createWithAppRetries(sandboxes, run, i, failedCreates);
				held.add(sandbox.id());
				Random random = new Random(i);
				for (int f = 0; f < 3; f++) {
					byte[] content = new byte[10_000 + random.nextInt(150_000)];
					random.nextBytes(content);
					String path = "/tmp/file-" + f + ".bin";
					sandbox.files().write(path, content);
					assertThat(sha256(sandbox.files().readBytes(path))).isEqualTo(sha256(content));
					assertThat(sandbox.commands().run("sha256sum " + path).stdout()).startsWith(sha256(content));
					filesVerified.incrementAndGet();
				}
				assertThat(sandbox.getInfo().metadata()).containsEntry("run", run);
				sandbox.setTimeout(Duration.ofMinutes(4));
				assertThat(sandbox.files().exists("/tmp/file-0.bin")).isTrue();
			}).sequential().blockLast(Duration.ofMinutes(5));

			List<String> listed = new ArrayList<>();
			sandboxes.list(SandboxQuery.builder().metadata("run", run).build(), 5, null)
				.stream()
				.map(SandboxInfo::sandboxId)
				.forEach(listed::add);
			assertThat(listed).as("no duplicate: exactly the sandboxes the workload holds")
				.containsExactlyInAnyOrderElementsOf(held);

			held.forEach(sandboxes::kill);
			assertThat(server.sandboxCount()).as("nothing left running").isZero();
			assertThat(filesVerified.get()).isEqualTo(SANDBOXES * 3);
			Map<FaultyProxy.Fault, Integer> injected = proxy.injected();
			System.out.printf(
					"Fault tolerance: %d sandboxes, %d files verified by SHA-256 through %s injected faults;"
							+ " %d creates failed with a lost answer and were cleaned up and created again%n",
					SANDBOXES, filesVerified.get(), injected, failedCreates.get());
			assertThat(injected.entrySet()
				.stream()
				.filter((entry) -> entry.getKey() != FaultyProxy.Fault.LATENCY)
				.mapToInt(Map.Entry::getValue)
				.sum()).as("faults injected besides latency").isPositive();
			return injected;
		}
	}

	/**
	 * A create is not idempotent, so the application decides to try again after a lost
	 * answer; the starter guarantees the lost attempt left nothing behind.
	 */
	private static Sandbox createWithAppRetries(SandboxTemplate sandboxes, String run, int index,
			AtomicInteger failedCreates) {
		E2bException last = null;
		for (int attempt = 0; attempt < 10; attempt++) {
			try {
				return sandboxes.create(
						SandboxSpec.builder().metadata("run", run).metadata("index", Integer.toString(index)).build());
			}
			catch (E2bException ex) {
				failedCreates.incrementAndGet();
				last = ex;
			}
		}
		throw last;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
