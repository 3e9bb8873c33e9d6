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

import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.SandboxTracker;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link E2bHealthContributorAutoConfiguration},
 * {@link E2bMetricsAutoConfiguration} and {@link E2bEndpointAutoConfiguration}.
 */
class E2bObservabilityAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(E2bAutoConfiguration.class, E2bHealthContributorAutoConfiguration.class,
						E2bMetricsAutoConfiguration.class, E2bEndpointAutoConfiguration.class))
		.withPropertyValues("e2b.api-key=e2b_0123456789abcdef");

	@Test
	void healthMetricsAndTheTrackerComeWithTheStarter() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(E2bReactiveHealthIndicator.class);
			assertThat(context).hasSingleBean(E2bSandboxMeterBinder.class);
			assertThat(context).hasSingleBean(SandboxTracker.class);
			assertThat(context.getBean(ReactiveSandboxTemplate.class).getTracker())
				.isSameAs(context.getBean(SandboxTracker.class));
		});
	}

	@Test
	void worksWithoutAnyMeterOrObservationRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(ObservationRegistry.class);
			assertThat(context).hasNotFailed().hasSingleBean(ReactiveSandboxTemplate.class);
		});
	}

	@Test
	void theHealthIndicatorCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("management.health.e2b.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(E2bReactiveHealthIndicator.class));
	}

	@Test
	void backsOffToAUserHealthIndicatorAndMeterBinder() {
		this.contextRunner.withBean("e2bHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.withBean(E2bSandboxMeterBinder.class, () -> new E2bSandboxMeterBinder(new SandboxTracker()))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(E2bReactiveHealthIndicator.class);
				assertThat(context).hasSingleBean(E2bSandboxMeterBinder.class);
			});
	}

	@Test
	void metricsBackOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(E2bSandboxMeterBinder.class)
				.hasSingleBean(ReactiveSandboxTemplate.class));
	}

	@Test
	void healthBacksOffWithoutBootsHealthSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(E2bReactiveHealthIndicator.class));
	}

	@Test
	void theSandboxesEndpointExistsOnlyWhenExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SandboxesEndpoint.class));
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=sandboxes")
			.run((context) -> assertThat(context).hasSingleBean(SandboxesEndpoint.class));
	}

	@Test
	void healthSettingsLiveUnderManagementHealthE2b() {
		this.contextRunner
			.withPropertyValues("management.health.e2b.timeout=2s", "management.health.e2b.cache-time-to-live=30s")
			.run((context) -> {
				E2bReactiveHealthIndicator indicator = context.getBean(E2bReactiveHealthIndicator.class);
				assertThat(indicator.timeout()).hasSeconds(2);
				assertThat(indicator.cacheTimeToLive()).hasSeconds(30);
			});
	}

	@Test
	void theDeprecatedHealthSettingsStillWorkAndTheNewOnesWin() {
		this.contextRunner
			.withPropertyValues("e2b.health.timeout=3s", "e2b.health.cache-time-to-live=40s",
					"management.health.e2b.cache-time-to-live=50s")
			.run((context) -> {
				E2bReactiveHealthIndicator indicator = context.getBean(E2bReactiveHealthIndicator.class);
				assertThat(indicator.timeout()).hasSeconds(3);
				assertThat(indicator.cacheTimeToLive()).hasSeconds(50);
			});
	}

	@Test
	void withNoHealthSettingsTheDefaultsApply() {
		this.contextRunner.run((context) -> {
			E2bReactiveHealthIndicator indicator = context.getBean(E2bReactiveHealthIndicator.class);
			assertThat(indicator.timeout()).hasSeconds(5);
			assertThat(indicator.cacheTimeToLive()).hasSeconds(10);
		});
	}

}
