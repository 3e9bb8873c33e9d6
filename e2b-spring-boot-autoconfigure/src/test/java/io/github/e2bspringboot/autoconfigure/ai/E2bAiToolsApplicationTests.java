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
package io.github.e2bspringboot.autoconfigure.ai;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole application with the sandbox tools: many conversations, each with a sandbox of
 * its own that the gauge counts, a chart published as an event, and no sandbox left once
 * the application has stopped.
 */
class E2bAiToolsApplicationTests {

	@TempDir
	Path data;

	@Test
	void manyConversationsGetASandboxEachAndNoneOutlivesTheApplication() {
		try (E2bLocalServer server = E2bLocalServer.builder().dataDirectory(this.data).build().start()) {
			int conversations = 6;
			try (ConfigurableApplicationContext application = new SpringApplicationBuilder(ToolsApplication.class)
				.web(WebApplicationType.NONE)
				.run("--e2b.api-key=" + server.apiKey(), "--e2b.api-url=" + server.url(),
						"--e2b.sandbox-url=" + server.url(), "--e2b.ai.tools.template=base",
						"--spring.docker.compose.enabled=false")) {
				ToolCallback command = tool(application, "run_command");
				for (int i = 0; i < conversations; i++) {
					String result = command.call("{\"command\":\"echo conversation-" + i + "\"}",
							new ToolContext(Map.of("conversationId", "c" + i)));
					assertThat(result).contains("conversation-" + i).doesNotStartWith("Error");
				}
				// the same conversation again: its sandbox is reused
				command.call("{\"command\":\"true\"}", new ToolContext(Map.of("conversationId", "c0")));

				// a model-made mistake is a result, counted as an error
				assertThat(command.call("{\"command\":", new ToolContext(Map.of("conversationId", "c0"))))
					.startsWith("Error:");

				assertThat(server.sandboxCount()).isEqualTo(conversations);
				MeterRegistry meters = application.getBean(MeterRegistry.class);
				assertThat(meters.get("e2b.ai.conversations.active").gauge().value()).isEqualTo(conversations);
				assertThat(meters.get("e2b.ai.tool")
					.tag("e2b.ai.tool", "run_command")
					.tag("outcome", "SUCCESS")
					.timer()
					.count()).as("one per conversation, and the one reuse").isEqualTo(conversations + 1);
				assertThat(meters.get("e2b.ai.tool")
					.tag("e2b.ai.tool", "run_command")
					.tag("outcome", "ERROR")
					.timer()
					.count()).isEqualTo(1);
			}
			assertThat(server.sandboxCount()).as("sandboxes left after the application stopped").isZero();
		}
	}

	@Test
	void aChartThatCodeDrawsIsPublishedAsAnEvent() {
		try (E2bLocalServer server = E2bLocalServer.builder().dataDirectory(this.data).build().start()) {
			try (ConfigurableApplicationContext application = new SpringApplicationBuilder(ToolsApplication.class)
				.web(WebApplicationType.NONE)
				.run("--e2b.api-key=" + server.apiKey(), "--e2b.api-url=" + server.url(),
						"--e2b.sandbox-url=" + server.url(), "--spring.docker.compose.enabled=false")) {
				String result = tool(application, "run_code").call(
						"{\"code\":\"import matplotlib.pyplot as plt\\nplt.plot([1, 2, 3])\\nplt.show()\"}",
						new ToolContext(Map.of("conversationId", "charts")));

				List<SandboxArtifactEvent> events = application.getBean(ToolsApplication.class).artifacts;
				assertThat(events).singleElement().satisfies((event) -> {
					assertThat(event.getArtifact().conversationId()).isEqualTo("charts");
					assertThat(event.getArtifact().mimeType()).isEqualTo("image/png");
					assertThat(event.getArtifact().content()).startsWith(0x89, 'P', 'N', 'G');
					assertThat(result).contains(event.getArtifact().path());
				});
			}
			assertThat(server.sandboxCount()).isZero();
		}
	}

	private static ToolCallback tool(ConfigurableApplicationContext application, String name) {
		return Arrays.stream(application.getBean(ToolCallbackProvider.class).getToolCallbacks())
			.filter((tool) -> tool.getToolDefinition().name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ToolsApplication {

		final List<SandboxArtifactEvent> artifacts = new CopyOnWriteArrayList<>();

		@EventListener
		void onArtifact(SandboxArtifactEvent event) {
			this.artifacts.add(event);
		}

	}

}
