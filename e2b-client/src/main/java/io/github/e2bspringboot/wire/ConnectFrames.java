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
package io.github.e2bspringboot.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.github.e2bspringboot.errors.E2bException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * The Connect protocol's 5-byte envelopes: a flags byte and a big-endian length before
 * each JSON message (PROTOCOL.md 6.1). Frames are cut out of the body as it arrives,
 * across buffer boundaries.
 *
 * @author e2b-spring-boot contributors
 */
final class ConnectFrames {

	static final byte END_STREAM = 0x02;

	private static final byte COMPRESSED = 0x01;

	private static final int MAX_FRAME = 64 * 1024 * 1024;

	private ConnectFrames() {
	}

	/**
	 * One envelope.
	 *
	 * @param flags the flags byte
	 * @param payload the message
	 */
	record Frame(byte flags, byte[] payload) {

		boolean isEndStream() {
			return (this.flags & END_STREAM) != 0;
		}

	}

	static byte[] envelope(byte[] message) {
		return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
	}

	static Flux<Frame> decode(Flux<DataBuffer> body) {
		return Flux.defer(() -> {
			Accumulator accumulator = new Accumulator();
			return body.concatMapIterable((buffer) -> {
				try {
					return accumulator.feed(buffer);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
				.concatWith(Mono.defer(() -> accumulator.isEmpty() ? Mono.empty()
						: Mono.error(new E2bException("The sandbox's stream ended in the middle of a message"))));
		});
	}

	private static final class Accumulator {

		private byte[] bytes = new byte[8192];

		private int length;

		List<Frame> feed(DataBuffer buffer) {
			int incoming = buffer.readableByteCount();
			ensureCapacity(this.length + incoming);
			buffer.read(this.bytes, this.length, incoming);
			this.length += incoming;
			List<Frame> frames = new ArrayList<>();
			int position = 0;
			while (this.length - position >= 5) {
				byte flags = this.bytes[position];
				int size = ByteBuffer.wrap(this.bytes, position + 1, 4).getInt();
				if (size < 0 || size > MAX_FRAME) {
					throw new E2bException("The sandbox sent a stream frame of " + size + " bytes");
				}
				if ((flags & COMPRESSED) != 0) {
					throw new E2bException(
							"The sandbox sent a compressed stream frame, which Connect JSON forbids here");
				}
				if (this.length - position - 5 < size) {
					break;
				}
				byte[] payload = new byte[size];
				System.arraycopy(this.bytes, position + 5, payload, 0, size);
				frames.add(new Frame(flags, payload));
				position += 5 + size;
			}
			System.arraycopy(this.bytes, position, this.bytes, 0, this.length - position);
			this.length -= position;
			return frames;
		}

		boolean isEmpty() {
			return this.length == 0;
		}

		private void ensureCapacity(int capacity) {
			if (capacity > this.bytes.length) {
				this.bytes = java.util.Arrays.copyOf(this.bytes, Math.max(capacity, this.bytes.length * 2));
			}
		}

	}

}
