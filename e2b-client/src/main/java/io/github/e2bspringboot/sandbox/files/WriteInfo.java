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

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A file that a write created or replaced.
 *
 * @param name the file name
 * @param type the entry type ({@code file}), if reported
 * @param path the absolute path the sandbox resolved the target to
 * @param metadata the file's metadata (empty when none)
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record WriteInfo(String name, @Nullable String type, String path, Map<String, String> metadata) {

	/**
	 * Create an instance, copying the metadata.
	 * @param name the file name
	 * @param type the entry type ({@code file}), if reported
	 * @param path the absolute path the sandbox resolved the target to
	 * @param metadata the file's metadata (empty when none)
	 */
	public WriteInfo {
		metadata = Map.copyOf(metadata);
	}

}
