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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;

/**
 * One file of a {@code writeFiles} call: where it goes in the sandbox and what it holds.
 * The content is read only while the request is sent, so a stream or a file on disk is
 * never held in memory whole.
 *
 * @param path the target path in the sandbox (absolute, {@code ~/...}, or relative to the
 * user's home)
 * @param content the content
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record WriteEntry(String path, Resource content) {

	/**
	 * Create an entry.
	 * @param path the target path in the sandbox (absolute, {@code ~/...}, or relative to
	 * the user's home)
	 * @param content the content
	 */
	public WriteEntry {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(content, "content");
	}

	/**
	 * An entry with text content, written as UTF-8.
	 * @param path the target path
	 * @param text the content
	 * @return the entry
	 */
	public static WriteEntry of(String path, String text) {
		return new WriteEntry(path, new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * An entry with binary content.
	 * @param path the target path
	 * @param bytes the content
	 * @return the entry
	 */
	public static WriteEntry of(String path, byte[] bytes) {
		return new WriteEntry(path, new ByteArrayResource(bytes));
	}

	/**
	 * An entry whose content is read from a stream, once, while the request is sent. The
	 * stream is closed afterwards.
	 * @param path the target path
	 * @param stream the content
	 * @return the entry
	 */
	public static WriteEntry of(String path, InputStream stream) {
		return new WriteEntry(path, new InputStreamResource(stream));
	}

	/**
	 * An entry whose content is a local file.
	 * @param path the target path
	 * @param file the local file
	 * @return the entry
	 */
	public static WriteEntry of(String path, Path file) {
		return new WriteEntry(path, new FileSystemResource(file));
	}

}
