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
package io.github.e2bspringboot.sandbox.files;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.wire.Arguments;
import io.github.e2bspringboot.wire.EnvdClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * The files of one sandbox, without blocking. Paths are absolute, start with {@code ~},
 * or are relative to the home of the sandbox's default user ({@code /home/user}).
 *
 * @author e2b-spring-boot contributors
 * @see Filesystem
 */
public final class ReactiveFilesystem {

	private final EnvdClient envd;

	/**
	 * Create the filesystem view of a sandbox. Obtained from a sandbox, not built by
	 * applications.
	 * @param envd the sandbox's daemon
	 */
	public ReactiveFilesystem(EnvdClient envd) {
		this.envd = envd;
	}

	/**
	 * Write text as UTF-8, replacing the file if it exists and creating parent
	 * directories.
	 * @param path the target path
	 * @param text the content
	 * @return what was written
	 */
	public Mono<WriteInfo> write(String path, String text) {
		return write(WriteEntry.of(path, text));
	}

	/**
	 * Write bytes.
	 * @param path the target path
	 * @param bytes the content
	 * @return what was written
	 */
	public Mono<WriteInfo> write(String path, byte[] bytes) {
		return write(WriteEntry.of(path, bytes));
	}

	/**
	 * Write a resource's content, streamed while the request is sent.
	 * @param path the target path
	 * @param content the content
	 * @return what was written
	 */
	public Mono<WriteInfo> write(String path, Resource content) {
		return write(new WriteEntry(path, content));
	}

	private Mono<WriteInfo> write(WriteEntry entry) {
		return Mono.defer(() -> {
			String path = Arguments.requireText(entry.path(), "path");
			return this.envd.upload(path, List.of(entry), null).map((written) -> {
				if (written.isEmpty()) {
					throw new E2bException("The sandbox reported no file written for " + path);
				}
				return written.get(0);
			});
		});
	}

	/**
	 * Write several files in one request.
	 * @param entries the files
	 * @return what was written, in the order of the entries
	 */
	public Mono<List<WriteInfo>> writeFiles(List<WriteEntry> entries) {
		return Mono.defer(() -> {
			Arguments.requireNonNull(entries, "entries")
				.forEach((entry) -> Arguments.requireText(entry.path(), "path"));
			return entries.isEmpty() ? Mono.just(List.<WriteInfo>of()) : this.envd.upload(null, entries, null);
		});
	}

	/**
	 * Read a file as UTF-8 text.
	 * @param path the path
	 * @return the content
	 */
	public Mono<String> read(String path) {
		return readBytes(path).map((bytes) -> new String(bytes, StandardCharsets.UTF_8));
	}

	/**
	 * Read a file's bytes.
	 * @param path the path
	 * @return the content
	 */
	public Mono<byte[]> readBytes(String path) {
		return DataBufferUtils.join(readStream(path)).map((buffer) -> {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				return bytes;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).defaultIfEmpty(new byte[0]);
	}

	/**
	 * Stream a file's content. Each buffer must be released by the subscriber (for
	 * example with {@link DataBufferUtils#release}).
	 * @param path the path
	 * @return the content
	 */
	public Flux<DataBuffer> readStream(String path) {
		return Flux.defer(() -> this.envd.download(Arguments.requireText(path, "path"), null));
	}

}
