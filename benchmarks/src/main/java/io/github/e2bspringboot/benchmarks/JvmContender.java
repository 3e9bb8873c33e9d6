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

import java.util.concurrent.Callable;

/**
 * A contender that runs in this JVM: its workloads are timed and their memory measured
 * here.
 */
abstract class JvmContender implements Contender {

	private final Memory memory = new Memory();

	private double lastSeconds;

	/**
	 * Run a workload, recording its wall time and memory.
	 */
	protected final <T> T measure(Callable<T> workload) throws Exception {
		long begin = System.nanoTime();
		try {
			return this.memory.measure(workload);
		}
		finally {
			this.lastSeconds = (System.nanoTime() - begin) / 1e9;
		}
	}

	@Override
	public double lastSeconds() {
		return this.lastSeconds;
	}

	@Override
	public long lastPeakHeapGrowth() {
		return this.memory.peakHeapGrowth();
	}

	@Override
	public long lastPeakRss() {
		return this.memory.peakRss();
	}

	static double millisSince(long start) {
		return (System.nanoTime() - start) / 1e6;
	}

	static void checkEcho(String stdout) {
		if (!stdout.equals("hi\n")) {
			throw new IllegalStateException("unexpected output " + stdout);
		}
	}

}
