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

import java.io.IOException;
import java.time.Duration;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import io.github.e2bspringboot.testsupport.RecordingServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link E2bReactiveHealthIndicator}.
 */
class E2bReactiveHealthIndicatorTests {

	private static final String WRONG_KEY = "e2b_ffffffffffffffffffffffffffffffffffffffff";

	@Test
	void upWhenTheApiAnswersAndAcceptsTheKey() {
		try (E2bLocalServer server = LocalSandboxes.startServer()) {
			Health health = indicator(server.url(), server.apiKey(), Duration.ZERO).health().block();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("apiUrl", server.url()).containsEntry("local", true);
		}
	}

	@Test
	void downWithAClearReasonForAWrongKeyThatItNeverShows() {
		try (E2bLocalServer server = LocalSandboxes.startServer()) {
			Health health = indicator(server.url(), WRONG_KEY, Duration.ZERO).health().block();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("error").toString()).startsWith("The E2B API rejected the API key")
				.doesNotContain(WRONG_KEY);
			assertThat(health.toString()).doesNotContain(WRONG_KEY);
		}
	}

	@Test
	void downWhenTheApiIsUnreachableOrFails() throws IOException {
		String closed;
		try (RecordingServer server = new RecordingServer()) {
			closed = server.url().toString();
		}
		// refused connections are retried first: give the probe the time of the default
		// policy
		assertThat(indicator(closed, WRONG_KEY, Duration.ZERO, Duration.ofSeconds(5)).health()
			.block()
			.getDetails()
			.get("error")
			.toString()).startsWith("The E2B API is unreachable");
		try (RecordingServer server = new RecordingServer()) {
			server.enqueueJson(500, "{\"code\":500,\"message\":\"boom\"}");
			Health health = indicator(server.url().toString(), WRONG_KEY, Duration.ZERO).health().block();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("error").toString()).isEqualTo("The E2B API failed: 500: boom");
		}
	}

	@Test
	void aSilentApiIsDownWithinTheHealthTimeout() throws Exception {
		try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			long started = System.nanoTime();
			Health health = indicator("http://127.0.0.1:" + silent.getLocalPort(), WRONG_KEY, Duration.ZERO).health()
				.block();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void resultsAreReusedForTheCacheTimeToLive() throws IOException {
		try (RecordingServer server = new RecordingServer()) {
			server.enqueueJson(200, "[]");
			E2bReactiveHealthIndicator indicator = indicator(server.url().toString(), WRONG_KEY, Duration.ofMinutes(1));

			assertThat(indicator.health().block().getStatus()).isEqualTo(Status.UP);
			assertThat(indicator.health().block().getStatus()).isEqualTo(Status.UP);

			server.takeRequest();
			assertThat(server.pendingRequests()).as("the second check used the cached result").isZero();
		}
	}

	private static E2bReactiveHealthIndicator indicator(String url, String apiKey, Duration cacheTimeToLive) {
		return indicator(url, apiKey, cacheTimeToLive, Duration.ofSeconds(1));
	}

	private static E2bReactiveHealthIndicator indicator(String url, String apiKey, Duration cacheTimeToLive,
			Duration timeout) {
		E2bConnectionConfig config = E2bConnectionConfig.builder()
			.apiKey(apiKey)
			.apiUrl(java.net.URI.create(url))
			.requestTimeout(Duration.ofSeconds(30))
			.build();
		return new E2bReactiveHealthIndicator(
				new ReactiveSandboxTemplate(WebClient.builder(), config, SandboxSpec.empty()), config.apiUrl(), timeout,
				cacheTimeToLive);
	}

}
