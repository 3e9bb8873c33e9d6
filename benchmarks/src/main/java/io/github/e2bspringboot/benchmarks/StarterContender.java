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

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import io.github.e2bspringboot.sandbox.ReactiveSandbox;
import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxQuery;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.sandbox.code.Execution;
import io.github.e2bspringboot.sandbox.files.WriteEntry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * This starter, through its blocking or its reactive template.
 */
final class StarterContender extends JvmContender {

	private final boolean reactive;

	private final ReactiveSandboxTemplate reactiveTemplate;

	private final SandboxTemplate template;

	StarterContender(String url, String apiKey, boolean reactive) {
		this.reactive = reactive;
		E2bConnectionConfig config = E2bConnectionConfig.builder()
			.apiKey(apiKey)
			.apiUrl(URI.create(url))
			.sandboxUrl(URI.create(url))
			.requestTimeout(Duration.ofSeconds(120))
			.build();
		this.reactiveTemplate = new ReactiveSandboxTemplate(WebClient.builder(), config,
				SandboxSpec.builder().timeout(Duration.ofMinutes(10)).build());
		this.template = new SandboxTemplate(this.reactiveTemplate);
	}

	@Override
	public String name() {
		return this.reactive ? "starter (reactive)" : "starter (blocking)";
	}

	@Override
	public List<Double> createKill(int count) throws Exception {
		return measure(() -> {
			List<Double> latencies = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				long start = System.nanoTime();
				if (this.reactive) {
					this.reactiveTemplate.create().flatMap(ReactiveSandbox::kill).block();
				}
				else {
					this.template.create().kill();
				}
				latencies.add(millisSince(start));
			}
			return latencies;
		});
	}

	@Override
	public List<Double> concurrent(int total, int concurrency) throws Exception {
		return measure(() -> {
			List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
			if (this.reactive) {
				Flux.range(0, total).flatMap((i) -> Mono.defer(() -> {
					long start = System.nanoTime();
					return Mono
						.usingWhen(this.reactiveTemplate.create(),
								(sandbox) -> sandbox.files()
									.write("a.txt", "hello")
									.then(sandbox.commands().run("echo hi"))
									.doOnNext((result) -> checkEcho(result.stdout())),
								ReactiveSandbox::kill)
						.doOnSuccess((result) -> latencies.add(millisSince(start)));
				}), concurrency).blockLast();
			}
			else {
				Flux.range(0, total).flatMap((i) -> Mono.fromRunnable(() -> {
					long start = System.nanoTime();
					try (Sandbox sandbox = this.template.create()) {
						sandbox.files().write("a.txt", "hello");
						checkEcho(sandbox.commands().run("echo hi").stdout());
					}
					latencies.add(millisSince(start));
				}).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), concurrency).blockLast();
			}
			return latencies;
		});
	}

	@Override
	public List<Double> runCode(int count) throws Exception {
		try (Sandbox sandbox = this.template.createForCode()) {
			// the first run waits for the kernel to start
			sandbox.codeInterpreter().runCode("1+1");
			return measure(() -> {
				List<Double> latencies = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					long start = System.nanoTime();
					Execution execution = this.reactive ? sandbox.reactive().codeInterpreter().runCode("1+1").block()
							: sandbox.codeInterpreter().runCode("1+1");
					latencies.add(millisSince(start));
					checkText(execution, "2");
				}
				return latencies;
			});
		}
	}

	@Override
	public List<Double> codeSession(int cells) throws Exception {
		try (Sandbox sandbox = this.template.createForCode()) {
			sandbox.codeInterpreter().runCode("total = 0");
			return measure(() -> {
				long start = System.nanoTime();
				Execution last = null;
				for (int i = 1; i <= cells; i++) {
					String cell = Contender.sessionCell(i);
					last = this.reactive ? sandbox.reactive().codeInterpreter().runCode(cell).block()
							: sandbox.codeInterpreter().runCode(cell);
				}
				double elapsed = millisSince(start);
				checkText(last, Integer.toString(cells * (cells + 1) / 2));
				return List.of(elapsed);
			});
		}
	}

	private static void checkText(@Nullable Execution execution, String expected) {
		if (execution == null || !expected.equals(execution.text())) {
			throw new IllegalStateException("unexpected result " + execution);
		}
	}

	@Override
	public List<Double> writeFiles(int count, int size) throws Exception {
		try (Sandbox sandbox = this.template.create()) {
			String data = "x".repeat(size);
			List<WriteEntry> entries = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				entries.add(WriteEntry.of("/tmp/many/f" + i + ".txt", data));
			}
			return measure(() -> {
				long start = System.nanoTime();
				int written = this.reactive
						? sandbox.reactive().files().writeFiles(entries).map(List::size).blockOptional().orElse(0)
						: sandbox.files().writeFiles(entries).size();
				if (written != count) {
					throw new IllegalStateException("wrote " + written + " of " + count);
				}
				return List.of(millisSince(start));
			});
		}
	}

	@Override
	public List<Double> transfer(long bytes) throws Exception {
		try (Sandbox sandbox = this.template.create()) {
			return measure(() -> {
				long start = System.nanoTime();
				if (this.reactive) {
					sandbox.reactive()
						.files()
						.write("/tmp/big.bin",
								new org.springframework.core.io.InputStreamResource(new GeneratedStream(bytes)))
						.block();
				}
				else {
					sandbox.files().write("/tmp/big.bin", new GeneratedStream(bytes));
				}
				double upload = millisSince(start);
				start = System.nanoTime();
				long received;
				if (this.reactive) {
					received = sandbox.reactive().files().readStream("/tmp/big.bin").map((buffer) -> {
						int count = buffer.readableByteCount();
						DataBufferUtils.release(buffer);
						return (long) count;
					}).reduce(0L, Long::sum).blockOptional().orElse(0L);
				}
				else {
					try (InputStream in = sandbox.files().readStream("/tmp/big.bin")) {
						received = in.transferTo(java.io.OutputStream.nullOutputStream());
					}
				}
				if (received != bytes) {
					throw new IllegalStateException("downloaded " + received + " of " + bytes);
				}
				return List.of(upload, millisSince(start));
			});
		}
	}

	@Override
	public List<Double> list(int expected) throws Exception {
		return measure(() -> {
			long start = System.nanoTime();
			long count = this.reactive ? this.reactiveTemplate.list(SandboxQuery.all(), 100, null)
				.items()
				.count()
				.blockOptional()
				.orElse(0L) : this.template.list(SandboxQuery.all(), 100, null).stream().count();
			if (count < expected) {
				throw new IllegalStateException("listed " + count + " of " + expected);
			}
			return List.of(millisSince(start));
		});
	}

}
