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

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

import io.github.e2bspringboot.wire.Blocking;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * The files of one sandbox, blocking. Paths are absolute, start with {@code ~}, or are
 * relative to the home of the sandbox's default user ({@code /home/user}).
 *
 * <pre class="code">
 * sandbox.files().write("/home/user/main.py", "print('hi')");
 * String text = sandbox.files().read("/home/user/main.py");
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @see ReactiveFilesystem
 */
public final class Filesystem {

	private static final int STREAM_DEMAND = 16;

	private final ReactiveFilesystem reactive;

	/**
	 * Create the blocking view over a reactive filesystem.
	 * @param reactive the reactive filesystem
	 */
	public Filesystem(ReactiveFilesystem reactive) {
		this.reactive = reactive;
	}

	/**
	 * Write text as UTF-8, replacing the file if it exists and creating parent
	 * directories.
	 * @param path the target path
	 * @param text the content
	 * @return what was written
	 */
	public WriteInfo write(String path, String text) {
		return Blocking.get(this.reactive.write(path, text));
	}

	/**
	 * Write bytes.
	 * @param path the target path
	 * @param bytes the content
	 * @return what was written
	 */
	public WriteInfo write(String path, byte[] bytes) {
		return Blocking.get(this.reactive.write(path, bytes));
	}

	/**
	 * Write a stream's content without holding it in memory; the stream is closed after.
	 * @param path the target path
	 * @param content the content
	 * @return what was written
	 */
	public WriteInfo write(String path, InputStream content) {
		return Blocking.get(this.reactive.write(path, new InputStreamResource(content)));
	}

	/**
	 * Write a resource's content without holding it in memory.
	 * @param path the target path
	 * @param content the content
	 * @return what was written
	 */
	public WriteInfo write(String path, Resource content) {
		return Blocking.get(this.reactive.write(path, content));
	}

	/**
	 * Write a local file's content without holding it in memory.
	 * @param path the target path
	 * @param file the local file
	 * @return what was written
	 */
	public WriteInfo write(String path, Path file) {
		return Blocking.get(this.reactive.write(path, new FileSystemResource(file)));
	}

	/**
	 * Write several files in one request.
	 * @param entries the files
	 * @return what was written, in the order of the entries
	 */
	public List<WriteInfo> writeFiles(List<WriteEntry> entries) {
		return Blocking.get(this.reactive.writeFiles(entries));
	}

	/**
	 * Read a file as UTF-8 text.
	 * @param path the path
	 * @return the content
	 */
	public String read(String path) {
		return Blocking.get(this.reactive.read(path));
	}

	/**
	 * Read a file's bytes.
	 * @param path the path
	 * @return the content
	 */
	public byte[] readBytes(String path) {
		return Blocking.get(this.reactive.readBytes(path));
	}

	/**
	 * Open a file as a stream that is read from the sandbox as it is consumed. Close it
	 * when done.
	 * @param path the path
	 * @return the content
	 */
	public InputStream readStream(String path) {
		return DataBufferUtils.subscriberInputStream(this.reactive.readStream(path), STREAM_DEMAND);
	}

}
