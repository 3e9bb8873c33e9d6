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

import java.time.Duration;
import java.util.Arrays;

import io.github.e2bspringboot.ai.ConversationSandboxes;
import io.github.e2bspringboot.ai.E2bSandboxTools;
import io.github.e2bspringboot.ai.SandboxToolsSettings;
import io.github.e2bspringboot.autoconfigure.E2bAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox tools are there when Spring AI is, configured by {@code e2b.ai.tools.*},
 * and every conversation sandbox ends with the application.
 */
class E2bAiToolsAutoConfigurationTests {

	private static final String API_KEY = "e2b_0123456789abcdef";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, E2bAutoConfiguration.class,
				E2bAiToolsAutoConfiguration.class))
		.withPropertyValues("e2b.api-key=" + API_KEY, "e2b.api-url=http://localhost:1");

	@Test
	void theToolsAreAToolCallbackProviderWithFiveTools() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ToolCallbackProvider.class).hasSingleBean(ConversationSandboxes.class);
			assertThat(Arrays.stream(context.getBean(ToolCallbackProvider.class).getToolCallbacks())
				.map((tool) -> tool.getToolDefinition().name()))
				.containsExactlyInAnyOrder("run_code", "run_command", "write_file", "read_file", "list_files");
		});
	}

	@Test
	void propertiesReachTheSettings() {
		this.contextRunner.withPropertyValues("e2b.ai.tools.idle-timeout=2m", "e2b.ai.tools.max-conversations=3",
				"e2b.ai.tools.max-output-chars=500", "e2b.ai.tools.max-timeout=30s", "e2b.ai.tools.default-timeout=20s",
				"e2b.ai.tools.max-file-size=64KB", "e2b.ai.tools.template=my-python")
			.run((context) -> {
				SandboxToolsSettings settings = context.getBean(SandboxToolsSettings.class);
				assertThat(settings.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(settings.maxConversations()).isEqualTo(3);
				assertThat(settings.maxOutputChars()).isEqualTo(500);
				assertThat(settings.maxTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(settings.defaultTimeout()).isEqualTo(Duration.ofSeconds(20));
				assertThat(settings.maxFileBytes()).isEqualTo(64 * 1024);
				assertThat(settings.sandboxSpec().template()).isEqualTo("my-python");
			});
	}

	@Test
	void theToolsCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("e2b.ai.tools.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(E2bSandboxTools.class)
				.doesNotHaveBean(ConversationSandboxes.class));
	}

	@Test
	void withoutSpringAiThereAreNoTools() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ToolCallback.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConversationSandboxes.class));
	}

}
