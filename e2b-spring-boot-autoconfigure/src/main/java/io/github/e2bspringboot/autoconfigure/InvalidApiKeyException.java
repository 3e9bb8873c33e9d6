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
package io.github.e2bspringboot.autoconfigure;

/**
 * Thrown at startup when the E2B API key is missing or malformed. Its message never
 * contains the key.
 *
 * @author e2b-spring-boot contributors
 * @see InvalidApiKeyFailureAnalyzer
 */
public class InvalidApiKeyException extends RuntimeException {

	private final boolean missing;

	InvalidApiKeyException(String message, boolean missing) {
		super(message);
		this.missing = missing;
	}

	/**
	 * Return whether no key was configured at all.
	 * @return {@code true} when the key is missing, {@code false} when it is malformed
	 */
	public boolean isMissing() {
		return this.missing;
	}

	/**
	 * Check an API key.
	 * @param apiKey the key
	 * @param validateShape whether to require the {@code e2b_<hex>} shape
	 * @return the key
	 * @throws InvalidApiKeyException when the key is missing or malformed
	 */
	static String check(@org.jspecify.annotations.Nullable String apiKey, boolean validateShape) {
		if (apiKey == null || apiKey.isBlank()) {
			throw new InvalidApiKeyException("No E2B API key is configured", true);
		}
		if (apiKey.chars().anyMatch((c) -> c <= ' ' || c >= 127)) {
			throw new InvalidApiKeyException(
					"The E2B API key contains whitespace or characters that cannot be sent in an HTTP header", false);
		}
		if (validateShape && !apiKey.matches("e2b_[0-9a-f]+")) {
			throw new InvalidApiKeyException(
					"The E2B API key does not look like an E2B key (e2b_ followed by lowercase hexadecimal digits)",
					false);
		}
		return apiKey;
	}

}
