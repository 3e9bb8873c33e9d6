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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * Compresses a stream of buffers with gzip as it flows, holding only what the deflater
 * has not yet emitted.
 *
 * @author e2b-spring-boot contributors
 */
final class GzipEncoder {

	private GzipEncoder() {
	}

	static Flux<DataBuffer> encode(Flux<DataBuffer> content) {
		return Flux.defer(() -> {
			ByteArrayOutputStream compressed = new ByteArrayOutputStream(64 * 1024);
			GZIPOutputStream gzip = gzip(compressed);
			return content.concatMap((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					gzip.write(bytes);
					return drain(compressed);
				}
				catch (IOException ex) {
					return Mono.error(new UncheckedIOException(ex));
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			}).concatWith(Mono.defer(() -> {
				try {
					gzip.finish();
					return drain(compressed);
				}
				catch (IOException ex) {
					return Mono.error(new UncheckedIOException(ex));
				}
			}));
		});
	}

	private static Mono<DataBuffer> drain(ByteArrayOutputStream compressed) {
		if (compressed.size() == 0) {
			return Mono.empty();
		}
		DataBuffer out = DefaultDataBufferFactory.sharedInstance.wrap(compressed.toByteArray());
		compressed.reset();
		return Mono.just(out);
	}

	private static GZIPOutputStream gzip(ByteArrayOutputStream target) {
		try {
			return new GZIPOutputStream(target, 64 * 1024);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
