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

import java.io.InputStream;
import java.util.Iterator;

/**
 * Reads a request body that arrives as chunks, blocking for each next chunk.
 */
final class ChunkInputStream extends InputStream {

	private final Iterator<byte[]> chunks;

	private byte[] current = new byte[0];

	private int position;

	ChunkInputStream(Iterator<byte[]> chunks) {
		this.chunks = chunks;
	}

	@Override
	public int read() {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xFF;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		if (length == 0) {
			return 0;
		}
		while (this.position == this.current.length) {
			if (!this.chunks.hasNext()) {
				return -1;
			}
			this.current = this.chunks.next();
			this.position = 0;
		}
		int count = Math.min(length, this.current.length - this.position);
		System.arraycopy(this.current, this.position, buffer, offset, count);
		this.position += count;
		return count;
	}

}
