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

package io.github.e2bspringboot.errors;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a code context does not exist (any more) in the sandbox's code interpreter:
 * it was removed, or never created there.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class CodeContextNotFoundException extends NotFoundException {

	/**
	 * Create an exception with a message.
	 * @param message the detail message
	 */
	public CodeContextNotFoundException(String message) {
		this(message, null, null);
	}

	/**
	 * Create an exception with a message, the HTTP status that caused it and a cause.
	 * @param message the detail message
	 * @param statusCode the HTTP status of the failed response, or {@code null}
	 * @param cause the cause, or {@code null}
	 */
	public CodeContextNotFoundException(String message, @Nullable Integer statusCode, @Nullable Throwable cause) {
		super(message, statusCode, cause);
	}

}
