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

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import io.github.e2bspringboot.errors.AuthenticationException;
import io.github.e2bspringboot.errors.E2bConnectionException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.sandbox.ReactiveSandboxOperations;
import io.github.e2bspringboot.sandbox.SandboxQuery;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether E2B answers and accepts the API key, with one cheap call (a one-item
 * list page) bounded by its own timeout and remembered briefly, so that frequent health
 * probes do not hammer the API. Reactive, so that no thread waits on the probe; Spring
 * Boot adapts it for blocking health endpoints. Details show the API URL and whether it
 * runs on this machine; never the key.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class E2bReactiveHealthIndicator extends AbstractReactiveHealthIndicator {

	private final ReactiveSandboxOperations sandboxes;

	private final URI apiUrl;

	private final boolean local;

	private final Duration timeout;

	private final Duration cacheTimeToLive;

	private final Clock clock;

	private volatile @Nullable CachedHealth cached;

	/**
	 * Create an indicator.
	 * @param sandboxes the operations to probe with
	 * @param apiUrl the control-plane URL, for the details
	 * @param timeout how long one probe may take
	 * @param cacheTimeToLive how long a result is reused
	 */
	public E2bReactiveHealthIndicator(ReactiveSandboxOperations sandboxes, URI apiUrl, Duration timeout,
			Duration cacheTimeToLive) {
		this(sandboxes, apiUrl, timeout, cacheTimeToLive, Clock.systemUTC());
	}

	E2bReactiveHealthIndicator(ReactiveSandboxOperations sandboxes, URI apiUrl, Duration timeout,
			Duration cacheTimeToLive, Clock clock) {
		super("E2B health check failed");
		this.sandboxes = sandboxes;
		this.apiUrl = apiUrl;
		this.local = isLocal(apiUrl);
		this.timeout = timeout;
		this.cacheTimeToLive = cacheTimeToLive;
		this.clock = clock;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		Instant now = this.clock.instant();
		CachedHealth previous = this.cached;
		if (previous != null && now.isBefore(previous.expiresAt())) {
			return Mono.just(previous.health());
		}
		return this.sandboxes.list(SandboxQuery.all(), 1, null)
			.nextItems()
			.timeout(this.timeout)
			.map((items) -> Health.up())
			.onErrorResume((ex) -> Mono.just(Health.down().withDetail("error", describe(ex))))
			.map((health) -> health.withDetail("apiUrl", this.apiUrl.toString())
				.withDetail("local", this.local)
				.build())
			.doOnNext((health) -> this.cached = new CachedHealth(health, now.plus(this.cacheTimeToLive)));
	}

	Duration timeout() {
		return this.timeout;
	}

	Duration cacheTimeToLive() {
		return this.cacheTimeToLive;
	}

	private String describe(Throwable ex) {
		if (ex instanceof AuthenticationException) {
			return "The E2B API rejected the API key: " + ex.getMessage();
		}
		if (ex instanceof E2bConnectionException) {
			return "The E2B API is unreachable: " + ex.getMessage();
		}
		if (ex instanceof SandboxTimeoutException) {
			return "The E2B API did not answer in time: " + ex.getMessage();
		}
		if (ex instanceof TimeoutException) {
			return "The E2B API did not answer within " + this.timeout.toMillis() + " ms";
		}
		if (ex instanceof E2bException) {
			return "The E2B API failed: " + ex.getMessage();
		}
		return "The E2B health check failed: " + ex.getClass().getSimpleName();
	}

	private static boolean isLocal(URI apiUrl) {
		String host = apiUrl.getHost();
		if (host == null) {
			return false;
		}
		try {
			return host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private record CachedHealth(Health health, Instant expiresAt) {
	}

}
