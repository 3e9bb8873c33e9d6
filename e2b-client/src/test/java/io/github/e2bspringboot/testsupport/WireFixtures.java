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

import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.RetrySettings;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.SandboxTemplate;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Responses of the control plane as E2B sends them, and templates pointed at a
 * {@link RecordingServer}.
 */
public final class WireFixtures {

	public static final String API_KEY = "e2b_0000000000000000000000000000000000000000";

	public static final String SANDBOX_ID = "xkw9yyg5z30m2guih254";

	public static final String ACCESS_TOKEN = "tok123";

	public static final String CREATED = "{\"templateID\":\"rki5dems9wqfm4r03t7g\",\"sandboxID\":\"" + SANDBOX_ID
			+ "\",\"clientID\":\"6532622b\",\"envdVersion\":\"0.6.4\",\"envdAccessToken\":\"" + ACCESS_TOKEN
			+ "\",\"domain\":null}";

	public static final String CREATED_UNSECURED = "{\"templateID\":\"rki5dems9wqfm4r03t7g\",\"sandboxID\":\""
			+ SANDBOX_ID + "\",\"clientID\":\"6532622b\",\"envdVersion\":\"0.6.4\",\"domain\":null}";

	public static final String NOT_FOUND = "{\"code\":404,\"message\":\"Sandbox \\\"nonexisting\\\" doesn't exist or you don't have access to it\"}";

	private WireFixtures() {
	}

	public static String listed(String sandboxId, String metadataJson) {
		return "{\"templateID\":\"rki5dems9wqfm4r03t7g\",\"alias\":\"base\",\"sandboxID\":\"" + sandboxId
				+ "\",\"clientID\":\"6532622b\",\"startedAt\":\"2026-11-27T10:00:00Z\",\"endAt\":\"2026-11-27T10:05:00Z\","
				+ "\"cpuCount\":2,\"memoryMB\":512,\"diskSizeMB\":1024,\"metadata\":" + metadataJson
				+ ",\"state\":\"running\",\"envdVersion\":\"0.6.4\",\"volumeMounts\":[]}";
	}

	public static ReactiveSandboxTemplate reactiveTemplate(RecordingServer server) {
		return reactiveTemplate(server, SandboxSpec.builder().timeout(Duration.ofMinutes(5)).build());
	}

	public static ReactiveSandboxTemplate reactiveTemplate(RecordingServer server, SandboxSpec defaults) {
		E2bConnectionConfig config = E2bConnectionConfig.builder()
			.apiKey(API_KEY)
			.apiUrl(server.url())
			.sandboxUrl(server.url())
			.requestTimeout(Duration.ofSeconds(5))
			// each scripted answer is seen once: retries have tests of their own
			.retrySettings(RetrySettings.none())
			.build();
		ReactiveSandboxTemplate template = new ReactiveSandboxTemplate(WebClient.builder(), config, defaults);
		// bodies are compared byte for byte with the JS SDK's, which adds no create tag
		template.setLostCreateCleanup(false);
		return template;
	}

	public static SandboxTemplate template(RecordingServer server) {
		return new SandboxTemplate(reactiveTemplate(server));
	}

}
