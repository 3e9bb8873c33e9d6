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
package io.github.e2bspringboot.samples.coderunner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxOperations;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code runner on the embedded e2b-local: snippets run, failures are reported, bad
 * input is refused, the page is served, and Actuator shows health and metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "e2b.api-key=", "e2b.local.enabled=true" })
class CodeRunnerApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private E2bLocalServer server;

	@Autowired
	private SandboxOperations sandboxes;

	@Test
	void runsPythonAndBashSnippetsInFreshSandboxes() throws Exception {
		JsonNode python = this.json.readTree(post("{\"language\":\"python\",\"code\":\"print(6 * 7)\"}").body());
		JsonNode bash = this.json
			.readTree(post("{\"language\":\"bash\",\"code\":\"echo out; echo err >&2; exit 3\"}").body());

		assertThat(python.get("stdout").asString()).isEqualTo("42\n");
		assertThat(python.get("exitCode").asInt()).isZero();
		assertThat(bash.get("stdout").asString()).isEqualTo("out\n");
		assertThat(bash.get("stderr").asString()).isEqualTo("err\n");
		assertThat(bash.get("exitCode").asInt()).isEqualTo(3);
		assertThat(python.get("sandboxId").asString()).isNotEqualTo(bash.get("sandboxId").asString());
		assertThat(this.server.sandboxCount()).as("every sandbox was killed").isZero();
	}

	@Test
	void badInputIsRefused() throws Exception {
		assertThat(post("{\"language\":\"cobol\",\"code\":\"x\"}").statusCode()).isEqualTo(400);
		assertThat(post("{\"language\":\"python\",\"code\":\"  \"}").statusCode()).isEqualTo(400);
	}

	@Test
	void servesThePageHealthAndMetrics() throws Exception {
		post("{\"code\":\"print(1)\"}");

		assertThat(get("/").body()).contains("<title>E2B code runner</title>");
		JsonNode health = this.json.readTree(get("/actuator/health").body());
		assertThat(health.path("components").path("e2b").path("status").asString()).isEqualTo("UP");
		assertThat(get("/actuator/prometheus").body())
			.containsPattern(
					"e2b_sandbox_operation_seconds_count\\{e2b_language=\"none\",e2b_operation=\"command.run\"")
			.doesNotContain(this.server.apiKey());
	}

	@Test
	void theSandboxesEndpointListsButDoesNotKill() throws Exception {
		try (Sandbox sandbox = this.sandboxes.create()) {
			assertThat(get("/actuator/sandboxes").body()).contains(sandbox.id());

			HttpResponse<String> kill = this.http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/sandboxes/" + sandbox.id()))
				.DELETE()
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(kill.statusCode()).isIn(404, 405);
			assertThat(sandbox.isRunning()).isTrue();
		}
	}

	private HttpResponse<String> post(String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/run"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
