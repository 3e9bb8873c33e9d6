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
package io.github.e2bspringboot.sandbox;

import java.net.URI;
import java.util.Map;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client alone, as a plain Java program uses it: no Spring context, configured from
 * the {@code E2B_*} environment variables the official SDKs read.
 */
class PlainJavaTests {

	@Test
	void aSandboxFromTheEnvironmentRunsCodeAndIsKilled() {
		try (E2bLocalServer server = LocalSandboxes.startServer()) {
			Map<String, String> environment = Map.of("E2B_API_KEY", server.apiKey(), "E2B_API_URL", server.url(),
					"E2B_SANDBOX_URL", server.url());

			SandboxTemplate sandboxes = SandboxTemplate
				.create(E2bConnectionConfig.builder().environment(environment).build());
			String id;
			try (Sandbox sandbox = sandboxes.create()) {
				id = sandbox.id();
				sandbox.files().write("hello.py", "print(6 * 7)");
				assertThat(sandbox.commands().run("cat hello.py && echo done").stdout())
					.isEqualTo("print(6 * 7)done\n");
			}
			assertThat(sandboxes.list(SandboxQuery.all(), null, null).stream()).extracting(SandboxInfo::sandboxId)
				.doesNotContain(id);
		}
	}

	@Test
	void theEnvironmentSetsWhatItNamesAndBlankMeansUnset() {
		E2bConnectionConfig config = E2bConnectionConfig.builder()
			.environment(Map.of("E2B_API_KEY", "e2b_0123", "E2B_DOMAIN", "example.test", "E2B_SANDBOX_URL", " "))
			.build();

		assertThat(config.apiKey()).isEqualTo("e2b_0123");
		assertThat(config.domain()).isEqualTo("example.test");
		assertThat(config.apiUrl()).isEqualTo(URI.create("https://api.example.test"));
		assertThat(config.sandboxUrl()).isNull();
		assertThat(config.toString()).doesNotContain("e2b_0123");
	}

}
