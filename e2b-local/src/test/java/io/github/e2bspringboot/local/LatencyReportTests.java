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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.e2bspringboot.local.LocalClient.Sandbox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prints the figures of e2b-local's own speed: sandbox creation and an {@code echo} round
 * trip, median of 100 each. A report, not a timing assertion: it only checks that every
 * operation did its work.
 */
class LatencyReportTests {

	private static final int RUNS = 100;

	@Test
	void reportCreateAndEchoLatency() {
		try (E2bLocalServer server = E2bLocalServer.builder()
			.isolation(IsolationRequirement.forTests())
			.build()
			.start()) {
			LocalClient client = new LocalClient(server);
			// warm-up: class loading, connection pool, JIT
			for (int i = 0; i < 10; i++) {
				Sandbox sandbox = Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}"));
				client.run(sandbox, "echo hi");
				client.control("DELETE", "/sandboxes/" + sandbox.id(), null);
			}
			List<Long> creates = new ArrayList<>();
			List<Long> echoes = new ArrayList<>();
			List<Sandbox> sandboxes = new ArrayList<>();
			for (int i = 0; i < RUNS; i++) {
				long start = System.nanoTime();
				sandboxes.add(Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}")));
				creates.add(System.nanoTime() - start);
			}
			Sandbox sandbox = sandboxes.get(0);
			for (int i = 0; i < RUNS; i++) {
				long start = System.nanoTime();
				String stdout = client.run(sandbox, "echo hi").stdout();
				echoes.add(System.nanoTime() - start);
				assertThat(stdout).isEqualTo("hi\n");
			}
			sandboxes.forEach((each) -> client.control("DELETE", "/sandboxes/" + each.id(), null));
			assertThat(server.sandboxCount()).isZero();
			System.out.printf(
					"e2b-local figures (isolated=%s, %d runs each): create median %.2f ms, p90 %.2f ms;"
							+ " echo round trip median %.2f ms, p90 %.2f ms%n",
					server.isolated(), RUNS, percentile(creates, 50), percentile(creates, 90), percentile(echoes, 50),
					percentile(echoes, 90));
		}
	}

	private static double percentile(List<Long> nanos, int percentile) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
		return sorted.get(index) / 1_000_000.0;
	}

}
