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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official E2B JS SDK (npm {@code e2b}, pinned in {@code js/package.json}), driven by
 * {@code js/bench.mjs}: one Node process per workload, timed inside it.
 */
final class JsSdkContender implements Contender {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path script;

	private final Path directory;

	private final String url;

	private final String apiKey;

	private long peakHeapGrowth = -1;

	private long peakRss = -1;

	private double lastSeconds;

	JsSdkContender(Path script, String url, String apiKey) {
		this.script = script;
		this.directory = script.toAbsolutePath().resolveSibling(".");
		this.url = url;
		this.apiKey = apiKey;
	}

	@Override
	public String name() {
		return "JS SDK 2.51.0";
	}

	@Override
	public List<Double> createKill(int count) throws Exception {
		return run("create-kill", count);
	}

	@Override
	public List<Double> concurrent(int total, int concurrency) throws Exception {
		return run("concurrent", total, concurrency);
	}

	@Override
	public List<Double> writeFiles(int count, int size) throws Exception {
		return run("write-files", count, size);
	}

	@Override
	public List<Double> transfer(long bytes) throws Exception {
		return run("transfer", bytes);
	}

	@Override
	public List<Double> list(int expected) throws Exception {
		return run("list", expected);
	}

	@Override
	public List<Double> runCode(int count) throws Exception {
		return run("run-code", count);
	}

	@Override
	public List<Double> codeSession(int cells) throws Exception {
		return run("code-session", cells);
	}

	private List<Double> run(String workload, long... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("node", this.script.getFileName().toString(), workload));
		for (long arg : args) {
			command.add(Long.toString(arg));
		}
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT);
		builder.environment().put("E2B_API_URL", this.url);
		builder.environment().put("E2B_SANDBOX_URL", this.url);
		builder.environment().put("E2B_API_KEY", this.apiKey);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException("the JS SDK's " + workload + " failed: " + output);
		}
		JsonNode result = JSON.readTree(output.substring(output.lastIndexOf('\n') + 1));
		this.peakHeapGrowth = result.path("peakHeapGrowth").asLong(-1);
		this.peakRss = result.path("peakRss").asLong(-1);
		this.lastSeconds = result.path("seconds").asDouble();
		List<Double> latencies = new ArrayList<>();
		result.path("latencies").values().forEach((latency) -> latencies.add(latency.asDouble()));
		return latencies;
	}

	@Override
	public double lastSeconds() {
		return this.lastSeconds;
	}

	@Override
	public long lastPeakHeapGrowth() {
		return this.peakHeapGrowth;
	}

	@Override
	public long lastPeakRss() {
		return this.peakRss;
	}

}
