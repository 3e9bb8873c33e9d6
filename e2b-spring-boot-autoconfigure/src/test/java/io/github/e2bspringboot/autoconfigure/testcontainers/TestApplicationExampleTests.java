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
package io.github.e2bspringboot.autoconfigure.testcontainers;

import io.github.e2bspringboot.local.testcontainers.E2bLocalContainer;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "test application" of spring-boot-testcontainers: an application's own main method,
 * run with a container configuration, as developers do to work against e2b-local in a
 * container ({@code SpringApplication.from(...).with(...)}).
 */
@ExtendWith(E2bLocalImage.class)
class TestApplicationExampleTests {

	@Test
	void theApplicationRunsAgainstTheContainer() {
		try (ConfigurableApplicationContext context = SpringApplication.from(DemoApplication::main)
			.with(E2bContainerConfiguration.class)
			.run("--spring.main.web-application-type=none")
			.getApplicationContext()) {
			try (Sandbox sandbox = context.getBean(SandboxTemplate.class).create()) {
				assertThat(sandbox.commands().run("echo test application").stdout()).isEqualTo("test application\n");
			}
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class E2bContainerConfiguration {

		@Bean
		@ServiceConnection
		E2bLocalContainer e2bLocalContainer() {
			return E2bLocalImage.container();
		}

	}

	@SpringBootApplication
	static class DemoApplication {

		static void main(String[] args) {
			SpringApplication.run(DemoApplication.class, args);
		}

	}

}
