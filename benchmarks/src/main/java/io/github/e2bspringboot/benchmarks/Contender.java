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

import java.util.List;

/**
 * A way to drive E2B: each workload returns its latencies in milliseconds (one per
 * operation or phase), timed inside the contender.
 */
interface Contender {

	String name();

	/** Sequential create then kill, {@code count} times. */
	List<Double> createKill(int count) throws Exception;

	/**
	 * {@code total} workflows (create, write, run echo, kill), {@code concurrency} at
	 * once.
	 */
	List<Double> concurrent(int total, int concurrency) throws Exception;

	/** One write of {@code count} files of {@code size} bytes. */
	List<Double> writeFiles(int count, int size) throws Exception;

	/** A streamed upload then a streamed download of {@code bytes}: two latencies. */
	List<Double> transfer(long bytes) throws Exception;

	/** List every sandbox, 100 per page. */
	List<Double> list(int expected) throws Exception;

	/**
	 * In one code-interpreter sandbox whose kernel is warm, {@code runCode("1+1")}
	 * {@code count} times, one after the other.
	 */
	default List<Double> runCode(int count) throws Exception {
		throw new UnsupportedOperationException(name() + " runs no code");
	}

	/**
	 * In one code-interpreter sandbox whose kernel is warm, a session of {@code cells}
	 * cells that build on each other, each printing and returning a value: one latency,
	 * the whole session.
	 */
	default List<Double> codeSession(int cells) throws Exception {
		throw new UnsupportedOperationException(name() + " runs no code");
	}

	/**
	 * Cell {@code i} of a code session: adds {@code i} to a running total, prints it and
	 * returns it, so that the last cell's value proves every cell ran in order.
	 */
	static String sessionCell(int i) {
		return "total += " + i + "\nprint('total', total)\ntotal";
	}

	/** Whether it has a code interpreter (the raw HTTP client has none). */
	default boolean runsCode() {
		return true;
	}

	/** Wall time of the last workload, measured inside the contender, in seconds. */
	double lastSeconds();

	/**
	 * Peak memory growth of the last workload, in bytes (heap for the JVM, heap for
	 * Node).
	 */
	default long lastPeakHeapGrowth() {
		return -1;
	}

	/** Peak resident memory of the last workload, in bytes. */
	default long lastPeakRss() {
		return -1;
	}

}
