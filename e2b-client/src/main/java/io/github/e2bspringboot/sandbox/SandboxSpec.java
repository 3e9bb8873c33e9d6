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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What to create: the template, the lifetime and the options of a new sandbox. Unset
 * values take the template's defaults (see {@link #withDefaults(SandboxSpec)}), which the
 * auto-configuration fills from {@code e2b.*} properties.
 *
 * <pre class="code">
 * SandboxSpec spec = SandboxSpec.builder()
 *     .template("base")
 *     .timeout(Duration.ofMinutes(10))
 *     .metadata("user", "alice")
 *     .build();
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class SandboxSpec {

	private static final SandboxSpec EMPTY = builder().build();

	private final @Nullable String template;

	private final @Nullable Duration timeout;

	private final Map<String, String> metadata;

	private final Map<String, String> envs;

	private final @Nullable Boolean secure;

	private final @Nullable Boolean allowInternetAccess;

	private final @Nullable Boolean autoPause;

	private SandboxSpec(Builder builder) {
		this.template = builder.template;
		this.timeout = builder.timeout;
		this.metadata = Map.copyOf(builder.metadata);
		this.envs = Map.copyOf(builder.envs);
		this.secure = builder.secure;
		this.allowInternetAccess = builder.allowInternetAccess;
		this.autoPause = builder.autoPause;
	}

	/**
	 * Return a spec with nothing set.
	 * @return the empty spec
	 */
	public static SandboxSpec empty() {
		return EMPTY;
	}

	/**
	 * Start a builder with nothing set.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start a builder from this spec's values.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.template = this.template;
		builder.timeout = this.timeout;
		builder.metadata.putAll(this.metadata);
		builder.envs.putAll(this.envs);
		builder.secure = this.secure;
		builder.allowInternetAccess = this.allowInternetAccess;
		builder.autoPause = this.autoPause;
		return builder;
	}

	/**
	 * Return a spec where every value this one leaves unset is taken from the defaults.
	 * Metadata and environment variables are merged, this spec's entries winning.
	 * @param defaults the defaults
	 * @return the combined spec
	 */
	public SandboxSpec withDefaults(SandboxSpec defaults) {
		Builder builder = defaults.toBuilder();
		if (this.template != null) {
			builder.template = this.template;
		}
		if (this.timeout != null) {
			builder.timeout = this.timeout;
		}
		builder.metadata.putAll(this.metadata);
		builder.envs.putAll(this.envs);
		if (this.secure != null) {
			builder.secure = this.secure;
		}
		if (this.allowInternetAccess != null) {
			builder.allowInternetAccess = this.allowInternetAccess;
		}
		if (this.autoPause != null) {
			builder.autoPause = this.autoPause;
		}
		return builder.build();
	}

	/**
	 * Return the template name, alias or ID.
	 * @return the template or {@code null} when unset
	 */
	public @Nullable String template() {
		return this.template;
	}

	/**
	 * Return how long the sandbox lives before it is killed (or paused with auto-pause).
	 * @return the timeout or {@code null} when unset
	 */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/**
	 * Return the metadata attached to the sandbox, usable as a list filter.
	 * @return the metadata
	 */
	public Map<String, String> metadata() {
		return this.metadata;
	}

	/**
	 * Return the environment variables of every process in the sandbox.
	 * @return the environment variables
	 */
	public Map<String, String> envs() {
		return this.envs;
	}

	/**
	 * Return whether the sandbox's daemon requires an access token.
	 * @return whether the sandbox is secure, or {@code null} when unset
	 */
	public @Nullable Boolean secure() {
		return this.secure;
	}

	/**
	 * Return whether the sandbox may reach the internet.
	 * @return the flag or {@code null} when unset (the server allows it)
	 */
	public @Nullable Boolean allowInternetAccess() {
		return this.allowInternetAccess;
	}

	/**
	 * Return whether the sandbox is paused instead of killed when its timeout passes.
	 * @return the flag or {@code null} when unset (killed)
	 */
	public @Nullable Boolean autoPause() {
		return this.autoPause;
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		if (!(obj instanceof SandboxSpec other)) {
			return false;
		}
		return Objects.equals(this.template, other.template) && Objects.equals(this.timeout, other.timeout)
				&& this.metadata.equals(other.metadata) && this.envs.equals(other.envs)
				&& Objects.equals(this.secure, other.secure)
				&& Objects.equals(this.allowInternetAccess, other.allowInternetAccess)
				&& Objects.equals(this.autoPause, other.autoPause);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.template, this.timeout, this.metadata, this.envs, this.secure,
				this.allowInternetAccess, this.autoPause);
	}

	@Override
	public String toString() {
		// environment variable values may hold secrets: show their names only
		return "SandboxSpec[template=" + this.template + ", timeout=" + this.timeout + ", metadata=" + this.metadata
				+ ", envs=" + this.envs.keySet() + ", secure=" + this.secure + ", allowInternetAccess="
				+ this.allowInternetAccess + ", autoPause=" + this.autoPause + "]";
	}

	/**
	 * Builder for {@link SandboxSpec}.
	 */
	public static final class Builder {

		private @Nullable String template;

		private @Nullable Duration timeout;

		private final Map<String, String> metadata = new LinkedHashMap<>();

		private final Map<String, String> envs = new LinkedHashMap<>();

		private @Nullable Boolean secure;

		private @Nullable Boolean allowInternetAccess;

		private @Nullable Boolean autoPause;

		private Builder() {
		}

		/**
		 * Set the template name, alias or ID.
		 * @param template the template
		 * @return this builder
		 */
		public Builder template(@Nullable String template) {
			this.template = template;
			return this;
		}

		/**
		 * Set the sandbox lifetime; sent in whole seconds, rounded up.
		 * @param timeout the lifetime
		 * @return this builder
		 */
		public Builder timeout(@Nullable Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * Add one metadata entry.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder metadata(String key, String value) {
			this.metadata.put(key, value);
			return this;
		}

		/**
		 * Add metadata entries.
		 * @param metadata the entries
		 * @return this builder
		 */
		public Builder metadata(Map<String, String> metadata) {
			this.metadata.putAll(metadata);
			return this;
		}

		/**
		 * Add one environment variable.
		 * @param name the name
		 * @param value the value
		 * @return this builder
		 */
		public Builder env(String name, String value) {
			this.envs.put(name, value);
			return this;
		}

		/**
		 * Add environment variables.
		 * @param envs the variables
		 * @return this builder
		 */
		public Builder envs(Map<String, String> envs) {
			this.envs.putAll(envs);
			return this;
		}

		/**
		 * Set whether the sandbox's daemon requires an access token. {@code false} uses
		 * the older create endpoint, as E2B has deprecated unsecured sandboxes.
		 * @param secure whether the sandbox is secure
		 * @return this builder
		 */
		public Builder secure(@Nullable Boolean secure) {
			this.secure = secure;
			return this;
		}

		/**
		 * Set whether the sandbox may reach the internet.
		 * @param allowInternetAccess the flag
		 * @return this builder
		 */
		public Builder allowInternetAccess(@Nullable Boolean allowInternetAccess) {
			this.allowInternetAccess = allowInternetAccess;
			return this;
		}

		/**
		 * Set whether the sandbox is paused instead of killed when its timeout passes.
		 * @param autoPause the flag
		 * @return this builder
		 */
		public Builder autoPause(@Nullable Boolean autoPause) {
			this.autoPause = autoPause;
			return this;
		}

		/**
		 * Build the spec.
		 * @return the spec
		 */
		public SandboxSpec build() {
			return new SandboxSpec(this);
		}

	}

}
