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
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import io.github.e2bspringboot.sandbox.files.WriteEntry;
import reactor.core.publisher.Flux;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Encodes files as the {@code multipart/form-data} body envd expects: one part named
 * {@code file} per entry, its {@code filename} the target path, streamed part by part so
 * no file is ever held in memory whole.
 *
 * @author e2b-spring-boot contributors
 */
final class MultipartFiles {

	private static final int CHUNK_SIZE = 64 * 1024;

	/** Up to this much content in memory is sent as one buffer. */
	private static final long MAX_JOINED_BYTES = 8 * 1024 * 1024;

	private static final byte[] CRLF = { '\r', '\n' };

	private static final SecureRandom RANDOM = new SecureRandom();

	private MultipartFiles() {
	}

	static String newBoundary() {
		byte[] random = new byte[12];
		RANDOM.nextBytes(random);
		return "----e2b-spring-boot-" + HexFormat.of().formatHex(random);
	}

	static String contentType(String boundary) {
		return "multipart/form-data; boundary=" + boundary;
	}

	static Flux<DataBuffer> encode(List<WriteEntry> entries, String boundary, DataBufferFactory factory) {
		if (inMemorySize(entries) <= MAX_JOINED_BYTES) {
			// many small files: one buffer costs far less than three per file
			return Flux.defer(() -> Flux.just(factory.wrap(joined(entries, boundary))));
		}
		Flux<DataBuffer> parts = Flux.fromIterable(entries)
			.concatMap((entry) -> Flux.concat(Flux.just(text(partHeader(boundary, entry.path()), factory)),
					DataBufferUtils.read(entry.content(), factory, CHUNK_SIZE), Flux.just(text("\r\n", factory))));
		return parts.concatWith(Flux.defer(() -> Flux.just(text("--" + boundary + "--\r\n", factory))));
	}

	private static long inMemorySize(List<WriteEntry> entries) {
		long size = 0;
		for (WriteEntry entry : entries) {
			if (!(entry.content() instanceof ByteArrayResource bytes)) {
				return Long.MAX_VALUE;
			}
			size += bytes.contentLength();
		}
		return size;
	}

	private static byte[] joined(List<WriteEntry> entries, String boundary) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (WriteEntry entry : entries) {
			body.writeBytes(partHeader(boundary, entry.path()).getBytes(StandardCharsets.UTF_8));
			body.writeBytes(((ByteArrayResource) entry.content()).getByteArray());
			body.writeBytes(CRLF);
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	private static String partHeader(String boundary, String path) {
		return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + escape(path)
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
	}

	// the escaping of the HTML form-data encoding, which undici (and so the JS SDK)
	// applies
	private static String escape(String filename) {
		return filename.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
	}

	private static DataBuffer text(String text, DataBufferFactory factory) {
		return factory.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
