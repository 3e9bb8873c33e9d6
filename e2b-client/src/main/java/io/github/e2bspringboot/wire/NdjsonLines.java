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

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Splits a body of newline-delimited JSON into its lines, whatever the network chunks: a
 * line may span chunks, and a chunk may hold many lines. Lines are cut at the byte
 * {@code \n}, which never occurs inside a multi-byte UTF-8 character, and are decoded
 * whole later, so a character split across chunks stays intact. A last line without its
 * newline is still a line.
 *
 * @author e2b-spring-boot contributors
 */
final class NdjsonLines {

	private NdjsonLines() {
	}

	/**
	 * Split a body into lines, without their newline; the buffers are released.
	 * @param body the body
	 * @return the lines, as UTF-8 bytes
	 */
	static Flux<byte[]> split(Flux<DataBuffer> body) {
		return Flux.defer(() -> {
			ByteArrayOutputStream pending = new ByteArrayOutputStream();
			return body.concatMapIterable((buffer) -> {
				try {
					return lines(buffer, pending);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			}).concatWith(Mono.defer(() -> (pending.size() > 0) ? Mono.just(pending.toByteArray()) : Mono.empty()));
		});
	}

	private static List<byte[]> lines(DataBuffer buffer, ByteArrayOutputStream pending) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		List<byte[]> lines = new ArrayList<>(2);
		int start = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				pending.write(bytes, start, i - start);
				lines.add(pending.toByteArray());
				pending.reset();
				start = i + 1;
			}
		}
		pending.write(bytes, start, bytes.length - start);
		return lines;
	}

}
