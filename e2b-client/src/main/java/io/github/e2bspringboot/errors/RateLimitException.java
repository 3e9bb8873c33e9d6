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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when E2B refuses a request because too many were sent (HTTP 429).
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class RateLimitException extends E2bException {

	/** How long the server asked to wait, if it said. */
	private final @Nullable Duration retryAfter;

	/**
	 * Create an exception with a message.
	 * @param message the detail message
	 */
	public RateLimitException(String message) {
		this(message, null, null);
	}

	/**
	 * Create an exception with a message, the HTTP status that caused it and a cause.
	 * @param message the detail message
	 * @param statusCode the HTTP status of the failed response, or {@code null}
	 * @param cause the cause, or {@code null}
	 */
	public RateLimitException(String message, @Nullable Integer statusCode, @Nullable Throwable cause) {
		this(message, statusCode, cause, null);
	}

	/**
	 * Create an exception that says when to try again.
	 * @param message the detail message
	 * @param statusCode the HTTP status of the failed response, or {@code null}
	 * @param cause the cause, or {@code null}
	 * @param retryAfter the server's {@code Retry-After}, or {@code null}
	 */
	public RateLimitException(String message, @Nullable Integer statusCode, @Nullable Throwable cause,
			@Nullable Duration retryAfter) {
		super(message, statusCode, cause);
		this.retryAfter = retryAfter;
	}

	/**
	 * Return how long the server asked to wait before trying again.
	 * @return the wait, or {@code null} when the server did not say
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
