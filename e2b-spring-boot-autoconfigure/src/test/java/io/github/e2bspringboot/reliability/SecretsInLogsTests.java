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
package io.github.e2bspringboot.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.e2bspringboot.errors.SandboxFileNotFoundException;
import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A full run logged at DEBUG everywhere leaks neither the API key nor an access token.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsTests {

	@Test
	void debugLogsShowNoKeyAndNoAccessToken(CapturedOutput output) throws Exception {
		String accessToken;
		String apiKey;
		String sandboxId;
		try (ConfigurableApplicationContext context = SpringApplication.run(DebugApplication.class,
				"--logging.level.root=DEBUG", "--e2b.api-key=", "--e2b.local.enabled=true",
				"--spring.main.web-application-type=none")) {
			E2bLocalServer server = context.getBean(E2bLocalServer.class);
			apiKey = server.apiKey();
			SandboxTemplate sandboxes = context.getBean(SandboxTemplate.class);
			try (Sandbox sandbox = sandboxes.create()) {
				sandboxId = sandbox.id();
				accessToken = accessToken(server, sandbox.id());
				sandbox.files().write("a.txt", "A");
				sandbox.files().read("a.txt");
				sandbox.commands().run("cat a.txt");
				sandbox.files().list("/home/user");
				sandboxes.list().nextItems();
			}
			context.getBean(SandboxTemplate.class).kill("unknown-sandbox");
		}

		assertThat(output.toString()).as("the run logged at DEBUG").contains("DEBUG");
		assertThat(accessToken).isNotBlank();
		assertThat(output.toString()).doesNotContain(apiKey).doesNotContain(accessToken);
		// one line per call: operation, sandbox, outcome, retries and duration
		assertThat(output.toString())
			.containsPattern("e2b create sandbox=" + sandboxId + " outcome=SUCCESS retries=0 in \\d+ ms")
			.containsPattern("e2b file.write sandbox=" + sandboxId + " outcome=SUCCESS retries=0 in \\d+ ms")
			.containsPattern("e2b command.run sandbox=" + sandboxId + " outcome=SUCCESS retries=0 in \\d+ ms")
			.containsPattern("e2b list outcome=SUCCESS retries=0 in \\d+ ms")
			.containsPattern("e2b kill sandbox=unknown-sandbox outcome=SUCCESS retries=0 in \\d+ ms");
	}

	@Test
	void aFailedCallIsLoggedWithItsErrorAndStatus(CapturedOutput output) {
		try (ConfigurableApplicationContext context = SpringApplication.run(DebugApplication.class,
				"--logging.level.io.github.e2bspringboot=DEBUG", "--e2b.api-key=", "--e2b.local.enabled=true",
				"--spring.main.web-application-type=none")) {
			SandboxTemplate sandboxes = context.getBean(SandboxTemplate.class);
			try (Sandbox sandbox = sandboxes.create()) {
				assertThatExceptionOfType(SandboxFileNotFoundException.class)
					.isThrownBy(() -> sandbox.files().read("/missing.txt"));
			}
		}
		assertThat(output.toString()).containsPattern(
				"e2b file.read sandbox=\\w+ outcome=ERROR error=SandboxFileNotFoundException status=404 retries=0 in \\d+ ms");
	}

	private static String accessToken(E2bLocalServer server, String sandboxId) throws Exception {
		HttpResponse<String> info = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(server.url() + "/sandboxes/" + sandboxId))
				.header("X-API-KEY", server.apiKey())
				.build(), HttpResponse.BodyHandlers.ofString());
		return JsonMapper.builder().build().readTree(info.body()).get("envdAccessToken").asString();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class DebugApplication {

	}

}
