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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import io.github.e2bspringboot.errors.E2bException;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Lines of an NDJSON body come out whole whatever the network chunks, and characters of
 * several bytes are never broken, wherever a chunk ends.
 */
class NdjsonLinesTests {

	private static final String BODY = "{\"type\":\"stdout\",\"text\":\"h\u00e9llo \u20ac \ud83d\ude00\"}\n"
			+ "{\"type\":\"keepalive\"}\n" + "{\"type\":\"end_of_execution\"}\n";

	@Test
	void everySplitOfTheBodyGivesTheSameLines() {
		byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
		List<String> expected = List.of(BODY.split("\n"));
		// every byte position, those inside the 2-, 3- and 4-byte characters included
		for (int cut = 0; cut <= body.length; cut++) {
			List<String> lines = lines(Arrays.copyOfRange(body, 0, cut), Arrays.copyOfRange(body, cut, body.length));
			assertThat(lines).as("split at byte %d", cut).isEqualTo(expected);
		}
	}

	@Test
	void oneByteChunksGiveTheSameLines() {
		byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
		byte[][] chunks = new byte[body.length][];
		for (int i = 0; i < body.length; i++) {
			chunks[i] = new byte[] { body[i] };
		}

		assertThat(lines(chunks)).containsExactly(BODY.split("\n"));
	}

	@Test
	void aLastLineWithoutItsNewlineIsALine() {
		assertThat(lines(bytes("{\"a\":1}\n{\"b\":"), bytes("2}"))).containsExactly("{\"a\":1}", "{\"b\":2}");
	}

	@Test
	void manyLinesInOneChunkAreSplitAndEmptyLinesDropped() {
		assertThat(lines(bytes("1\n\n2\n3\n"))).containsExactly("1", "2", "3");
	}

	@Test
	void anEmptyBodyHasNoLines() {
		assertThat(lines()).isEmpty();
		assertThat(lines(new byte[0])).isEmpty();
	}

	@Test
	void aLineLongerThanTheLimitIsATypedErrorNotUnboundedMemory() {
		Flux<DataBuffer> endless = Flux.range(0, 1000)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(bytes("{".repeat(1024))));

		assertThatExceptionOfType(E2bException.class)
			.isThrownBy(() -> NdjsonLines.split(endless, 64 * 1024).collectList().block())
			.withMessageContaining("longer than 65536 bytes");
	}

	@Test
	void theBuffersAreReleased() {
		List<DataBuffer> buffers = new ArrayList<>();
		NettyDataBufferFactory factory = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);
		for (String chunk : List.of("{\"a\":", "1}\n{\"b\"", ":2}\n")) {
			DataBuffer buffer = factory.allocateBuffer(16);
			buffer.write(bytes(chunk));
			buffers.add(buffer);
		}

		NdjsonLines.split(Flux.fromIterable(buffers)).collectList().block();

		assertThat(buffers)
			.allSatisfy((buffer) -> assertThat(((NettyDataBuffer) buffer).getNativeBuffer().refCnt()).isZero());
	}

	private static List<String> lines(byte[]... chunks) {
		Flux<DataBuffer> body = Flux.fromArray(chunks).map(DefaultDataBufferFactory.sharedInstance::wrap);
		return NdjsonLines.split(body).map((line) -> new String(line, StandardCharsets.UTF_8)).collectList().block();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
