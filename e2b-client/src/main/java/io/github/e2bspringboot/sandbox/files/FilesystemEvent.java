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

import org.jspecify.annotations.Nullable;

/**
 * A change in a watched directory.
 *
 * @param name the changed path, relative to the watched directory
 * @param type what happened
 * @param entry the entry after the change, when asked for and still present
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record FilesystemEvent(String name, Type type, @Nullable EntryInfo entry) {

	/**
	 * What happened to a path.
	 */
	public enum Type {

		/** The path was created. */
		CREATE,

		/** The file was written. */
		WRITE,

		/** The path was removed. */
		REMOVE,

		/** The path was renamed. */
		RENAME,

		/** The permissions or owner changed. */
		CHMOD

	}

}
