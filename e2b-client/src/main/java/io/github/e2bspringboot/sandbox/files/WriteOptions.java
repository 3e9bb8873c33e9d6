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

/**
 * How a streamed write is sent.
 *
 * @param compress whether the content is compressed with gzip on the way (the sandbox
 * stores it uncompressed)
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record WriteOptions(boolean compress) {

	private static final WriteOptions DEFAULTS = new WriteOptions(false);

	/**
	 * Send the content as it is.
	 * @return the options
	 */
	public static WriteOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Compress the content with gzip on the way.
	 * @return the options
	 */
	public static WriteOptions gzip() {
		return new WriteOptions(true);
	}

}
