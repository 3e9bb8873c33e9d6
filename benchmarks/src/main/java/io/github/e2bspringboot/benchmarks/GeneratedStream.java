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

/**
 * Bytes produced on demand, never stored, the same for every contender.
 */
final class GeneratedStream extends InputStream {

	private static final byte[] PATTERN = pattern();

	private long remaining;

	private int offset;

	GeneratedStream(long size) {
		this.remaining = size;
	}

	@Override
	public int read() {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xFF;
	}

	@Override
	public int read(byte[] buffer, int off, int length) {
		if (this.remaining == 0) {
			return -1;
		}
		int count = (int) Math.min(Math.min(length, this.remaining), PATTERN.length - this.offset);
		System.arraycopy(PATTERN, this.offset, buffer, off, count);
		this.offset = (this.offset + count) % PATTERN.length;
		this.remaining -= count;
		return count;
	}

	private static byte[] pattern() {
		byte[] pattern = new byte[64 * 1024];
		for (int i = 0; i < pattern.length; i++) {
			pattern[i] = (byte) ((i * 31) & 0xFF);
		}
		return pattern;
	}

}
