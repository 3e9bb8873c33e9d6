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

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.github.e2bspringboot.errors.E2bConnectionException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.RateLimitException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.errors.ServiceBusyException;
import io.github.e2bspringboot.observation.SandboxObservationContext;
import io.github.e2bspringboot.observation.SandboxObservations;
import io.github.e2bspringboot.sandbox.RetrySettings;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Applies a {@link RetrySettings} to a call, deciding from the typed failure whether
 * another attempt is safe, and recording every retry as an event of the current
 * observation.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class Retries {

	private Retries() {
	}

	/**
	 * What a call may safely repeat.
	 */
	public enum Safety {

		/** Repeating the call changes nothing more than the first attempt would have. */
		IDEMPOTENT,

		/**
		 * Repeating the call may duplicate its effect (a create): only failures that
		 * prove the request was refused or never arrived are retried.
		 */
		NOT_IDEMPOTENT

	}

	/**
	 * Return the retry operator for a call.
	 * @param policy the policy
	 * @param safety what the call may repeat
	 * @return the operator for {@code retryWhen}
	 */
	public static Retry of(RetrySettings policy, Safety safety) {
		return Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			long retry = signal.totalRetries() + 1;
			if (retry >= policy.maxAttempts() || !isRetryable(failure, safety)) {
				return Mono.error(failure);
			}
			Duration backoff = policy.backoff(retry, ThreadLocalRandom.current().nextDouble());
			Duration retryAfter = (failure instanceof RateLimitException limited) ? limited.getRetryAfter() : null;
			Duration delay = (retryAfter != null && retryAfter.compareTo(backoff) > 0) ? retryAfter : backoff;
			if (delay.compareTo(policy.maxBackoff()) > 0) {
				delay = policy.maxBackoff();
			}
			return Mono.deferContextual((context) -> {
				context.<SandboxObservationContext>getOrEmpty(SandboxObservationContext.class)
					.ifPresent(SandboxObservationContext::retried);
				context.<Observation>getOrEmpty(SandboxObservations.CURRENT_OBSERVATION_KEY)
					.ifPresent((observation) -> observation.event(Observation.Event.of("e2b.retry",
							"retry " + retry + " after " + failure.getClass().getSimpleName())));
				return Mono.just(retry);
			}).delayElement(delay);
		}));
	}

	static boolean isRetryable(Throwable failure, Safety safety) {
		if (failure instanceof RateLimitException || failure instanceof ServiceBusyException) {
			// the server refused the call: nothing changed
			return true;
		}
		if (failure instanceof E2bConnectionException) {
			return safety == Safety.IDEMPOTENT || neverSent(failure);
		}
		if (failure instanceof SandboxTimeoutException) {
			// a request timeout, or a sandbox that is gone: neither gets better by
			// repeating
			return false;
		}
		if (safety == Safety.IDEMPOTENT && failure instanceof E2bException e2b) {
			Integer status = e2b.getStatusCode();
			return status != null && (status == 502 || status == 503 || status == 504);
		}
		return false;
	}

	/**
	 * Whether the connection itself was refused, so the request never reached the server.
	 * @param failure the failure
	 * @return {@code true} when the request provably never arrived
	 */
	public static boolean neverSent(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

}
