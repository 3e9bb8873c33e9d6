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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxOperations;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web application with Actuator and the starter, against e2b-local: health, Prometheus
 * metrics after some operations, and the sandboxes endpoint, none of them showing the
 * key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,prometheus,sandboxes",
				"management.endpoint.health.show-details=always" })
class ActuatorIntegrationTests {

	private static final E2bLocalServer server = LocalSandboxes.startServer();

	@LocalServerPort
	private int port;

	@Autowired
	private SandboxOperations sandboxes;

	@DynamicPropertySource
	static void e2b(DynamicPropertyRegistry registry) {
		registry.add("e2b.api-key", server::apiKey);
		registry.add("e2b.api-url", server::url);
		registry.add("e2b.sandbox-url", server::url);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void healthIsUpAndShowsTheApiUrlButNotTheKey() throws Exception {
		HttpResponse<String> health = get("/actuator/health");

		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode e2b = JsonMapper.builder().build().readTree(health.body()).path("components").path("e2b");
		assertThat(e2b.path("status").asString()).isEqualTo("UP");
		assertThat(e2b.path("details").path("apiUrl").asString()).isEqualTo(server.url());
		assertThat(e2b.path("details").path("local").asBoolean()).isTrue();
		assertThat(health.body()).doesNotContain(server.apiKey());
	}

	@Test
	void prometheusShowsOperationTimersAndSandboxCountsButNotTheKey() throws Exception {
		Sandbox kept = this.sandboxes.create();
		try (Sandbox sandbox = this.sandboxes.create("base")) {
			sandbox.files().write("a.txt", "A");
			sandbox.commands().run("true");
		}

		String metrics = get("/actuator/prometheus").body();
		HttpResponse<String> endpoint = get("/actuator/sandboxes");
		kept.close();

		assertThat(metrics).contains(
				"e2b_sandbox_operation_seconds_count{e2b_language=\"none\",e2b_operation=\"create\",e2b_template=\"base\",error=\"none\",outcome=\"SUCCESS\"}")
			.contains("e2b_operation=\"file.write\"")
			.contains("e2b_operation=\"command.run\"")
			.contains("e2b_sandbox_creations_total{outcome=\"SUCCESS\",template=\"base\"} 2.0")
			.contains("e2b_sandbox_kills_total{outcome=\"SUCCESS\",template=\"base\"}")
			.contains("e2b_sandboxes_active 1.0")
			// the meters the README's table names
			.contains("e2b_sandbox_operation_seconds_sum{")
			.contains("e2b_sandbox_operation_active_seconds_count{")
			.doesNotContain(server.apiKey())
			.doesNotContain("e2b_sandbox_id");
		assertThat(endpoint.body()).contains("\"id\":\"" + kept.id() + "\"").contains("\"template\":\"base\"");
	}

	@Test
	void theEndpointKillsASandbox() throws Exception {
		Sandbox sandbox = this.sandboxes.create();

		HttpResponse<String> killed = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/sandboxes/" + sandbox.id()))
				.DELETE()
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(killed.body()).contains("\"killed\":true");
		assertThat(sandbox.isRunning()).isFalse();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
