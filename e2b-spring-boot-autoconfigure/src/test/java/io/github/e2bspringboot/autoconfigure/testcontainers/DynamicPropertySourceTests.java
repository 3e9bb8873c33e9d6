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
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alternative to {@code @ServiceConnection}: properties from the container.
 */
@SpringBootTest
@Testcontainers
@ExtendWith(E2bLocalImage.class)
class DynamicPropertySourceTests {

	@Container
	static final E2bLocalContainer e2b = E2bLocalImage.container();

	@DynamicPropertySource
	static void e2bProperties(DynamicPropertyRegistry registry) {
		registry.add("e2b.api-key", e2b::getApiKey);
		registry.add("e2b.api-url", e2b::getUrl);
		registry.add("e2b.sandbox-url", e2b::getUrl);
	}

	@Autowired
	private SandboxTemplate sandboxes;

	@Test
	void theStarterTalksToTheContainer() {
		try (Sandbox sandbox = this.sandboxes.create()) {
			assertThat(sandbox.commands().run("echo from the container").stdout()).isEqualTo("from the container\n");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
