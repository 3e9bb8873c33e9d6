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
package io.github.e2bspringboot.sandbox;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How the client reaches E2B: the API key, the control-plane URL, the sandbox domain, an
 * optional envd URL override, and the template of sandboxes created to run code. The
 * equivalent of the official SDKs' {@code ConnectionConfig}. {@link #toString()} never
 * shows the API key.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class E2bConnectionConfig {

	/** The domain of E2B's cloud. */
	public static final String DEFAULT_DOMAIN = "e2b.app";

	/** The request timeout the official SDKs use when none is given. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

	/** The template the official code-interpreter SDKs create sandboxes from. */
	public static final String DEFAULT_CODE_INTERPRETER_TEMPLATE = "code-interpreter-v1";

	private final @Nullable String apiKey;

	private final URI apiUrl;

	private final String domain;

	private final @Nullable URI sandboxUrl;

	private final Duration requestTimeout;

	private final Map<String, String> apiHeaders;

	private final RetrySettings retrySettings;

	private final String codeInterpreterTemplate;

	private E2bConnectionConfig(Builder builder) {
		this.apiKey = builder.apiKey;
		this.domain = builder.domain;
		this.apiUrl = (builder.apiUrl != null) ? builder.apiUrl : URI.create("https://api." + builder.domain);
		this.sandboxUrl = builder.sandboxUrl;
		this.requestTimeout = builder.requestTimeout;
		this.apiHeaders = Map.copyOf(builder.apiHeaders);
		this.retrySettings = builder.retrySettings;
		this.codeInterpreterTemplate = builder.codeInterpreterTemplate;
	}

	/**
	 * Start a builder with the defaults of the official SDKs.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Read the configuration from the environment variables the official SDKs read:
	 * {@code E2B_API_KEY}, {@code E2B_DOMAIN}, {@code E2B_API_URL} and
	 * {@code E2B_SANDBOX_URL}.
	 * @return the configuration
	 * @see Builder#environment(Map)
	 */
	public static E2bConnectionConfig fromEnvironment() {
		return builder().environment(System.getenv()).build();
	}

	/**
	 * Return the team API key sent as {@code X-API-KEY}, if any.
	 * @return the API key or {@code null}
	 */
	public @Nullable String apiKey() {
		return this.apiKey;
	}

	/**
	 * Return the base URL of the control plane.
	 * @return the API URL
	 */
	public URI apiUrl() {
		return this.apiUrl;
	}

	/**
	 * Return the sandbox domain used when the API names none.
	 * @return the domain
	 */
	public String domain() {
		return this.domain;
	}

	/**
	 * Return the envd URL used for every sandbox instead of a computed one, if any.
	 * @return the sandbox URL override or {@code null}
	 */
	public @Nullable URI sandboxUrl() {
		return this.sandboxUrl;
	}

	/**
	 * Return how long a single HTTP request may take before it fails. Not the lifetime of
	 * a sandbox and not the timeout of a command.
	 * @return the request timeout
	 */
	public Duration requestTimeout() {
		return this.requestTimeout;
	}

	/**
	 * Return extra headers sent on every control-plane request (never to a sandbox).
	 * @return the headers
	 */
	public Map<String, String> apiHeaders() {
		return this.apiHeaders;
	}

	/**
	 * Return how failed requests are retried.
	 * @return how failed requests are retried
	 */
	public RetrySettings retrySettings() {
		return this.retrySettings;
	}

	/**
	 * Return the template of sandboxes created to run code ({@code createForCode}) when
	 * their spec names none: one whose sandboxes serve the code interpreter.
	 * @return the template name, alias or ID
	 */
	public String codeInterpreterTemplate() {
		return this.codeInterpreterTemplate;
	}

	@Override
	public String toString() {
		return "E2bConnectionConfig[apiUrl=" + this.apiUrl + ", domain=" + this.domain + ", sandboxUrl="
				+ this.sandboxUrl + ", requestTimeout=" + this.requestTimeout + ", apiKey="
				+ ((this.apiKey != null) ? "******" : "none") + ", apiHeaders=" + this.apiHeaders.keySet()
				+ ", codeInterpreterTemplate=" + this.codeInterpreterTemplate + "]";
	}

	/**
	 * Builder for {@link E2bConnectionConfig}.
	 */
	public static final class Builder {

		private @Nullable String apiKey;

		private @Nullable URI apiUrl;

		private String domain = DEFAULT_DOMAIN;

		private @Nullable URI sandboxUrl;

		private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

		private Map<String, String> apiHeaders = Map.of();

		private RetrySettings retrySettings = RetrySettings.defaults();

		private String codeInterpreterTemplate = DEFAULT_CODE_INTERPRETER_TEMPLATE;

		private Builder() {
		}

		/**
		 * Set the template of sandboxes created to run code when their spec names none;
		 * defaults to {@value E2bConnectionConfig#DEFAULT_CODE_INTERPRETER_TEMPLATE}.
		 * @param codeInterpreterTemplate the template name, alias or ID
		 * @return this builder
		 */
		public Builder codeInterpreterTemplate(String codeInterpreterTemplate) {
			this.codeInterpreterTemplate = Objects.requireNonNull(codeInterpreterTemplate, "codeInterpreterTemplate");
			return this;
		}

		/**
		 * Set how failed requests are retried; {@link RetrySettings#none()} turns retries
		 * off.
		 * @param retrySettings the settings
		 * @return this builder
		 */
		public Builder retrySettings(RetrySettings retrySettings) {
			this.retrySettings = Objects.requireNonNull(retrySettings, "retrySettings");
			return this;
		}

		/**
		 * Set the team API key.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Set the control-plane URL; defaults to {@code https://api.<domain>}.
		 * @param apiUrl the URL
		 * @return this builder
		 */
		public Builder apiUrl(@Nullable URI apiUrl) {
			this.apiUrl = apiUrl;
			return this;
		}

		/**
		 * Set the sandbox domain; defaults to
		 * {@value E2bConnectionConfig#DEFAULT_DOMAIN}.
		 * @param domain the domain
		 * @return this builder
		 */
		public Builder domain(String domain) {
			this.domain = Objects.requireNonNull(domain, "domain");
			return this;
		}

		/**
		 * Set one envd URL for every sandbox, as {@code E2B_SANDBOX_URL} does.
		 * @param sandboxUrl the URL
		 * @return this builder
		 */
		public Builder sandboxUrl(@Nullable URI sandboxUrl) {
			this.sandboxUrl = sandboxUrl;
			return this;
		}

		/**
		 * Set the timeout of one HTTP request.
		 * @param requestTimeout the timeout
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
			return this;
		}

		/**
		 * Set extra headers for control-plane requests.
		 * @param apiHeaders the headers
		 * @return this builder
		 */
		public Builder apiHeaders(Map<String, String> apiHeaders) {
			this.apiHeaders = Objects.requireNonNull(apiHeaders, "apiHeaders");
			return this;
		}

		/**
		 * Take what the given environment sets of {@code E2B_API_KEY},
		 * {@code E2B_DOMAIN}, {@code E2B_API_URL} and {@code E2B_SANDBOX_URL}; blank
		 * values count as unset.
		 * @param environment the environment, such as {@link System#getenv()}
		 * @return this builder
		 */
		public Builder environment(Map<String, String> environment) {
			String apiKey = nonBlank(environment.get("E2B_API_KEY"));
			if (apiKey != null) {
				apiKey(apiKey);
			}
			String domain = nonBlank(environment.get("E2B_DOMAIN"));
			if (domain != null) {
				domain(domain);
			}
			String apiUrl = nonBlank(environment.get("E2B_API_URL"));
			if (apiUrl != null) {
				apiUrl(URI.create(apiUrl));
			}
			String sandboxUrl = nonBlank(environment.get("E2B_SANDBOX_URL"));
			if (sandboxUrl != null) {
				sandboxUrl(URI.create(sandboxUrl));
			}
			return this;
		}

		private static @Nullable String nonBlank(@Nullable String value) {
			return (value != null && !value.isBlank()) ? value : null;
		}

		/**
		 * Build the configuration.
		 * @return the configuration
		 */
		public E2bConnectionConfig build() {
			return new E2bConnectionConfig(this);
		}

	}

}
