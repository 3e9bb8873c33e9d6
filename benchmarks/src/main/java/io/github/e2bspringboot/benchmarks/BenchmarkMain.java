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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

import io.github.e2bspringboot.local.E2bLocalServer;
import org.jspecify.annotations.Nullable;

/**
 * Runs every workload for every contender against an {@code e2b-local} in its own
 * process, several times, and prints medians and ratios as Markdown.
 *
 * <pre>
 * ./mvnw -B -pl benchmarks -am -DskipTests -Dskip.npm package spring-boot:run [-Dspring-boot.run.arguments="--runs=3"]
 * </pre>
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
		long transferBytes = Long.parseLong(options.getOrDefault("transfer-mib", "1024")) * 1024 * 1024;
		int listSize = Integer.parseInt(options.getOrDefault("list", "5000"));
		// --only=transfer (or lifecycle, list, code) runs a part, to profile it
		Set<String> only = Set.of(options.getOrDefault("only", "lifecycle,transfer,list,code").split(","));
		// the server isolates nothing by default: it is the same for every contender, and
		// building a sandbox (LocalLatencyMain measures that) would drown the clients'
		// differences that this compares
		String isolation = options.getOrDefault("isolation", "none");
		Path root = Path.of(options.getOrDefault("root", "..")).toAbsolutePath().normalize();
		Path jar = root.resolve("e2b-local/target/e2b-local.jar");
		Path js = root.resolve("benchmarks/js/bench.mjs");
		installJs(root.resolve("benchmarks/js"));
		String apiKey = E2bLocalServer.randomApiKey();
		Process server = startServer(jar, apiKey, isolation);
		try {
			String url = awaitUrl(server);
			List<Contender> contenders = List.of(new StarterContender(url, apiKey, false),
					new StarterContender(url, apiKey, true), new JsSdkContender(js, url, apiKey),
					new RawHttpContender(url, apiKey));
			System.out.println("Machine: " + machine() + "; e2b-local isolation: " + isolation);
			System.out.println("Warming up...");
			// long enough for the JIT to settle on each contender's code (the starter has
			// more of it)
			for (Contender contender : contenders) {
				if (only.contains("lifecycle")) {
					contender.createKill(300);
					contender.concurrent(128, 64);
					for (int i = 0; i < 5; i++) {
						contender.writeFiles(1000, 1024);
					}
				}
				if (only.contains("transfer")) {
					contender.transfer(128L * 1024 * 1024);
				}
				if (only.contains("code") && contender.runsCode()) {
					contender.runCode(200);
				}
			}
			List<Row> rows = new ArrayList<>();
			if (only.contains("lifecycle")) {
				measureLifecycle(rows, contenders, runs);
			}
			Map<String, Long> heap = new LinkedHashMap<>();
			Map<String, Long> rss = new LinkedHashMap<>();
			Map<String, Long> liveHeap = new LinkedHashMap<>();
			if (only.contains("transfer")) {
				measureTransfer(rows, contenders, runs, transferBytes, heap, rss, liveHeap);
			}
			Map<String, Long> listHeap = new LinkedHashMap<>();
			if (only.contains("list")) {
				measureList(rows, contenders, runs, listSize, listHeap);
			}
			if (only.contains("code")) {
				measureCode(rows, contenders.stream().filter(Contender::runsCode).toList(), runs);
			}
			print(rows, contenders, runs);
			printMemory(contenders, heap, rss, liveHeap, listHeap);
		}
		finally {
			server.destroy();
		}
	}

	private static void measureLifecycle(List<Row> rows, List<Contender> contenders, int runs) throws Exception {
		rows.addAll(measure("sequential create+kill (x50), p50 ms", contenders, runs,
				(c) -> percentile(c.createKill(50), 50)));
		rows.addAll(measure("sequential create+kill (x50), p99 ms", contenders, runs,
				(c) -> percentile(c.createKill(50), 99)));
		rows.addAll(measure("64-way create, write, run echo, kill (x256), workflows/s", contenders, runs,
				(c) -> throughput(c, 256, 64)));
		rows.addAll(measure("writeFiles 1,000 x 1 KiB, ms", contenders, runs, (c) -> c.writeFiles(1000, 1024).get(0)));
	}

	private static void measureCode(List<Row> rows, List<Contender> contenders, int runs) throws Exception {
		List<List<Double>> recorded = new ArrayList<>();
		rows.addAll(measure("runCode(\"1+1\"), warm kernel (x100), p50 ms", contenders, runs, (c) -> {
			List<Double> latencies = c.runCode(100);
			recorded.add(latencies);
			return percentile(latencies, 50);
		}));
		rows.addAll(measureRecorded("runCode(\"1+1\"), warm kernel (x100), p90 ms", contenders, runs, recorded,
				(latencies) -> percentile(latencies, 90)));
		rows.addAll(measure("20-cell session, warm kernel, ms", contenders, runs, (c) -> c.codeSession(20).get(0)));
	}

	private static void measureTransfer(List<Row> rows, List<Contender> contenders, int runs, long transferBytes,
			Map<String, Long> heap, Map<String, Long> rss, Map<String, Long> liveHeap) throws Exception {
		List<List<Double>> transfers = new ArrayList<>();
		rows.addAll(measure("streamed upload " + mib(transferBytes) + ", s", contenders, runs, (c) -> {
			List<Double> phases = c.transfer(transferBytes);
			transfers.add(phases);
			heap.merge(c.name(), c.lastPeakHeapGrowth(), Math::max);
			rss.merge(c.name(), c.lastPeakRss(), Math::max);
			return phases.get(0) / 1000;
		}));
		rows.addAll(measureRecorded("streamed download " + mib(transferBytes) + ", s", contenders, runs, transfers,
				(phases) -> phases.get(1) / 1000));
		System.out.println("Measuring the live heap of the transfers (untimed)...");
		Memory.live = true;
		for (Contender contender : contenders) {
			contender.transfer(transferBytes);
			liveHeap.put(contender.name(), contender.lastPeakHeapGrowth());
		}
		Memory.live = false;
	}

	private static void measureList(List<Row> rows, List<Contender> contenders, int runs, int listSize,
			Map<String, Long> listHeap) throws Exception {
		List<RawHttpContender.Created> listed = populate((RawHttpContender) contenders.get(3), listSize);
		rows.addAll(measure("list " + listSize + " sandboxes, 100 per page, ms", contenders, runs, (c) -> {
			double millis = c.list(listSize).get(0);
			listHeap.merge(c.name(), c.lastPeakHeapGrowth(), Math::max);
			return millis;
		}));
		for (RawHttpContender.Created sandbox : listed) {
			((RawHttpContender) contenders.get(3)).kill(sandbox);
		}
	}

	private static void printMemory(List<Contender> contenders, Map<String, Long> heap, Map<String, Long> rss,
			Map<String, Long> liveHeap, Map<String, Long> listHeap) {
		System.out.println();
		System.out.println("| contender | peak live heap growth, transfer | peak heap growth incl. garbage, transfer"
				+ " | peak RSS, transfer | peak heap growth incl. garbage, list |");
		System.out.println("|---|---|---|---|---|");
		for (Contender contender : contenders) {
			System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", contender.name(),
					mibOrNa(liveHeap.get(contender.name())), mibOrNa(heap.get(contender.name())),
					mibOrNa(rss.get(contender.name())), mibOrNa(listHeap.get(contender.name())));
		}
	}

	private interface Workload {

		double run(Contender contender) throws Exception;

	}

	private record Row(String workload, String contender, List<Double> values) {

		double min() {
			return Collections.min(this.values);
		}

		double max() {
			return Collections.max(this.values);
		}

		double median() {
			List<Double> sorted = new ArrayList<>(this.values);
			Collections.sort(sorted);
			int middle = sorted.size() / 2;
			return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
		}

	}

	private static List<Row> measure(String workload, List<Contender> contenders, int runs, Workload body)
			throws Exception {
		System.out.println("Measuring " + workload + "...");
		Map<String, List<Double>> values = new LinkedHashMap<>();
		for (int run = 0; run < runs; run++) {
			// contenders take turns within each run, so drift of the machine hits them
			// alike
			for (Contender contender : contenders) {
				values.computeIfAbsent(contender.name(), (name) -> new ArrayList<>()).add(body.run(contender));
			}
		}
		List<Row> rows = new ArrayList<>();
		values.forEach((name, list) -> rows.add(new Row(workload, name, list)));
		return rows;
	}

	private static List<Row> measureRecorded(String workload, List<Contender> contenders, int runs,
			List<List<Double>> recorded, ToDoubleFunction<List<Double>> value) {
		List<Row> rows = new ArrayList<>();
		for (int c = 0; c < contenders.size(); c++) {
			List<Double> values = new ArrayList<>();
			for (int run = 0; run < runs; run++) {
				values.add(value.applyAsDouble(recorded.get(run * contenders.size() + c)));
			}
			rows.add(new Row(workload, contenders.get(c).name(), values));
		}
		return rows;
	}

	private static double throughput(Contender contender, int total, int concurrency) throws Exception {
		List<Double> latencies = contender.concurrent(total, concurrency);
		if (latencies.size() != total) {
			throw new IllegalStateException(contender.name() + " finished " + latencies.size() + " of " + total);
		}
		// timed inside each contender, so Node's start-up does not count against the JS
		// SDK
		return total / contender.lastSeconds();
	}

	private static void print(List<Row> rows, List<Contender> contenders, int runs) {
		String js = contenders.get(2).name();
		String floor = contenders.get(3).name();
		System.out.println();
		System.out
			.println("Medians of " + runs + " runs (after a warm-up). Ratios: contender / floor and starter / JS SDK,"
					+ " as cost (time) ratios: below 1 is faster, for throughput inverted so the same holds."
					+ " Min and max over the runs show the spread: a ratio inside it is noise.");
		System.out.println();
		System.out.println("| workload | contender | median | min | max | vs floor | starter vs JS SDK |");
		System.out.println("|---|---|---|---|---|---|---|");
		Map<String, Map<String, Row>> byWorkload = new LinkedHashMap<>();
		rows.forEach((row) -> byWorkload.computeIfAbsent(row.workload(), (w) -> new LinkedHashMap<>())
			.put(row.contender(), row));
		byWorkload.forEach((workload, byContender) -> {
			boolean higherIsBetter = workload.contains("/s");
			double floorMedian = medianOf(byContender.get(floor));
			double jsMedian = medianOf(byContender.get(js));
			byContender.forEach((contender, row) -> {
				// the raw HTTP floor has no code interpreter: code rows have no floor
				String vsFloor = Double.isNaN(floorMedian) ? "n/a"
						: String.format(Locale.ROOT, "%.2f", cost(row.median(), floorMedian, higherIsBetter));
				String vsJs = contender.startsWith("starter")
						? String.format(Locale.ROOT, "%.2f", cost(row.median(), jsMedian, higherIsBetter)) : "";
				System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %s | %s |%n", workload, contender,
						row.median(), row.min(), row.max(), vsFloor, vsJs);
			});
		});
	}

	private static double medianOf(@Nullable Row row) {
		return (row != null) ? row.median() : Double.NaN;
	}

	private static double cost(double value, double reference, boolean higherIsBetter) {
		return higherIsBetter ? reference / value : value / reference;
	}

	private static List<RawHttpContender.Created> populate(RawHttpContender raw, int count) throws Exception {
		System.out.println("Creating " + count + " sandboxes to list...");
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<RawHttpContender.Created>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(pool.submit(raw::create));
			}
			List<RawHttpContender.Created> created = new ArrayList<>();
			for (Future<RawHttpContender.Created> future : futures) {
				created.add(future.get());
			}
			return created;
		}
		finally {
			pool.shutdown();
		}
	}

	static double percentile(List<Double> values, int percentile) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
	}

	private static Process startServer(Path jar, String apiKey, String isolation) throws IOException {
		if (!Files.exists(jar)) {
			throw new IllegalStateException(jar + " is missing: build with -am");
		}
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString(), "--port", "0", "--api-key", apiKey, "--isolation", isolation)
			.redirectError(ProcessBuilder.Redirect.DISCARD);
		return builder.start();
	}

	private static String awaitUrl(Process server) throws IOException {
		BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
		String line = out.readLine();
		if (line == null || !line.startsWith("E2B local server listening on ")) {
			throw new IllegalStateException("e2b-local did not start: " + line);
		}
		return line.substring("E2B local server listening on ".length());
	}

	private static void installJs(Path directory) throws Exception {
		if (Files.isDirectory(directory.resolve("node_modules/e2b"))) {
			return;
		}
		Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(directory.toFile())
			.inheritIO()
			.start();
		if (npm.waitFor() != 0) {
			throw new IllegalStateException("npm ci failed in " + directory);
		}
	}

	private static String machine() {
		return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
				+ System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + ", max heap "
				+ mib(Runtime.getRuntime().maxMemory()) + ", Node " + nodeVersion();
	}

	private static String nodeVersion() {
		try {
			Process node = new ProcessBuilder("node", "--version").start();
			return new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String mib(long bytes) {
		return (bytes / (1024 * 1024)) + " MiB";
	}

	private static String mibOrNa(@Nullable Long bytes) {
		return (bytes == null || bytes < 0) ? "n/a" : mib(bytes);
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.startsWith("--") && arg.contains("=")) {
				options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
		}
		return options;
	}

}
