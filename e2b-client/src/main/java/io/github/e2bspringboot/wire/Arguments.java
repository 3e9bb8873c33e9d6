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
package io.github.e2bspringboot.wire;

import java.time.Duration;

import io.github.e2bspringboot.errors.InvalidArgumentException;
import org.jspecify.annotations.Nullable;

/**
 * Checks of API arguments before any request is sent.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class Arguments {

	private Arguments() {
	}

	/**
	 * Require a non-blank text.
	 * @param value the value
	 * @param name the argument's name, for the message
	 * @return the value
	 * @throws InvalidArgumentException when it is null or blank
	 */
	public static String requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new InvalidArgumentException(name + " must not be empty");
		}
		return value;
	}

	/**
	 * Require a positive duration.
	 * @param value the value
	 * @param name the argument's name, for the message
	 * @return the value
	 * @throws InvalidArgumentException when it is null, zero or negative
	 */
	public static Duration requirePositive(@Nullable Duration value, String name) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidArgumentException(name + " must be positive, got " + value);
		}
		return value;
	}

	/**
	 * Require a non-null value.
	 * @param <T> the value type
	 * @param value the value
	 * @param name the argument's name, for the message
	 * @return the value
	 * @throws InvalidArgumentException when it is null
	 */
	public static <T> T requireNonNull(@Nullable T value, String name) {
		if (value == null) {
			throw new InvalidArgumentException(name + " must not be null");
		}
		return value;
	}

}
