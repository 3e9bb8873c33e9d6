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
package io.github.e2bspringboot.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed requests are retried: exponential backoff with jitter, for idempotent calls
 * that failed to connect or got 429 (after its {@code Retry-After}), 502, 503 or 504. A
 * create is retried only when it provably never reached the server (connection refused,
 * 429, 503).
 *
 * @param maxAttempts the most attempts of one call, the first included; 1 turns retries
 * off
 * @param initialBackoff the wait before the first retry
 * @param maxBackoff the longest wait between attempts, {@code Retry-After} included
 * @param multiplier how much the wait grows per retry
 * @param jitter the random share of each wait, from 0 (none) to 1
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
		double jitter) {

	private static final RetrySettings DEFAULTS = new RetrySettings(4, Duration.ofMillis(200), Duration.ofSeconds(10),
			2.0, 0.5);

	private static final RetrySettings NONE = new RetrySettings(1, Duration.ZERO, Duration.ZERO, 1.0, 0.0);

	/**
	 * Create retry settings, checking its values.
	 * @param maxAttempts the most attempts of one call, the first included; 1 turns
	 * retries off
	 * @param initialBackoff the wait before the first retry
	 * @param maxBackoff the longest wait between attempts, {@code Retry-After} included
	 * @param multiplier how much the wait grows per retry
	 * @param jitter the random share of each wait, from 0 (none) to 1
	 */
	public RetrySettings {
		Objects.requireNonNull(initialBackoff, "initialBackoff");
		Objects.requireNonNull(maxBackoff, "maxBackoff");
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
		}
		if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
			throw new IllegalArgumentException("backoff durations must not be negative");
		}
		if (multiplier < 1.0) {
			throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
		}
		if (jitter < 0.0 || jitter > 1.0) {
			throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
		}
	}

	/**
	 * Return the default settings: 4 attempts, 200 ms doubling up to 10 s, 50% jitter.
	 * @return the settings
	 */
	public static RetrySettings defaults() {
		return DEFAULTS;
	}

	/**
	 * Return settings that never retry.
	 * @return the settings
	 */
	public static RetrySettings none() {
		return NONE;
	}

	/**
	 * Return the wait before a retry.
	 * @param retry the retry's number, from 1
	 * @param random a number in [0, 1) that picks the jitter
	 * @return the wait
	 */
	public Duration backoff(long retry, double random) {
		double base = this.initialBackoff.toMillis() * Math.pow(this.multiplier, retry - 1);
		double capped = Math.min(base, this.maxBackoff.toMillis());
		double jittered = capped * (1.0 - this.jitter * random);
		return Duration.ofMillis(Math.round(jittered));
	}

}
