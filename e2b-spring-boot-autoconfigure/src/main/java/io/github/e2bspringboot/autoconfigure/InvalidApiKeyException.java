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

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when the E2B API key is missing or malformed. Its message never
 * contains the key.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 * @see InvalidApiKeyFailureAnalyzer
 */
public class InvalidApiKeyException extends RuntimeException {

	/** Whether the key is missing rather than malformed. */
	private final boolean missing;

	/** Why no embedded e2b-local server stood in, if one could have. */
	private final @Nullable String whyNoLocalServer;

	InvalidApiKeyException(String message, boolean missing, @Nullable String whyNoLocalServer) {
		super(message);
		this.missing = missing;
		this.whyNoLocalServer = whyNoLocalServer;
	}

	/**
	 * Return whether no key was configured at all.
	 * @return {@code true} when the key is missing, {@code false} when it is malformed
	 */
	public boolean isMissing() {
		return this.missing;
	}

	/**
	 * Return why no embedded e2b-local server stood in for the missing key although
	 * e2b-local is on the classpath.
	 * @return the reason, or {@code null} when e2b-local is not on the classpath
	 */
	public @Nullable String getWhyNoLocalServer() {
		return this.whyNoLocalServer;
	}

	/**
	 * Check an API key.
	 * @param apiKey the key
	 * @param validateShape whether to require the {@code e2b_<hex>} shape
	 * @param whyNoLocalServer why no embedded server was started, when e2b-local is on
	 * the classpath
	 * @return the key
	 * @throws InvalidApiKeyException when the key is missing or malformed
	 */
	static String check(@Nullable String apiKey, boolean validateShape, @Nullable String whyNoLocalServer) {
		if (apiKey == null || apiKey.isBlank()) {
			throw new InvalidApiKeyException("No E2B API key is configured (e2b.api-key)", true, whyNoLocalServer);
		}
		if (apiKey.startsWith("${") && apiKey.endsWith("}")) {
			// Boot leaves a placeholder it cannot resolve as it is
			throw new InvalidApiKeyException("No E2B API key is configured: e2b.api-key is the placeholder " + apiKey
					+ ", whose variable is not set", true, whyNoLocalServer);
		}
		if (apiKey.chars().anyMatch((c) -> c <= ' ' || c >= 127)) {
			throw new InvalidApiKeyException(
					"The E2B API key (e2b.api-key) contains whitespace or characters that cannot be sent in an HTTP header",
					false, null);
		}
		if (validateShape && !apiKey.matches("e2b_[0-9a-f]+")) {
			throw new InvalidApiKeyException("The E2B API key (e2b.api-key) does not look like an E2B key (e2b_"
					+ "followed by lowercase hexadecimal digits)", false, null);
		}
		return apiKey;
	}

}
