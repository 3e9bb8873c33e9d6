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
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same application with a key e2b-local rejects: health is DOWN with a reason, and
 * neither health nor metrics show the key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,prometheus",
				"management.endpoint.health.show-details=always" })
class ActuatorWrongKeyIntegrationTests {

	private static final String WRONG_KEY = "e2b_ffffffffffffffffffffffffffffffff00000000";

	private static final E2bLocalServer server = LocalSandboxes.startServer();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void e2b(DynamicPropertyRegistry registry) {
		registry.add("e2b.api-key", () -> WRONG_KEY);
		registry.add("e2b.api-url", server::url);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void healthIsDownWithAReasonAndNoKey() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		String metrics = get("/actuator/prometheus").body();

		assertThat(health.statusCode()).isEqualTo(503);
		JsonNode e2b = JsonMapper.builder().build().readTree(health.body()).path("components").path("e2b");
		assertThat(e2b.path("status").asString()).isEqualTo("DOWN");
		assertThat(e2b.path("details").path("error").asString()).startsWith("The E2B API rejected the API key");
		assertThat(health.body()).doesNotContain(WRONG_KEY);
		assertThat(metrics).contains(
				"e2b_sandbox_operation_seconds_count{e2b_language=\"none\",e2b_operation=\"list\",e2b_template=\"none\",error=\"AuthenticationException\",outcome=\"ERROR\"}")
			.doesNotContain(WRONG_KEY);
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
