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

import reactor.core.publisher.Mono;

/**
 * Blocks on the reactive operations for the blocking API, which adds nothing else.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class Blocking {

	private Blocking() {
	}

	/**
	 * Wait for a value that the operation always produces.
	 * @param <T> the value type
	 * @param mono the operation
	 * @return the value
	 */
	public static <T> T get(Mono<T> mono) {
		T value = mono.block();
		if (value == null) {
			throw new IllegalStateException("The operation completed without a value");
		}
		return value;
	}

	/**
	 * Wait for an operation that produces no value.
	 * @param mono the operation
	 */
	public static void run(Mono<Void> mono) {
		mono.block();
	}

}
