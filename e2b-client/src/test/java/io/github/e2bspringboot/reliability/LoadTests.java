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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.ReactiveSandbox;
import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.commands.CommandResult;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 sandboxes at once through the reactive API, each writing, reading back and running
 * a command, on loopback against e2b-local. Bounded in count and time; prints throughput
 * and p99, asserts only that nothing failed or leaked.
 */
class LoadTests {

	private static final int SANDBOXES = 200;

	@Test
	void twoHundredConcurrentSandboxesWithoutErrorsOrLeaks() {
		try (E2bLocalServer server = LocalSandboxes.startServer()) {
			ReactiveSandboxTemplate sandboxes = LocalSandboxes.reactiveTemplate(server);
			ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
			long started = System.nanoTime();

			Map<Integer, String> outputs = Flux.range(0, SANDBOXES).flatMap((i) -> Mono.defer(() -> {
				long begin = System.nanoTime();
				return Mono.usingWhen(sandboxes.create(), (sandbox) -> workflow(sandbox, i), ReactiveSandbox::kill)
					.doOnSuccess((ok) -> latencies.add(System.nanoTime() - begin))
					.map((stdout) -> Map.entry(i, stdout));
			}), SANDBOXES).collectMap(Map.Entry::getKey, Map.Entry::getValue).block(Duration.ofMinutes(5));

			double seconds = (System.nanoTime() - started) / 1e9;
			assertThat(outputs).as("every workflow finished").hasSize(SANDBOXES);
			outputs.forEach((i, stdout) -> assertThat(stdout).as("what sandbox %d's command read back", i)
				.isEqualTo(greeting(i)));
			assertThat(latencies).hasSize(SANDBOXES);
			assertThat(server.sandboxCount()).as("no sandbox leaked").isZero();
			System.out.printf(
					"Load: %d concurrent sandboxes (create, 2 writes, 2 reads, 1 command, kill) in %.1f s:"
							+ " %.1f sandboxes/s, workflow p50 %.0f ms, p99 %.0f ms, 0 errors, 0 leaks (isolated=%s)%n",
					SANDBOXES, seconds, SANDBOXES / seconds, percentile(latencies, 50), percentile(latencies, 99),
					server.isolated());
		}
	}

	private static String greeting(int i) {
		return "sandbox " + i + " says hello";
	}

	/**
	 * Write two files, read both back, and return what a command reads of the first.
	 */
	private static Mono<String> workflow(ReactiveSandbox sandbox, int i) {
		String text = greeting(i);
		byte[] bytes = new byte[4096];
		java.util.Arrays.fill(bytes, (byte) i);
		return sandbox.files()
			.write("a.txt", text)
			.then(sandbox.files().write("/tmp/b.bin", bytes))
			.then(sandbox.files().read("a.txt"))
			.doOnNext((read) -> assertThat(read).isEqualTo(text))
			.then(sandbox.files().readBytes("/tmp/b.bin"))
			.doOnNext((read) -> assertThat(read).isEqualTo(bytes))
			.then(sandbox.commands().run("cat a.txt"))
			.map(CommandResult::stdout);
	}

	private static double percentile(ConcurrentLinkedQueue<Long> nanos, int percentile) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
		return sorted.get(index) / 1e6;
	}

}
