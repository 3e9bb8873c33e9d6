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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.e2bspringboot.errors.E2bException;
import reactor.core.publisher.Flux;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.StringDecoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * Splits a body of newline-delimited JSON into its lines, whatever the network chunks,
 * with Spring's {@link StringDecoder}: a line may span chunks, a chunk may hold many
 * lines, a character split across chunks stays whole, and a last line without its newline
 * is still a line. A line is bounded, so that an answer that never ends a line cannot
 * exhaust memory.
 *
 * @author e2b-spring-boot contributors
 */
final class NdjsonLines {

	/** Well above a large chart or data frame; the server answers one result per line. */
	static final int MAX_LINE_BYTES = 256 * 1024 * 1024;

	private static final ResolvableType STRING = ResolvableType.forClass(String.class);

	private NdjsonLines() {
	}

	/**
	 * Split a body into lines, without their newline; the buffers are released.
	 * @param body the body
	 * @return the lines, as UTF-8 bytes
	 */
	static Flux<byte[]> split(Flux<DataBuffer> body) {
		return split(body, MAX_LINE_BYTES);
	}

	/**
	 * Split a body into lines of a bounded length.
	 * @param body the body
	 * @param maxLineBytes the longest line accepted
	 * @return the lines, as UTF-8 bytes; an {@link E2bException} for a longer line
	 */
	static Flux<byte[]> split(Flux<DataBuffer> body, int maxLineBytes) {
		StringDecoder decoder = StringDecoder.textPlainOnly(List.of("\n"), true);
		decoder.setMaxInMemorySize(maxLineBytes);
		return decoder.decode(body, STRING, null, Map.of())
			// an empty line carries nothing (the decoder also ends a body cut after its
			// last newline with one)
			.filter((line) -> !line.isEmpty())
			.map((line) -> line.getBytes(StandardCharsets.UTF_8))
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new E2bException(
							"A line of the code interpreter's answer is longer than " + maxLineBytes + " bytes", null,
							ex));
	}

}
