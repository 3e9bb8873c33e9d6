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

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Checks {@code e2b.*} values at startup, so a mistake fails fast with the property's
 * name instead of on the first request.
 *
 * @author e2b-spring-boot contributors
 */
final class E2bPropertiesValidator {

	private static final Duration MAX_SANDBOX_TIMEOUT = Duration.ofHours(24);

	private E2bPropertiesValidator() {
	}

	static void validate(E2bProperties properties, E2bConnectionDetails connectionDetails) {
		Duration timeout = properties.getTimeout();
		if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_SANDBOX_TIMEOUT) > 0) {
			throw new InvalidE2bPropertyException("e2b.timeout",
					"the sandbox lifetime must be more than 0 and at most 24 hours, got " + timeout);
		}
		if (properties.getRequestTimeout().isNegative()) {
			throw new InvalidE2bPropertyException("e2b.request-timeout",
					"the request timeout must not be negative (0 turns it off), got " + properties.getRequestTimeout());
		}
		if (properties.getTemplate().isBlank()) {
			throw new InvalidE2bPropertyException("e2b.template", "the default template must not be blank");
		}
		if (properties.getCodeInterpreter().getTemplate().isBlank()) {
			throw new InvalidE2bPropertyException("e2b.code-interpreter.template",
					"the code interpreter's template must not be blank");
		}
		if (connectionDetails.getDomain().isBlank()) {
			throw new InvalidE2bPropertyException("e2b.domain", "the domain must not be blank");
		}
		checkUrl("e2b.api-url", connectionDetails.getApiUrl());
		checkUrl("e2b.sandbox-url", connectionDetails.getSandboxUrl());
		E2bProperties.Retry retry = properties.getRetry();
		if (retry.getMaxAttempts() < 1) {
			throw new InvalidE2bPropertyException("e2b.retry.max-attempts",
					"must be at least 1, got " + retry.getMaxAttempts());
		}
		if (retry.getInitialBackoff().isNegative() || retry.getMaxBackoff().isNegative()) {
			throw new InvalidE2bPropertyException("e2b.retry.initial-backoff", "backoffs must not be negative");
		}
		if (retry.getMultiplier() < 1.0) {
			throw new InvalidE2bPropertyException("e2b.retry.multiplier",
					"must be at least 1, got " + retry.getMultiplier());
		}
		if (retry.getJitter() < 0.0 || retry.getJitter() > 1.0) {
			throw new InvalidE2bPropertyException("e2b.retry.jitter",
					"must be between 0 and 1, got " + retry.getJitter());
		}
	}

	private static void checkUrl(String property, @Nullable URI url) {
		if (url == null) {
			return;
		}
		String scheme = url.getScheme();
		if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
			throw new InvalidE2bPropertyException(property,
					"expected an absolute http or https URL with a host, got '" + url + "'");
		}
	}

}
