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
package io.github.e2bspringboot.autoconfigure;

import io.github.e2bspringboot.sandbox.ReactiveSandboxOperations;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code e2b} health indicator, on by default when Spring
 * Boot's health support is present; {@code management.health.e2b.enabled=false} turns it
 * off.
 *
 * @author e2b-spring-boot contributors
 */
@AutoConfiguration(after = E2bAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ReactiveSandboxOperations.class)
@ConditionalOnEnabledHealthIndicator("e2b")
public final class E2bHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "e2bHealthIndicator", "e2bHealthContributor" })
	E2bHealthIndicator e2bHealthIndicator(ReactiveSandboxOperations sandboxes, E2bConnectionDetails connectionDetails,
			E2bProperties properties) {
		return new E2bHealthIndicator(sandboxes, connectionDetails.getApiUrl(), properties.getHealth().getTimeout(),
				properties.getHealth().getCacheTimeToLive());
	}

}
