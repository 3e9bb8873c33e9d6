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

import java.time.Duration;

import io.github.e2bspringboot.sandbox.ReactiveSandboxOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code e2b} health indicator, on by default when Spring
 * Boot's health support is present; {@code management.health.e2b.enabled=false} turns it
 * off.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = E2bAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnBean(ReactiveSandboxOperations.class)
@ConditionalOnEnabledHealthIndicator("e2b")
@EnableConfigurationProperties(E2bHealthProperties.class)
public final class E2bHealthContributorAutoConfiguration {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration DEFAULT_CACHE_TIME_TO_LIVE = Duration.ofSeconds(10);

	@Bean
	@ConditionalOnMissingBean(name = { "e2bHealthIndicator", "e2bHealthContributor" })
	E2bReactiveHealthIndicator e2bHealthIndicator(ReactiveSandboxOperations sandboxes,
			E2bConnectionDetails connectionDetails, E2bHealthProperties health, E2bProperties properties) {
		Duration timeout = firstSet(health.getTimeout(), deprecatedTimeout(properties), DEFAULT_TIMEOUT);
		if (timeout.isNegative() || timeout.isZero()) {
			throw new InvalidE2bPropertyException("management.health.e2b.timeout", "must be positive, got " + timeout);
		}
		return new E2bReactiveHealthIndicator(sandboxes, connectionDetails.getApiUrl(), timeout, firstSet(
				health.getCacheTimeToLive(), deprecatedCacheTimeToLive(properties), DEFAULT_CACHE_TIME_TO_LIVE));
	}

	@SuppressWarnings("deprecation")
	private static @Nullable Duration deprecatedTimeout(E2bProperties properties) {
		return properties.getHealth().getTimeout();
	}

	@SuppressWarnings("deprecation")
	private static @Nullable Duration deprecatedCacheTimeToLive(E2bProperties properties) {
		return properties.getHealth().getCacheTimeToLive();
	}

	private static Duration firstSet(@Nullable Duration value, @Nullable Duration deprecated, Duration fallback) {
		return (value != null) ? value : (deprecated != null) ? deprecated : fallback;
	}

}
