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

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the memory a workload of this JVM takes: peak heap in use above the level
 * before it (sampled; garbage included unless {@link #live}), and the peak resident set
 * (reset through {@code /proc/self/clear_refs} where Linux allows it).
 */
final class Memory {

	/**
	 * Whether samples are taken after a collection: the live heap a workload holds, not
	 * the garbage it leaves. Slows the workload, so used only in a separate, untimed
	 * pass.
	 */
	static volatile boolean live;

	private long peakHeapGrowth;

	private long peakRss = -1;

	<T> T measure(Callable<T> workload) throws Exception {
		System.gc();
		resetPeakRss();
		long base = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		AtomicLong peak = new AtomicLong(base);
		AtomicBoolean running = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> {
			while (running.get()) {
				if (live) {
					System.gc();
				}
				peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "heap-sampler");
		sampler.setDaemon(true);
		sampler.start();
		try {
			return workload.call();
		}
		finally {
			running.set(false);
			sampler.join();
			this.peakHeapGrowth = Math.max(0, peak.get() - base);
			this.peakRss = readPeakRss();
		}
	}

	long peakHeapGrowth() {
		return this.peakHeapGrowth;
	}

	long peakRss() {
		return this.peakRss;
	}

	private static void resetPeakRss() {
		try {
			Files.writeString(Path.of("/proc/self/clear_refs"), "5");
		}
		catch (IOException | UnsupportedOperationException ex) {
			// not Linux, or not allowed: the peak then covers the whole run
		}
	}

	private static long readPeakRss() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not Linux
		}
		return -1;
	}

}
