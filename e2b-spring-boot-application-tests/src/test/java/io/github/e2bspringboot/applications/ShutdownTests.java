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
package io.github.e2bspringboot.applications;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.e2bspringboot.applications.holding.SandboxHoldingApplication;
import io.github.e2bspringboot.local.E2bLocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole application, with each web stack, kills the sandboxes it created when it stops:
 * on SIGTERM to its own JVM, as a container platform stops it, and when its context is
 * closed. Reactor Netty's resources are disposed during the same shutdown, so this is
 * where a kill that comes too late fails.
 */
class ShutdownTests {

	private static E2bLocalServer server;

	@BeforeAll
	static void startServer() {
		server = E2bLocalServer.builder().build().start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reactive", "servlet", "none" })
	void sigtermKillsTheSandboxesTheApplicationCreated(String webApplicationType) throws Exception {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), SandboxHoldingApplication.class.getName()));
		command.addAll(arguments(webApplicationType));
		Process application = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> output = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null && !line.startsWith(SandboxHoldingApplication.HOLDING)) {
				output.add(line);
			}
			assertThat(line).as("the application started and created its sandboxes: %s", output).isNotNull();
			String[] ids = line.substring(SandboxHoldingApplication.HOLDING.length()).split(",");
			assertThat(ids).hasSize(SandboxHoldingApplication.SANDBOXES);
			assertThat(server.sandboxCount()).isEqualTo(SandboxHoldingApplication.SANDBOXES);

			// SIGTERM, leaving the output open to read what the application logs as it
			// stops
			application.toHandle().destroy();
			lines.lines().forEach(output::add);
		}
		assertThat(application.waitFor(2, TimeUnit.MINUTES)).as("the application stopped").isTrue();
		assertThat(output).as("its log").noneMatch((line) -> line.contains("Could not kill sandbox"));
		assertThat(server.sandboxCount()).as("sandboxes left running after SIGTERM").isZero();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reactive", "servlet", "none" })
	void closingTheContextKillsTheSandboxesTheApplicationCreated(String webApplicationType) {
		ConfigurableApplicationContext context = SpringApplication.run(SandboxHoldingApplication.class,
				arguments(webApplicationType).toArray(String[]::new));
		SandboxHoldingApplication.holdSandboxes(context);
		assertThat(server.sandboxCount()).isEqualTo(SandboxHoldingApplication.SANDBOXES);

		context.close();

		assertThat(server.sandboxCount()).as("sandboxes left running after the context closed").isZero();
	}

	private static List<String> arguments(String webApplicationType) {
		return List.of("--spring.main.web-application-type=" + webApplicationType, "--server.port=0",
				"--e2b.api-key=" + server.apiKey(), "--e2b.api-url=" + server.url(),
				"--e2b.sandbox-url=" + server.url(), "--spring.main.banner-mode=off");
	}

}
