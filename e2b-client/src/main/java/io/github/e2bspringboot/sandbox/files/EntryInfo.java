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

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A file or directory in a sandbox.
 *
 * @param name the entry's name
 * @param type its type
 * @param path its absolute path
 * @param size its size in bytes
 * @param mode its permission bits, such as {@code 0644}
 * @param permissions its permissions as {@code ls -l} shows them
 * @param owner the owning user
 * @param group the owning group
 * @param modifiedTime when it was last modified, if known
 * @param symlinkTarget the absolute target when the entry is a symbolic link
 * @param metadata the file's metadata (empty when none)
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record EntryInfo(String name, FileType type, String path, long size, int mode, String permissions, String owner,
		String group, @Nullable Instant modifiedTime, @Nullable String symlinkTarget, Map<String, String> metadata) {

	/**
	 * Create an instance, copying the metadata.
	 * @param name the entry's name
	 * @param type its type
	 * @param path its absolute path
	 * @param size its size in bytes
	 * @param mode its permission bits, such as {@code 0644}
	 * @param permissions its permissions as {@code ls -l} shows them
	 * @param owner the owning user
	 * @param group the owning group
	 * @param modifiedTime when it was last modified, if known
	 * @param symlinkTarget the absolute target when the entry is a symbolic link
	 * @param metadata the file's metadata (empty when none)
	 */
	public EntryInfo {
		metadata = Map.copyOf(metadata);
	}

}
