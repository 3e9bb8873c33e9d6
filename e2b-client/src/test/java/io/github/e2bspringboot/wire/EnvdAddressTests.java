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

import java.net.URI;

import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Envd addressing as PROTOCOL.md section 4 orders it.
 */
class EnvdAddressTests {

	@Test
	void aConfiguredSandboxUrlWinsForEverySandbox() {
		E2bConnectionConfig config = E2bConnectionConfig.builder()
			.sandboxUrl(URI.create("http://127.0.0.1:3000/"))
			.build();

		assertThat(EnvdAddress.baseUrl(config, "abc", "e2b.app")).isEqualTo("http://127.0.0.1:3000");
		assertThat(EnvdAddress.directUrl(config, "abc", null)).isEqualTo("http://127.0.0.1:3000");
	}

	@Test
	void e2bOwnDomainsUseTheStableHost() {
		E2bConnectionConfig config = E2bConnectionConfig.builder().build();

		assertThat(EnvdAddress.baseUrl(config, "abc", null)).isEqualTo("https://sandbox.e2b.app");
		assertThat(EnvdAddress.baseUrl(config, "abc", "e2b.dev")).isEqualTo("https://sandbox.e2b.dev");
		assertThat(EnvdAddress.directUrl(config, "abc", null)).isEqualTo("https://49983-abc.e2b.app");
	}

	@Test
	void otherDomainsUseThePerSandboxHost() {
		E2bConnectionConfig config = E2bConnectionConfig.builder().domain("example.com").build();

		assertThat(EnvdAddress.baseUrl(config, "abc", null)).isEqualTo("https://49983-abc.example.com");
		assertThat(EnvdAddress.baseUrl(config, "abc", "sbx.example.org"))
			.isEqualTo("https://49983-abc.sbx.example.org");
		assertThat(config.apiUrl()).isEqualTo(URI.create("https://api.example.com"));
	}

	@Test
	void toStringNeverShowsTheApiKey() {
		E2bConnectionConfig config = E2bConnectionConfig.builder().apiKey("e2b_1234abcd").build();

		assertThat(config.toString()).doesNotContain("e2b_1234abcd").contains("apiKey=******");
	}

}
