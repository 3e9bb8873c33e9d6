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
package io.github.e2bspringboot.testsupport;

import java.time.Duration;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.local.Isolation;
import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.SandboxSpec;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * An in-process e2b-local and templates pointed at it. In CI bubblewrap must work, so
 * isolation is tested rather than silently skipped.
 */
public final class LocalSandboxes {

	private LocalSandboxes() {
	}

	public static E2bLocalServer startServer() {
		Isolation isolation = "true".equalsIgnoreCase(System.getenv("CI")) ? Isolation.BUBBLEWRAP : Isolation.AUTO;
		return E2bLocalServer.builder().isolation(isolation).build().start();
	}

	public static ReactiveSandboxTemplate reactiveTemplate(E2bLocalServer server) {
		return reactiveTemplate(server.url(), server.apiKey());
	}

	public static ReactiveSandboxTemplate reactiveTemplate(String url, String apiKey) {
		E2bConnectionConfig config = E2bConnectionConfig.builder()
			.apiKey(apiKey)
			.apiUrl(java.net.URI.create(url))
			.sandboxUrl(java.net.URI.create(url))
			.requestTimeout(Duration.ofSeconds(30))
			.build();
		return new ReactiveSandboxTemplate(WebClient.builder(), config,
				SandboxSpec.builder().timeout(Duration.ofMinutes(5)).build());
	}

}
