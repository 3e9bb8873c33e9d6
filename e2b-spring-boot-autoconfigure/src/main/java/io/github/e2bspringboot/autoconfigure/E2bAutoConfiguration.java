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

import io.github.e2bspringboot.observation.SandboxObservationConvention;
import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import io.github.e2bspringboot.sandbox.ReactiveSandboxOperations;
import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.RetrySettings;
import io.github.e2bspringboot.sandbox.SandboxOperations;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.sandbox.SandboxTracker;
import io.github.e2bspringboot.wire.EnvdAddress;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration for E2B sandboxes: a {@link ReactiveSandboxTemplate} and a blocking
 * {@link SandboxTemplate} over it, connected through {@link E2bConnectionDetails}.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass({ WebClient.class, HttpClient.class })
@EnableConfigurationProperties(E2bProperties.class)
public final class E2bAutoConfiguration {

	private static final Log logger = LogFactory.getLog(E2bAutoConfiguration.class);

	private static final String E2B_LOCAL_SERVER = "io.github.e2bspringboot.local.E2bLocalServer";

	@Bean
	@ConditionalOnMissingBean(E2bConnectionDetails.class)
	PropertiesE2bConnectionDetails e2bConnectionDetails(E2bProperties properties) {
		return new PropertiesE2bConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	SandboxTracker e2bSandboxTracker() {
		return new SandboxTracker();
	}

	@Bean
	@ConditionalOnMissingBean(ReactiveSandboxOperations.class)
	ReactiveSandboxTemplate reactiveSandboxTemplate(E2bProperties properties, E2bConnectionDetails connectionDetails,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<E2bWebClientCustomizer> customizers,
			SandboxTracker tracker, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SandboxObservationConvention> observationConvention, Environment environment) {
		String apiKey = InvalidApiKeyException.check(connectionDetails.getApiKey(), properties.isValidateApiKey(),
				whyNoLocalServer(properties));
		E2bPropertiesValidator.validate(properties, connectionDetails);
		E2bConnectionConfig config = E2bConnectionConfig.builder()
			.apiKey(apiKey)
			.apiUrl(connectionDetails.getApiUrl())
			.domain(connectionDetails.getDomain())
			.sandboxUrl(connectionDetails.getSandboxUrl())
			.requestTimeout(properties.getRequestTimeout())
			.apiHeaders(properties.getApiHeaders())
			.retrySettings(retrySettings(properties.getRetry()))
			.codeInterpreterTemplate(properties.getCodeInterpreter().getTemplate())
			.build();
		// a builder of our own: Boot's is prototype-scoped, so customizing it touches no
		// one else
		WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		if (connectionDetails instanceof PropertiesE2bConnectionDetails) {
			announceDerivedSandboxUrl(config, environment);
		}
		ReactiveSandboxTemplate template = new ReactiveSandboxTemplate(builder, config, defaults(properties),
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), tracker);
		template.setObservationConvention(observationConvention.getIfAvailable());
		template.setLostCreateCleanup(properties.isCleanUpLostCreates());
		return template;
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "e2b.kill-sandboxes-on-shutdown", matchIfMissing = true)
	E2bSandboxReaper e2bSandboxReaper(SandboxTracker tracker, ReactiveSandboxOperations reactiveSandboxOperations) {
		return new E2bSandboxReaper(tracker, reactiveSandboxOperations);
	}

	/**
	 * Say why no embedded e2b-local server stood in for a missing key, when e2b-local is
	 * on the classpath.
	 */
	private static @Nullable String whyNoLocalServer(E2bProperties properties) {
		if (!ClassUtils.isPresent(E2B_LOCAL_SERVER, E2bAutoConfiguration.class.getClassLoader())) {
			return null;
		}
		if (Boolean.FALSE.equals(properties.getLocal().getEnabled())) {
			return "e2b-local is on the classpath, but 'e2b.local.enabled=false' turned its embedded server off.";
		}
		if (properties.getApiUrl() != null) {
			return "e2b-local is on the classpath, but no embedded server was started because 'e2b.api-url' is set (to "
					+ properties.getApiUrl() + "), which names a server of your own. Remove 'e2b.api-url' to use"
					+ " the embedded server instead.";
		}
		return "e2b-local is on the classpath, but no embedded server was started.";
	}

	/**
	 * An API URL of its own with no sandbox URL or domain sends sandbox calls to E2B's
	 * cloud, as the official SDKs do; a control-plane proxy in front of E2B is a real
	 * setup, so say where they go rather than refuse.
	 */
	private static void announceDerivedSandboxUrl(E2bConnectionConfig config, Environment environment) {
		String ownApiUrl = "https://api." + config.domain();
		if (config.sandboxUrl() != null || environment.containsProperty("e2b.domain")
				|| config.apiUrl().toString().replaceAll("/+$", "").equals(ownApiUrl)) {
			return;
		}
		logger.warn("e2b.api-url is " + config.apiUrl() + ", but sandbox calls (files, commands) go to "
				+ EnvdAddress.baseUrl(config, "<sandbox-id>", null) + ", " + EnvdAddress.hint(config)
				+ ". Set e2b.domain for another E2B deployment.");
	}

	private static RetrySettings retrySettings(E2bProperties.Retry retry) {
		if (!retry.isEnabled()) {
			return RetrySettings.none();
		}
		return new RetrySettings(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMaxBackoff(),
				retry.getMultiplier(), retry.getJitter());
	}

	@Bean
	@ConditionalOnMissingBean(SandboxOperations.class)
	SandboxTemplate sandboxTemplate(ReactiveSandboxOperations reactiveSandboxOperations) {
		return new SandboxTemplate(reactiveSandboxOperations);
	}

	private static SandboxSpec defaults(E2bProperties properties) {
		return SandboxSpec.builder()
			.template(properties.getTemplate())
			.timeout(properties.getTimeout())
			.secure(properties.isSecure())
			.allowInternetAccess(properties.getAllowInternetAccess())
			.build();
	}

}
