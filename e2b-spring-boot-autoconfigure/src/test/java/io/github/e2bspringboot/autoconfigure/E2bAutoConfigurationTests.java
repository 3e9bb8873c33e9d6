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

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.github.e2bspringboot.sandbox.ReactiveSandboxOperations;
import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.SandboxOperations;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.testsupport.RecordingServer;
import io.github.e2bspringboot.testsupport.RecordingServer.RecordedRequest;
import io.github.e2bspringboot.testsupport.WireFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link E2bAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class E2bAutoConfigurationTests {

	private static final String API_KEY = "e2b_0123456789abcdef";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, E2bAutoConfiguration.class));

	@Test
	void createsBothTemplatesWhenAnApiKeyIsSet() {
		this.contextRunner.withPropertyValues("e2b.api-key=" + API_KEY).run((context) -> {
			assertThat(context).hasSingleBean(ReactiveSandboxTemplate.class);
			assertThat(context).hasSingleBean(SandboxTemplate.class);
			assertThat(context).hasSingleBean(PropertiesE2bConnectionDetails.class);
		});
	}

	@Test
	void propertiesHaveTheDefaultsOfTheOfficialSdks() {
		this.contextRunner.withPropertyValues("e2b.api-key=" + API_KEY).run((context) -> {
			E2bProperties properties = context.getBean(E2bProperties.class);
			assertThat(properties.getDomain()).isEqualTo("e2b.app");
			assertThat(properties.getApiUrl()).isNull();
			assertThat(properties.getSandboxUrl()).isNull();
			assertThat(properties.isSecure()).isTrue();
			assertThat(properties.getTemplate()).isEqualTo("base");
			assertThat(properties.getCodeInterpreter().getTemplate()).isEqualTo("code-interpreter-v1");
			assertThat(properties.getTimeout()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.getRequestTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.isValidateApiKey()).isTrue();
			E2bConnectionDetails details = context.getBean(E2bConnectionDetails.class);
			assertThat(details.getApiUrl()).isEqualTo(URI.create("https://api.e2b.app"));
			assertThat(details.getDomain()).isEqualTo("e2b.app");
		});
	}

	@Test
	void propertiesBind() {
		this.contextRunner
			.withPropertyValues("e2b.api-key=" + API_KEY, "e2b.domain=example.com", "e2b.api-url=http://localhost:3000",
					"e2b.sandbox-url=http://localhost:49983", "e2b.secure=false", "e2b.template=python",
					"e2b.timeout=90s", "e2b.request-timeout=5s", "e2b.allow-internet-access=false",
					"e2b.api-headers.X-Team=blue", "e2b.code-interpreter.template=my-python")
			.run((context) -> {
				E2bProperties properties = context.getBean(E2bProperties.class);
				assertThat(properties.isSecure()).isFalse();
				assertThat(properties.getTemplate()).isEqualTo("python");
				assertThat(properties.getCodeInterpreter().getTemplate()).isEqualTo("my-python");
				assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(90));
				assertThat(properties.getRequestTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.getAllowInternetAccess()).isFalse();
				assertThat(properties.getApiHeaders()).containsExactly(Map.entry("X-Team", "blue"));
				E2bConnectionDetails details = context.getBean(E2bConnectionDetails.class);
				assertThat(details.getApiUrl()).isEqualTo(URI.create("http://localhost:3000"));
				assertThat(details.getSandboxUrl()).isEqualTo(URI.create("http://localhost:49983"));
				assertThat(details.getDomain()).isEqualTo("example.com");
			});
	}

	@Test
	void theOfficialEnvironmentVariablesBindThroughRelaxedBinding() {
		this.contextRunner
			.withInitializer(
					(context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new SystemEnvironmentPropertySource(
								StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("E2B_API_KEY", API_KEY, "E2B_DOMAIN", "example.com", "E2B_API_URL",
										"http://localhost:3000", "E2B_SANDBOX_URL", "http://localhost:49983"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				E2bConnectionDetails details = context.getBean(E2bConnectionDetails.class);
				assertThat(details.getApiKey()).isEqualTo(API_KEY);
				assertThat(details.getDomain()).isEqualTo("example.com");
				assertThat(details.getApiUrl()).isEqualTo(URI.create("http://localhost:3000"));
				assertThat(details.getSandboxUrl()).isEqualTo(URI.create("http://localhost:49983"));
			});
	}

	@Test
	void aMissingApiKeyFailsStartupWithAnAnalysisNamingTheProperty() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidApiKeyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).isEqualTo("No E2B API key is configured (e2b.api-key).");
			assertThat(analysis.getAction()).contains("'e2b.api-key'").contains("E2B_API_KEY");
		});
	}

	@Test
	void plainNumbersOfTheLifetimeAndRequestTimeoutAreSecondsAsInThePythonSdk() {
		this.contextRunner.withPropertyValues("e2b.api-key=" + API_KEY, "e2b.timeout=300", "e2b.request-timeout=30")
			.run((context) -> {
				E2bProperties properties = context.getBean(E2bProperties.class);
				assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(300));
				assertThat(properties.getRequestTimeout()).isEqualTo(Duration.ofSeconds(30));
			});
		this.contextRunner.withPropertyValues("e2b.api-key=" + API_KEY, "e2b.timeout=1500ms")
			.run((context) -> assertThat(context.getBean(E2bProperties.class).getTimeout())
				.isEqualTo(Duration.ofMillis(1500)));
	}

	@Test
	void anApiUrlOfItsOwnWithoutASandboxUrlSaysWhereSandboxCallsGo(CapturedOutput output) {
		this.contextRunner.withPropertyValues("e2b.api-key=" + API_KEY, "e2b.api-url=http://localhost:3000")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).containsOnlyOnce("e2b.api-url is http://localhost:3000, but sandbox calls (files, commands)"
				+ " go to https://sandbox.e2b.app, derived from the domain 'e2b.app' (e2b.domain or E2B_DOMAIN);"
				+ " set e2b.sandbox-url or E2B_SANDBOX_URL to send sandbox calls elsewhere");
	}

	@Test
	void noNoticeWhenTheSandboxUrlOrDomainIsSetOrTheApiUrlIsTheDomainsOwn(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("e2b.api-key=" + API_KEY, "e2b.api-url=http://localhost:3000",
					"e2b.sandbox-url=http://localhost:3000")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner
			.withPropertyValues("e2b.api-key=" + API_KEY, "e2b.api-url=https://proxy.example.com",
					"e2b.domain=example.com")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.withPropertyValues("e2b.api-key=" + API_KEY, "e2b.api-url=https://api.e2b.app/")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("sandbox calls (files, commands) go to");
	}

	@Test
	void aMalformedApiKeyFailsStartupWithoutShowingTheKey() {
		this.contextRunner.withPropertyValues("e2b.api-key=sk-not-an-e2b-key").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidApiKeyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("does not look like an E2B key")
				.doesNotContain("sk-not-an-e2b-key");
			assertThat(analysis.getAction()).contains("e2b.validate-api-key=false");
			assertThat(context.getStartupFailure()).rootCause().hasMessageNotContaining("sk-not-an-e2b-key");
		});
	}

	@Test
	void keyShapeValidationCanBeTurnedOffButHeaderSafetyCannot() {
		this.contextRunner.withPropertyValues("e2b.api-key=custom-key", "e2b.validate-api-key=false")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SandboxTemplate.class));
		this.contextRunner.withPropertyValues("e2b.api-key=e2b_12 34", "e2b.validate-api-key=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("whitespace"));
	}

	@Test
	void backsOffWhenTheUserDefinesTheirOwnOperations() {
		this.contextRunner.withUserConfiguration(CustomOperationsConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ReactiveSandboxTemplate.class);
			assertThat(context).doesNotHaveBean(SandboxTemplate.class);
			assertThat(context).hasSingleBean(SandboxOperations.class);
			assertThat(context).hasSingleBean(ReactiveSandboxOperations.class);
		});
	}

	@Test
	void theBlockingTemplateWrapsAUserDefinedReactiveOne() {
		this.contextRunner.withBean(ReactiveSandboxOperations.class, () -> mock(ReactiveSandboxOperations.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ReactiveSandboxTemplate.class);
				assertThat(context).hasSingleBean(SandboxTemplate.class);
			});
	}

	@Test
	void userConnectionDetailsReplaceTheProperties() throws IOException {
		try (RecordingServer server = new RecordingServer()) {
			server.enqueueStatus(204);
			this.contextRunner.withPropertyValues("e2b.api-url=http://localhost:1")
				.withBean(E2bConnectionDetails.class, () -> new E2bConnectionDetails() {

					@Override
					public String getApiKey() {
						return API_KEY;
					}

					@Override
					public URI getApiUrl() {
						return server.url();
					}

				})
				.run((context) -> {
					assertThat(context).doesNotHaveBean(PropertiesE2bConnectionDetails.class);
					assertThat(context.getBean(SandboxOperations.class).kill("abc")).isTrue();
				});
			RecordedRequest request = server.takeRequest();
			assertThat(request.target()).isEqualTo("/sandboxes/abc");
			assertThat(request.header("x-api-key")).isEqualTo(API_KEY);
		}
	}

	@Test
	void createForCodeUsesTheCodeInterpreterTemplateProperty() throws IOException {
		try (RecordingServer server = new RecordingServer()) {
			server.enqueueJson(201, WireFixtures.CREATED).enqueueJson(201, WireFixtures.CREATED);
			this.contextRunner
				.withPropertyValues("e2b.api-key=" + API_KEY, "e2b.api-url=" + server.url(),
						"e2b.kill-sandboxes-on-shutdown=false", "e2b.code-interpreter.template=my-python")
				.run((context) -> {
					context.getBean(SandboxOperations.class).createForCode();
					context.getBean(SandboxOperations.class).create();
				});
			assertThat(server.takeRequest().bodyText()).startsWith("{\"templateID\":\"my-python\"");
			assertThat(server.takeRequest().bodyText()).startsWith("{\"templateID\":\"base\"");
		}
	}

	@Test
	void theCodeInterpreterTemplateIsDescribedInTheConfigurationMetadata() throws IOException {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("the generated metadata").isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		JsonNode property = null;
		for (JsonNode candidate : metadata.path("properties").values()) {
			if (candidate.path("name").asString().equals("e2b.code-interpreter.template")) {
				property = candidate;
			}
		}
		assertThat(property).as("e2b.code-interpreter.template").isNotNull();
		assertThat(property.path("type").asString()).isEqualTo("java.lang.String");
		assertThat(property.path("defaultValue").asString()).isEqualTo("code-interpreter-v1");
		assertThat(property.path("description").asString()).startsWith("Template (name, alias or ID) of sandboxes");
	}

	@Test
	void bootAndE2bWebClientCustomizersBothApply() throws IOException {
		try (RecordingServer server = new RecordingServer()) {
			server.enqueueStatus(204);
			this.contextRunner.withPropertyValues("e2b.api-key=" + API_KEY, "e2b.api-url=" + server.url())
				.withBean(WebClientCustomizer.class, () -> (builder) -> builder.defaultHeader("X-Boot", "yes"))
				.withBean(E2bWebClientCustomizer.class, () -> (builder) -> builder.defaultHeader("X-E2b", "yes"))
				.run((context) -> context.getBean(SandboxOperations.class).kill("abc"));
			RecordedRequest request = server.takeRequest();
			assertThat(request.header("x-boot")).isEqualTo("yes");
			assertThat(request.header("x-e2b")).isEqualTo("yes");
		}
	}

	@Test
	void worksWithoutBootsWebClientAutoConfiguration() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(E2bAutoConfiguration.class))
			.withPropertyValues("e2b.api-key=" + API_KEY)
			.run((context) -> assertThat(context).hasSingleBean(SandboxTemplate.class));
	}

	@Test
	void backsOffWithoutWebClientOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.withPropertyValues("e2b.api-key=" + API_KEY)
			.run((context) -> assertThat(context).doesNotHaveBean(ReactiveSandboxOperations.class)
				.doesNotHaveBean(SandboxOperations.class));
	}

	@Test
	void backsOffWithoutReactorNettyOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpClient.class))
			.withPropertyValues("e2b.api-key=" + API_KEY)
			.run((context) -> assertThat(context).doesNotHaveBean(ReactiveSandboxOperations.class));
	}

	@Test
	void propertiesAndConnectionDetailsNeverShowTheKey() {
		this.contextRunner.withPropertyValues("e2b.api-key=" + API_KEY).run((context) -> {
			assertThat(context.getBean(E2bProperties.class).toString()).doesNotContain(API_KEY);
			assertThat(context.getBean(E2bConnectionDetails.class).toString()).doesNotContain(API_KEY);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomOperationsConfiguration {

		@Bean
		SandboxOperations customSandboxOperations() {
			return mock(SandboxOperations.class);
		}

		@Bean
		ReactiveSandboxOperations customReactiveSandboxOperations() {
			return mock(ReactiveSandboxOperations.class);
		}

	}

}
