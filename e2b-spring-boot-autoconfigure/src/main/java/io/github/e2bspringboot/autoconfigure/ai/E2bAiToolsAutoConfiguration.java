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

import java.time.Clock;
import java.util.List;

import io.github.e2bspringboot.ai.ConversationSandboxes;
import io.github.e2bspringboot.ai.E2bSandboxTools;
import io.github.e2bspringboot.ai.SandboxArtifactListener;
import io.github.e2bspringboot.ai.SandboxToolsSettings;
import io.github.e2bspringboot.autoconfigure.E2bAutoConfiguration;
import io.github.e2bspringboot.sandbox.SandboxOperations;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the E2B sandbox tools for Spring AI: a
 * {@code ToolCallbackProvider} whose tools run code and commands and handle files in one
 * sandbox per conversation.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = E2bAutoConfiguration.class)
@ConditionalOnClass({ ToolCallback.class, E2bSandboxTools.class })
@ConditionalOnBean(SandboxOperations.class)
@ConditionalOnBooleanProperty(name = "e2b.ai.tools.enabled", matchIfMissing = true)
@EnableConfigurationProperties(E2bAiToolsProperties.class)
public final class E2bAiToolsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SandboxToolsSettings e2bSandboxToolsSettings(E2bAiToolsProperties properties) {
		SandboxSpec.Builder spec = SandboxSpec.builder();
		if (properties.getTemplate() != null) {
			spec.template(properties.getTemplate());
		}
		return SandboxToolsSettings.builder()
			.sandboxSpec(spec.build())
			.idleTimeout(properties.getIdleTimeout())
			.maxConversations(properties.getMaxConversations())
			.maxOutputChars(properties.getMaxOutputChars())
			.defaultTimeout(properties.getDefaultTimeout())
			.maxTimeout(properties.getMaxTimeout())
			.maxCodeChars(properties.getMaxCodeChars())
			.maxFileBytes(Math.toIntExact(properties.getMaxFileSize().toBytes()))
			.artifactsDirectory(properties.getArtifactsDirectory())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ConversationSandboxes e2bConversationSandboxes(SandboxOperations sandboxes, SandboxToolsSettings settings) {
		return new ConversationSandboxes(sandboxes, settings, Clock.systemUTC());
	}

	@Bean
	ConversationSandboxesLifecycle e2bConversationSandboxesLifecycle(ConversationSandboxes sandboxes,
			SandboxToolsSettings settings) {
		return new ConversationSandboxesLifecycle(sandboxes, settings.idleTimeout());
	}

	@Bean
	SandboxArtifactListener e2bSandboxArtifactEventPublisher(ApplicationEventPublisher publisher) {
		return (artifact) -> publisher.publishEvent(new SandboxArtifactEvent(artifact));
	}

	@Bean
	@ConditionalOnMissingBean
	E2bSandboxTools e2bSandboxTools(ConversationSandboxes sandboxes, SandboxToolsSettings settings,
			List<SandboxArtifactListener> listeners, ObjectProvider<ObservationRegistry> observations) {
		return new E2bSandboxTools(sandboxes, settings, listeners,
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	/**
	 * The gauge of live conversation sandboxes, when Micrometer is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class ConversationMetricsConfiguration {

		@Bean
		MeterBinder e2bConversationSandboxesMeterBinder(ConversationSandboxes sandboxes) {
			return (registry) -> Gauge.builder("e2b.ai.conversations.active", sandboxes, ConversationSandboxes::size)
				.description("Conversation sandboxes of the sandbox tools that are alive")
				.register(registry);
		}

	}

}
