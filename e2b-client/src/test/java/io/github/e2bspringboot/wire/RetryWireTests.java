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

import java.io.IOException;
import java.time.Duration;

import io.github.e2bspringboot.errors.E2bConnectionException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.RateLimitException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.errors.ServiceBusyException;
import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.RetrySettings;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.sandbox.SandboxTracker;
import io.github.e2bspringboot.testsupport.RecordingServer;
import io.github.e2bspringboot.testsupport.RecordingServer.RecordedRequest;
import io.github.e2bspringboot.testsupport.RecordingServer.Response;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static io.github.e2bspringboot.testsupport.WireFixtures.API_KEY;
import static io.github.e2bspringboot.testsupport.WireFixtures.CREATED;
import static io.github.e2bspringboot.testsupport.WireFixtures.SANDBOX_ID;
import static io.github.e2bspringboot.testsupport.WireFixtures.listed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Retries and the clean-up of lost creates, on the wire.
 */
class RetryWireTests {

	private static final RetrySettings FAST = new RetrySettings(4, Duration.ofMillis(10), Duration.ofSeconds(2), 2.0,
			0.5);

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private RecordingServer server;

	private SandboxTemplate sandboxes;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new RecordingServer();
		E2bConnectionConfig config = E2bConnectionConfig.builder()
			.apiKey(API_KEY)
			.apiUrl(this.server.url())
			.sandboxUrl(this.server.url())
			.requestTimeout(Duration.ofSeconds(5))
			.retrySettings(FAST)
			.build();
		this.sandboxes = new SandboxTemplate(new ReactiveSandboxTemplate(WebClient.builder(), config,
				SandboxSpec.builder().timeout(Duration.ofMinutes(5)).build(), this.observations, new SandboxTracker()));
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void idempotentCallsAreRetriedOn502503504AndTheRetriesAreObservationEvents() {
		this.server.enqueueJson(502, "{\"code\":502,\"message\":\"bad gateway\"}")
			.enqueueJson(503, "{\"code\":503,\"message\":\"busy\"}")
			.enqueueJson(504, "{\"code\":504,\"message\":\"gateway timeout\"}")
			.enqueueJson(200, listed(SANDBOX_ID, "{}"));

		assertThat(this.sandboxes.getInfo(SANDBOX_ID).sandboxId()).isEqualTo(SANDBOX_ID);

		for (int i = 0; i < 4; i++) {
			assertThat(this.server.takeRequest().target()).isEqualTo("/sandboxes/" + SANDBOX_ID);
		}
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("e2b.sandbox.operation")
			.that()
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasEvent("e2b.retry");
	}

	@Test
	void retriesStopAfterTheMaximumAttempts() {
		for (int i = 0; i < 4; i++) {
			this.server.enqueueJson(503, "{\"code\":503,\"message\":\"busy\"}");
		}

		assertThatExceptionOfType(ServiceBusyException.class).isThrownBy(() -> this.sandboxes.getInfo(SANDBOX_ID));
		assertThat(this.server.pendingRequests()).isEqualTo(4);
	}

	@Test
	void aRateLimitIsRetriedAfterItsRetryAfter() {
		this.server
			.enqueue(Response.json(429, "{\"code\":429,\"message\":\"slow down\"}").withHeader("Retry-After", "1"))
			.enqueueStatus(204);
		long started = System.nanoTime();

		assertThat(this.sandboxes.kill(SANDBOX_ID)).isTrue();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(this.server.pendingRequests()).isEqualTo(2);
	}

	@Test
	void aRefusedCreateIsRetriedAndMakesOneSandbox() {
		this.server.enqueueJson(429, "{\"code\":429,\"message\":\"slow down\"}")
			.enqueueJson(503, "{\"code\":503,\"message\":\"no capacity\"}")
			.enqueueJson(201, CREATED);

		assertThat(this.sandboxes.create().id()).isEqualTo(SANDBOX_ID);

		String first = this.server.takeRequest().bodyText();
		assertThat(this.server.takeRequest().bodyText()).isEqualTo(first);
		assertThat(this.server.takeRequest().bodyText()).isEqualTo(first);
		assertThat(first).contains("\"" + ReactiveSandboxTemplate.CREATE_ID_METADATA_KEY + "\":\"");
	}

	@Test
	void aCreateWhoseAnswerWasLostIsNotRetriedButCleanedUp() {
		this.server.enqueueJson(502, "{\"code\":502,\"message\":\"bad gateway\"}")
			.enqueueJson(200, "[" + listed("orphan00000000000000", "{}") + "]")
			.enqueueStatus(204);

		assertThatExceptionOfType(E2bException.class).isThrownBy(this.sandboxes::create)
			.withMessage("502: bad gateway");

		RecordedRequest create = this.server.takeRequest();
		String createId = create.bodyText()
			.replaceAll(".*\"" + ReactiveSandboxTemplate.CREATE_ID_METADATA_KEY + "\":\"([^\"]+)\".*", "$1");
		RecordedRequest lookup = this.server.takeRequest();
		assertThat(lookup.target()).isEqualTo("/v2/sandboxes?metadata=" + UriEncoding.component(UriEncoding
			.metadataFilter(java.util.Map.of(ReactiveSandboxTemplate.CREATE_ID_METADATA_KEY, createId))));
		RecordedRequest kill = this.server.takeRequest();
		assertThat(kill.method()).isEqualTo("DELETE");
		assertThat(kill.target()).isEqualTo("/sandboxes/orphan00000000000000");
		assertThat(this.server.pendingRequests()).isZero();
	}

	@Test
	void retriesDecideFromTheTypedFailure() {
		E2bConnectionException refused = new E2bConnectionException("refused", null,
				new java.net.ConnectException("refused"));
		E2bConnectionException dropped = new E2bConnectionException("dropped", null, new IOException("reset"));

		assertThat(Retries.isRetryable(refused, Retries.Safety.NOT_IDEMPOTENT)).isTrue();
		assertThat(Retries.isRetryable(dropped, Retries.Safety.NOT_IDEMPOTENT)).isFalse();
		assertThat(Retries.isRetryable(dropped, Retries.Safety.IDEMPOTENT)).isTrue();
		assertThat(Retries.isRetryable(new RateLimitException("429"), Retries.Safety.NOT_IDEMPOTENT)).isTrue();
		assertThat(Retries.isRetryable(new E2bException("502", 502, null), Retries.Safety.NOT_IDEMPOTENT)).isFalse();
		assertThat(Retries.isRetryable(new E2bException("500", 500, null), Retries.Safety.IDEMPOTENT)).isFalse();
		assertThat(Retries.isRetryable(new SandboxTimeoutException("gone", 502, null), Retries.Safety.IDEMPOTENT))
			.isFalse();
	}

	@Test
	void backoffGrowsExponentiallyWithJitterUpToTheMaximum() {
		RetrySettings policy = new RetrySettings(10, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.5);

		assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(100));
		assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(200));
		assertThat(policy.backoff(3, 0.999)).isBetween(Duration.ofMillis(200), Duration.ofMillis(201));
		assertThat(policy.backoff(9, 0.0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(ErrorMapping.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
		assertThat(ErrorMapping.retryAfter("not a date")).isNull();
	}

}
