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
 * Root of every exception thrown by the E2B client. Unchecked, like the rest of Spring's
 * data access exceptions. Messages keep the server's explanation but never contain an API
 * key or an access token.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class E2bException extends RuntimeException {

	/** The HTTP status of the answer that failed, if any. */
	private final @Nullable Integer statusCode;

	/**
	 * Create an exception with a message and no HTTP status.
	 * @param message the detail message
	 */
	public E2bException(String message) {
		this(message, null, null);
	}

	/**
	 * Create an exception with a message, the HTTP status that caused it and a cause.
	 * @param message the detail message
	 * @param statusCode the HTTP status of the failed response, or {@code null}
	 * @param cause the cause, or {@code null}
	 */
	public E2bException(String message, @Nullable Integer statusCode, @Nullable Throwable cause) {
		super(message, cause);
		this.statusCode = statusCode;
	}

	/**
	 * Return the HTTP status of the response that failed, when the failure came from one.
	 * @return the status code or {@code null}
	 */
	public @Nullable Integer getStatusCode() {
		return this.statusCode;
	}

}
