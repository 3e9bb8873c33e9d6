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
package io.github.e2bspringboot.autoconfigure.docker;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.e2bspringboot.autoconfigure.E2bConnectionDetails;
import io.github.e2bspringboot.autoconfigure.testcontainers.E2bLocalImage;
import io.github.e2bspringboot.local.testcontainers.E2bLocalContainer;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Docker Compose service connection: the factory reads a running e2b-local service as
 * Spring Boot's Compose support describes it, and a whole application started with a
 * {@code compose.yaml} is wired to its e2b-local service.
 */
@Testcontainers
@ExtendWith(E2bLocalImage.class)
class DockerComposeConnectionTests {

	private static final String API_KEY = "e2b_0123456789abcdef0123456789abcdef01234567";

	@Container
	static final E2bLocalContainer e2b = E2bLocalImage.container();

	@Test
	void theFactoryConnectsToTheRunningServiceWithItsKey() {
		RunningService service = runningService(Map.of("E2B_API_KEY", e2b.getApiKey()));

		E2bConnectionDetails details = new E2bLocalDockerComposeConnectionDetailsFactory()
			.getConnectionDetails(source(service));

		assertThat(details.getApiUrl()).hasToString(e2b.getUrl());
		assertThat(details.getSandboxUrl()).hasToString(e2b.getUrl());
		assertThat(details.toString()).doesNotContain(e2b.getApiKey());
		SandboxTemplate sandboxes = new SandboxTemplate(
				LocalSandboxes.reactiveTemplate(details.getApiUrl().toString(), details.getApiKey()));
		try (Sandbox sandbox = sandboxes.create()) {
			assertThat(sandbox.commands().run("echo through compose").stdout()).isEqualTo("through compose\n");
		}
	}

	@Test
	void aServiceWithoutAKeySaysWhatToSet() {
		RunningService service = runningService(Map.of());

		assertThatIllegalStateException()
			.isThrownBy(() -> new E2bLocalDockerComposeConnectionDetailsFactory().getConnectionDetails(source(service)))
			.withMessageContaining("sets no E2B_API_KEY");
	}

	@Test
	void anApplicationWithAComposeFileUsesItsE2bLocalService() throws Exception {
		Assumptions.assumeTrue(composeV2Available(),
				"Docker Compose v2 ('docker compose') is not installed; Spring Boot's Compose support needs it");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ComposeApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.docker.compose.file=src/test/resources/compose/e2b-local.yaml",
					"--spring.docker.compose.skip.in-tests=false",
					"--spring.docker.compose.lifecycle-management=start-and-stop")) {
			E2bConnectionDetails details = context.getBean(E2bConnectionDetails.class);
			assertThat(details.getApiKey()).isEqualTo(API_KEY);
			try (Sandbox sandbox = context.getBean(SandboxTemplate.class).create()) {
				assertThat(sandbox.commands().run("echo from compose").stdout()).isEqualTo("from compose\n");
			}
		}
	}

	private static boolean composeV2Available() throws Exception {
		try {
			Process version = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
			return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	private static DockerComposeConnectionSource source(RunningService service) {
		try {
			// Spring Boot builds sources itself; its constructor is not public
			Constructor<DockerComposeConnectionSource> constructor = DockerComposeConnectionSource.class
				.getDeclaredConstructor(RunningService.class, org.springframework.core.env.Environment.class);
			constructor.setAccessible(true);
			return constructor.newInstance(service, new StandardEnvironment());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The container as Spring Boot's Compose support describes a service it started. */
	private static RunningService runningService(Map<String, String> env) {
		return new RunningService() {

			@Override
			public String name() {
				return "e2b";
			}

			@Override
			public ImageReference image() {
				return ImageReference.of(E2bLocalDockerComposeConnectionDetailsFactory.IMAGE + ":latest");
			}

			@Override
			public String host() {
				return e2b.getHost();
			}

			@Override
			public ConnectionPorts ports() {
				return new ConnectionPorts() {

					@Override
					public int get(int containerPort) {
						return e2b.getMappedPort(containerPort);
					}

					@Override
					public List<Integer> getAll() {
						return List.of(e2b.getMappedPort(E2bLocalDockerComposeConnectionDetailsFactory.PORT));
					}

					@Override
					public List<Integer> getAll(String protocol) {
						return getAll();
					}

				};
			}

			@Override
			public Map<String, String> env() {
				return env;
			}

			@Override
			public Map<String, String> labels() {
				return Map.of();
			}

		};
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ComposeApplication {

	}

}
