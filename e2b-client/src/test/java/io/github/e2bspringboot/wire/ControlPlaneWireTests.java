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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.e2bspringboot.errors.AuthenticationException;
import io.github.e2bspringboot.errors.E2bConnectionException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.InvalidArgumentException;
import io.github.e2bspringboot.errors.RateLimitException;
import io.github.e2bspringboot.errors.SandboxNotFoundException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.errors.ServiceBusyException;
import io.github.e2bspringboot.errors.TemplateException;
import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxInfo;
import io.github.e2bspringboot.sandbox.SandboxMetrics;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.SandboxState;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.testsupport.RecordingServer;
import io.github.e2bspringboot.testsupport.RecordingServer.RecordedRequest;
import io.github.e2bspringboot.testsupport.RecordingServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static io.github.e2bspringboot.testsupport.WireFixtures.API_KEY;
import static io.github.e2bspringboot.testsupport.WireFixtures.CREATED;
import static io.github.e2bspringboot.testsupport.WireFixtures.CREATED_UNSECURED;
import static io.github.e2bspringboot.testsupport.WireFixtures.NOT_FOUND;
import static io.github.e2bspringboot.testsupport.WireFixtures.SANDBOX_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the client sends to the control plane and how it reads the answers, asserted on
 * the wire against the requests of the official JS SDK 2.51.0 (PROTOCOL.md 3 and 15).
 */
class ControlPlaneWireTests {

	private RecordingServer server;

	private SandboxTemplate sandboxes;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new RecordingServer();
		this.sandboxes = io.github.e2bspringboot.testsupport.WireFixtures.template(this.server);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void createPostsToTheV2EndpointWithTheConfiguredTimeout() {
		this.server.enqueueJson(201, CREATED);

		Sandbox sandbox = this.sandboxes.create();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.target()).isEqualTo("/v2/sandboxes");
		assertThat(request.header("x-api-key")).isEqualTo(API_KEY);
		assertThat(request.header("content-type")).isEqualTo("application/json");
		assertThat(request.header("user-agent")).startsWith("e2b-spring-boot/");
		assertThat(request.header("lang")).isEqualTo("java");
		assertThat(request.bodyText()).isEqualTo("{\"templateID\":\"base\",\"timeout\":300}");
		assertThat(sandbox.id()).isEqualTo(SANDBOX_ID);
		assertThat(sandbox.envdVersion()).isEqualTo("0.6.4");
		assertThat(sandbox.isSecure()).isTrue();
	}

	@Test
	void createSendsMetadataEnvsAndTimeoutInTheOrderOfTheJsSdk() {
		this.server.enqueueJson(201, CREATED);

		this.sandboxes.create(SandboxSpec.builder()
			.template("base")
			.metadata("user", "a b")
			.env("FOO", "bar")
			.timeout(Duration.ofMillis(59_001))
			.build());

		// byte for byte the body of Sandbox.create('base', {metadata, envs, timeoutMs:
		// 60000})
		assertThat(this.server.takeRequest().bodyText()).isEqualTo(
				"{\"templateID\":\"base\",\"metadata\":{\"user\":\"a b\"},\"envVars\":{\"FOO\":\"bar\"},\"timeout\":60}");
	}

	@Test
	void createWithOptionsSendsThemOnlyWhenSet() {
		this.server.enqueueJson(201, CREATED);

		this.sandboxes.create(SandboxSpec.builder()
			.template("team/python:v1")
			.timeout(Duration.ofSeconds(30))
			.allowInternetAccess(false)
			.autoPause(true)
			.build());

		assertThat(this.server.takeRequest().bodyText()).isEqualTo(
				"{\"templateID\":\"team/python:v1\",\"timeout\":30,\"allow_internet_access\":false,\"autoPause\":true}");
	}

	@Test
	void createUnsecuredUsesTheOlderEndpointWithAnExplicitTimeout() {
		this.server.enqueueJson(201, CREATED_UNSECURED);
		SandboxTemplate withoutTimeout = new SandboxTemplate(
				io.github.e2bspringboot.testsupport.WireFixtures.reactiveTemplate(this.server, SandboxSpec.empty()));

		Sandbox sandbox = withoutTimeout.create(SandboxSpec.builder().secure(false).build());

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.target()).isEqualTo("/sandboxes");
		assertThat(request.bodyText()).isEqualTo("{\"templateID\":\"base\",\"timeout\":300,\"secure\":false}");
		assertThat(sandbox.isSecure()).isFalse();
	}

	@Test
	void createWithTooOldEnvdKillsTheSandboxAndFails() {
		this.server.enqueueJson(201, CREATED.replace("0.6.4", "0.0.9")).enqueueStatus(204);

		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> this.sandboxes.create())
			.withMessageContaining("0.0.9");
		this.server.takeRequest();
		RecordedRequest kill = this.server.takeRequest();
		assertThat(kill.method()).isEqualTo("DELETE");
		assertThat(kill.target()).isEqualTo("/sandboxes/" + SANDBOX_ID);
	}

	@Test
	void createRejectsBadArgumentsBeforeSendingAnything() {
		assertThatExceptionOfType(InvalidArgumentException.class)
			.isThrownBy(() -> this.sandboxes.create(SandboxSpec.builder().timeout(Duration.ZERO).build()))
			.withMessageContaining("timeout");
		assertThatExceptionOfType(InvalidArgumentException.class).isThrownBy(() -> this.sandboxes.create(" "))
			.withMessageContaining("template");
		assertThat(this.server.pendingRequests()).isZero();
	}

	@Test
	void connectPostsToTheV2ConnectEndpoint() {
		this.server.enqueueJson(200, CREATED).enqueueJson(201, CREATED);

		this.sandboxes.connect(SANDBOX_ID, Duration.ofSeconds(10));
		Sandbox resumed = this.sandboxes.connect(SANDBOX_ID);

		RecordedRequest withTimeout = this.server.takeRequest();
		assertThat(withTimeout.method()).isEqualTo("POST");
		assertThat(withTimeout.target()).isEqualTo("/v2/sandboxes/" + SANDBOX_ID + "/connect");
		assertThat(withTimeout.bodyText()).isEqualTo("{\"timeout\":10}");
		assertThat(this.server.takeRequest().bodyText()).isEqualTo("{}");
		assertThat(resumed.id()).isEqualTo(SANDBOX_ID);
	}

	@Test
	void connectToAnUnknownSandboxThrowsSandboxNotFound() {
		this.server.enqueueJson(404, NOT_FOUND);

		assertThatExceptionOfType(SandboxNotFoundException.class)
			.isThrownBy(() -> this.sandboxes.connect("nonexisting"))
			.withMessage("Paused sandbox nonexisting not found");
	}

	@Test
	void killSendsDeleteAndReportsWhetherTheSandboxExisted() {
		this.server.enqueueStatus(204).enqueueJson(404, NOT_FOUND);

		assertThat(this.sandboxes.kill(SANDBOX_ID)).isTrue();
		assertThat(this.sandboxes.kill("nonexisting")).isFalse();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.method()).isEqualTo("DELETE");
		assertThat(request.target()).isEqualTo("/sandboxes/" + SANDBOX_ID);
		assertThat(request.header("content-type")).isNull();
		assertThat(request.body()).isEmpty();
		assertThat(this.server.takeRequest().target()).isEqualTo("/sandboxes/nonexisting");
	}

	@Test
	void killTreatsA404WithoutJsonCodeAsAnError() {
		this.server.enqueue(Response.text(404, "not found"));

		assertThatExceptionOfType(E2bException.class).isThrownBy(() -> this.sandboxes.kill("x"))
			.withMessage("404: not found")
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404));
	}

	@Test
	void closingASandboxKillsIt() {
		this.server.enqueueJson(201, CREATED).enqueueStatus(204);

		try (Sandbox sandbox = this.sandboxes.create()) {
			assertThat(sandbox.id()).isEqualTo(SANDBOX_ID);
		}

		this.server.takeRequest();
		assertThat(this.server.takeRequest().method()).isEqualTo("DELETE");
	}

	@Test
	void setTimeoutSendsWholeSecondsRoundedUp() {
		this.server.enqueueStatus(204);

		this.sandboxes.setTimeout(SANDBOX_ID, Duration.ofMillis(1500));

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.target()).isEqualTo("/sandboxes/" + SANDBOX_ID + "/timeout");
		assertThat(request.bodyText()).isEqualTo("{\"timeout\":2}");
	}

	@Test
	void setTimeoutOnAnUnknownSandboxThrowsSandboxNotFound() {
		this.server.enqueueJson(404, NOT_FOUND);

		assertThatExceptionOfType(SandboxNotFoundException.class)
			.isThrownBy(() -> this.sandboxes.setTimeout("nonexisting", Duration.ofSeconds(5)))
			.withMessage("Sandbox nonexisting not found");
	}

	@Test
	void pauseSendsAnEmptyBodyAndReportsAnAlreadyPausedSandbox() {
		this.server.enqueueStatus(204).enqueueJson(409, "{\"code\":409,\"message\":\"already paused\"}");

		assertThat(this.sandboxes.pause(SANDBOX_ID)).isTrue();
		assertThat(this.sandboxes.pause(SANDBOX_ID)).isFalse();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.target()).isEqualTo("/sandboxes/" + SANDBOX_ID + "/pause");
		assertThat(request.bodyText()).isEqualTo("{}");
	}

	@Test
	void getInfoReadsTheSandboxDetail() {
		this.server.enqueueJson(200,
				io.github.e2bspringboot.testsupport.WireFixtures.listed(SANDBOX_ID, "{\"user\":\"a b\"}"));

		SandboxInfo info = this.sandboxes.getInfo(SANDBOX_ID);

		assertThat(this.server.takeRequest().target()).isEqualTo("/sandboxes/" + SANDBOX_ID);
		assertThat(info.sandboxId()).isEqualTo(SANDBOX_ID);
		assertThat(info.templateId()).isEqualTo("rki5dems9wqfm4r03t7g");
		assertThat(info.name()).isEqualTo("base");
		assertThat(info.metadata()).containsExactly(Map.entry("user", "a b"));
		assertThat(info.startedAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
		assertThat(info.endAt()).isEqualTo(Instant.parse("2026-11-27T10:05:00Z"));
		assertThat(info.state()).isEqualTo(SandboxState.RUNNING);
		assertThat(info.cpuCount()).isEqualTo(2);
		assertThat(info.memoryMB()).isEqualTo(512);
		assertThat(info.diskSizeMB()).isEqualTo(1024);
		assertThat(info.envdVersion()).isEqualTo("0.6.4");
	}

	@Test
	void getInfoOfAnUnknownSandboxThrowsSandboxNotFound() {
		this.server.enqueueJson(404, NOT_FOUND);

		assertThatExceptionOfType(SandboxNotFoundException.class)
			.isThrownBy(() -> this.sandboxes.getInfo("nonexisting"))
			.withMessage("Sandbox nonexisting not found");
	}

	@Test
	void getMetricsReadsEverySample() {
		this.server.enqueueJson(200,
				"[{\"timestamp\":\"2026-08-21T10:00:05Z\",\"timestampUnix\":1787306405,"
						+ "\"cpuCount\":2,\"cpuUsedPct\":3.2,\"memUsed\":123456789,\"memTotal\":536870912,"
						+ "\"memCache\":1048576,\"diskUsed\":1073741824,\"diskTotal\":4294967296}]");

		List<SandboxMetrics> metrics = this.sandboxes.getMetrics(SANDBOX_ID);

		assertThat(this.server.takeRequest().target()).isEqualTo("/sandboxes/" + SANDBOX_ID + "/metrics");
		assertThat(metrics).containsExactly(new SandboxMetrics(Instant.ofEpochSecond(1787306405), 2, 3.2, 123456789L,
				536870912L, 1048576L, 1073741824L, 4294967296L));
	}

	@Test
	void sandboxIdsArePercentEncodedInPaths() {
		this.server.enqueueStatus(204);

		this.sandboxes.kill("a/b c");

		assertThat(this.server.takeRequest().path()).isEqualTo("/sandboxes/a%2Fb%20c");
	}

	@Test
	void apiHeadersAreAddedToControlPlaneRequests() throws IOException {
		this.server.enqueueStatus(204);
		E2bConnectionConfig config = E2bConnectionConfig.builder()
			.apiKey(API_KEY)
			.apiUrl(this.server.url())
			.apiHeaders(Map.of("X-Team", "blue"))
			.build();
		new ReactiveSandboxTemplate(WebClient.builder(), config, SandboxSpec.empty()).kill(SANDBOX_ID).block();

		assertThat(this.server.takeRequest().header("x-team")).isEqualTo("blue");
	}

	@Test
	void statusesMapToTypedExceptionsKeepingTheServerMessage() {
		this.server.enqueueJson(401, "{\"code\":401,\"message\":\"Invalid API key\"}")
			.enqueueJson(429, "{\"code\":429,\"message\":\"slow down\"}")
			.enqueueJson(503, "{\"code\":503,\"message\":\"no capacity\"}")
			.enqueueJson(500, "{\"code\":500,\"message\":\"boom\"}")
			.enqueueJson(400, "{\"code\":400,\"message\":\"Timeout cannot be greater than 24 hours\"}");

		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> this.sandboxes.create())
			.withMessage("Unauthorized, please check your credentials. - Invalid API key")
			.withMessageNotContaining(API_KEY);
		assertThatExceptionOfType(RateLimitException.class).isThrownBy(() -> this.sandboxes.create())
			.withMessage("Rate limit exceeded, please try again later - slow down");
		assertThatExceptionOfType(ServiceBusyException.class).isThrownBy(() -> this.sandboxes.create())
			.withMessage("Service temporarily unavailable, please retry - no capacity");
		assertThatExceptionOfType(E2bException.class).isThrownBy(() -> this.sandboxes.create())
			.withMessage("500: boom")
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(500));
		assertThatExceptionOfType(E2bException.class).isThrownBy(() -> this.sandboxes.create())
			.withMessage("400: Timeout cannot be greater than 24 hours")
			.isNotInstanceOf(InvalidArgumentException.class);
	}

	@Test
	void aMissingApiKeyFailsWithoutSendingAnything() {
		E2bConnectionConfig config = E2bConnectionConfig.builder().apiUrl(this.server.url()).build();
		SandboxTemplate withoutKey = new SandboxTemplate(
				new ReactiveSandboxTemplate(WebClient.builder(), config, SandboxSpec.empty()));

		assertThatExceptionOfType(AuthenticationException.class).isThrownBy(withoutKey::create)
			.withMessageContaining("e2b.api-key");
		assertThat(this.server.pendingRequests()).isZero();
	}

	@Test
	void anUnreachableApiThrowsAConnectionException() {
		java.net.URI closed = this.server.url();
		this.server.close();
		E2bConnectionConfig config = E2bConnectionConfig.builder().apiKey(API_KEY).apiUrl(closed).build();
		SandboxTemplate unreachable = new SandboxTemplate(
				new ReactiveSandboxTemplate(WebClient.builder(), config, SandboxSpec.empty()));

		assertThatExceptionOfType(E2bConnectionException.class).isThrownBy(unreachable::create)
			.withMessageContaining("Could not reach the E2B API at " + closed);
	}

	@Test
	void aSilentApiFailsAfterTheRequestTimeout() throws Exception {
		try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			E2bConnectionConfig config = E2bConnectionConfig.builder()
				.apiKey(API_KEY)
				.apiUrl(java.net.URI.create("http://127.0.0.1:" + silent.getLocalPort()))
				.requestTimeout(Duration.ofMillis(300))
				.build();
			SandboxTemplate slow = new SandboxTemplate(
					new ReactiveSandboxTemplate(WebClient.builder(), config, SandboxSpec.empty()));

			assertThatExceptionOfType(SandboxTimeoutException.class).isThrownBy(() -> slow.getInfo(SANDBOX_ID))
				.withMessageContaining("request timeout of 300 ms (e2b.request-timeout)");
		}
	}

}
