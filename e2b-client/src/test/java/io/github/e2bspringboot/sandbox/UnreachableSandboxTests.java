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

import io.github.e2bspringboot.errors.E2bConnectionException;
import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With only an API URL of its own, sandbox calls go to the URL derived from the domain,
 * as in the official SDKs; when that cannot be reached, the error says where it came from
 * and which setting changes it.
 */
class UnreachableSandboxTests {

	@Test
	void theConnectionErrorNamesTheSettingThatChangesTheSandboxUrl() {
		try (E2bLocalServer server = LocalSandboxes.startServer()) {
			E2bConnectionConfig config = E2bConnectionConfig.builder()
				.apiKey(server.apiKey())
				.apiUrl(URI.create(server.url()))
				// a name that never resolves (RFC 2606)
				.domain("sandboxes.invalid")
				.retrySettings(RetrySettings.none())
				.build();
			SandboxTemplate sandboxes = new SandboxTemplate(
					new ReactiveSandboxTemplate(WebClient.builder(), config, SandboxSpec.empty()));
			try (Sandbox sandbox = sandboxes.create()) {
				assertThatExceptionOfType(E2bConnectionException.class).isThrownBy(() -> sandbox.files().read("a.txt"))
					.withMessageContaining("Could not reach sandbox " + sandbox.id() + " at https://49983-"
							+ sandbox.id() + ".sandboxes.invalid (derived from the domain 'sandboxes.invalid'"
							+ " (e2b.domain or E2B_DOMAIN); set e2b.sandbox-url or E2B_SANDBOX_URL to send sandbox"
							+ " calls elsewhere)");
			}
		}
	}

}
