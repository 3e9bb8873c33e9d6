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

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.SandboxOperations;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sandboxes die with the application unless told otherwise, and bad property values stop
 * the application at startup, naming the property.
 */
class ShutdownAndValidationTests {

	private static E2bLocalServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, E2bAutoConfiguration.class));

	@BeforeAll
	static void startServer() {
		server = LocalSandboxes.startServer();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void sandboxesTheApplicationCreatedAreKilledWhenItsContextCloses() {
		this.contextRunner.withPropertyValues(connection()).run((context) -> {
			SandboxOperations sandboxes = context.getBean(SandboxOperations.class);
			sandboxes.create();
			sandboxes.create();
			assertThat(server.sandboxCount()).isEqualTo(2);
		});

		assertThat(server.sandboxCount()).isZero();
	}

	@Test
	void theyCanBeKeptOnPurpose() {
		String[] id = new String[1];
		this.contextRunner.withPropertyValues(connection())
			.withPropertyValues("e2b.kill-sandboxes-on-shutdown=false")
			.run((context) -> id[0] = context.getBean(SandboxOperations.class).create().id());

		assertThat(server.sandboxCount()).isEqualTo(1);
		this.contextRunner.withPropertyValues(connection())
			.run((context) -> assertThat(context.getBean(SandboxOperations.class).kill(id[0])).isTrue());
	}

	@Test
	void badValuesFailStartupNamingTheProperty() {
		assertInvalid("e2b.timeout", "e2b.timeout=0s");
		assertInvalid("e2b.timeout", "e2b.timeout=25h");
		assertInvalid("e2b.request-timeout", "e2b.request-timeout=-1s");
		assertInvalid("e2b.api-url", "e2b.api-url=ftp://example.com");
		assertInvalid("e2b.sandbox-url", "e2b.sandbox-url=/relative");
		assertInvalid("e2b.retry.max-attempts", "e2b.retry.max-attempts=0");
		assertInvalid("e2b.retry.jitter", "e2b.retry.jitter=2");
		assertInvalid("e2b.template", "e2b.template= ");
		assertInvalid("e2b.code-interpreter.template", "e2b.code-interpreter.template= ");
	}

	private void assertInvalid(String property, String value) {
		this.contextRunner.withPropertyValues("e2b.api-key=e2b_0123abcd", value).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidE2bPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).as(value).isNotNull();
			assertThat(analysis.getDescription()).startsWith("Invalid value of '" + property + "'")
				.doesNotContain("e2b_0123abcd");
		});
	}

	private static String[] connection() {
		return new String[] { "e2b.api-key=" + server.apiKey(), "e2b.api-url=" + server.url(),
				"e2b.sandbox-url=" + server.url() };
	}

}
