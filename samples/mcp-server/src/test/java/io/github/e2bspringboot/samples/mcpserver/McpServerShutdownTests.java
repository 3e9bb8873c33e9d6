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
package io.github.e2bspringboot.samples.mcpserver;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox that MCP clients used does not outlive the server: when the application
 * stops, e2b-local has no sandbox left.
 */
class McpServerShutdownTests {

	@Test
	void stoppingTheServerKillsTheSandboxItsToolsUsed() {
		SandboxesAtShutdown atShutdown;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(McpServerApplication.class,
				ShutdownProbe.class)
			.run("--e2b.api-key=", "--e2b.local.enabled=true", "--server.port=0")) {
			atShutdown = context.getBean(SandboxesAtShutdown.class);
			String port = context.getEnvironment().getProperty("local.server.port");
			HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
				.builder("http://localhost:" + port)
				.build();
			try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofMinutes(2)).build()) {
				client.initialize();
				McpSchema.CallToolResult result = client.callTool(
						McpSchema.CallToolRequest.builder("run_code").arguments(Map.of("code", "x = 6 * 7")).build());
				assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
			}
			assertThat(context.getBean(E2bLocalServer.class).sandboxCount()).isEqualTo(1);
		}
		assertThat(atShutdown.count).as("sandboxes left when the application stopped").hasValue(0);
	}

	/**
	 * Adds {@link SandboxesAtShutdown}. Not a {@code @Configuration}, so that component
	 * scanning does not find it: it is added to this test's application by name.
	 */
	static class ShutdownProbe {

		@Bean
		SandboxesAtShutdown sandboxesAtShutdown(E2bLocalServer server) {
			return new SandboxesAtShutdown(server);
		}

	}

	/**
	 * Counts e2b-local's sandboxes as the context is destroyed: after every lifecycle
	 * bean has stopped (the conversation sandboxes and the sandbox reaper among them),
	 * and before the embedded server, which this bean depends on, is closed.
	 */
	static class SandboxesAtShutdown implements DisposableBean {

		private final E2bLocalServer server;

		final AtomicInteger count = new AtomicInteger(-1);

		SandboxesAtShutdown(E2bLocalServer server) {
			this.server = server;
		}

		@Override
		public void destroy() {
			this.count.set(this.server.sandboxCount());
		}

	}

}
