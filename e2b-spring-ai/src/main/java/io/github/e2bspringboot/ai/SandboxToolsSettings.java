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
package io.github.e2bspringboot.ai;

import java.time.Duration;
import java.util.Objects;

import io.github.e2bspringboot.sandbox.SandboxSpec;

/**
 * Settings of the sandbox tools: the sandbox each conversation gets, how long it may stay
 * idle, how many may live at once, and the limits on what a model may send and get back.
 * Immutable; built with {@link #builder()}, whose defaults suit most applications.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class SandboxToolsSettings {

	/** Where {@code run_code} saves charts and tables unless told otherwise. */
	public static final String DEFAULT_ARTIFACTS_DIRECTORY = "/home/user/artifacts";

	private final SandboxSpec sandboxSpec;

	private final Duration idleTimeout;

	private final int maxConversations;

	private final int maxOutputChars;

	private final Duration defaultTimeout;

	private final Duration maxTimeout;

	private final int maxCodeChars;

	private final int maxFileBytes;

	private final String artifactsDirectory;

	private SandboxToolsSettings(Builder builder) {
		this.sandboxSpec = builder.sandboxSpec;
		this.idleTimeout = builder.idleTimeout;
		this.maxConversations = builder.maxConversations;
		this.maxOutputChars = builder.maxOutputChars;
		this.defaultTimeout = builder.defaultTimeout;
		this.maxTimeout = builder.maxTimeout;
		this.maxCodeChars = builder.maxCodeChars;
		this.maxFileBytes = builder.maxFileBytes;
		this.artifactsDirectory = builder.artifactsDirectory;
	}

	/**
	 * Return the default settings.
	 * @return the settings
	 */
	public static SandboxToolsSettings defaults() {
		return builder().build();
	}

	/**
	 * Start building settings from the defaults.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the spec of each conversation's sandbox; with no template it is created from
	 * the code-interpreter template.
	 * @return the spec (the conversation metadata is added to it)
	 */
	public SandboxSpec sandboxSpec() {
		return this.sandboxSpec;
	}

	/**
	 * Return how long a conversation's sandbox may go unused before it is killed.
	 * @return the idle timeout, 10 minutes by default
	 */
	public Duration idleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * Return how many conversation sandboxes may live at once; a tool call of one
	 * conversation more gets an error result.
	 * @return the limit, 20 by default
	 */
	public int maxConversations() {
		return this.maxConversations;
	}

	/**
	 * Return the length to which each tool result is cut, saying so.
	 * @return the number of characters, 8000 by default
	 */
	public int maxOutputChars() {
		return this.maxOutputChars;
	}

	/**
	 * Return the time {@code run_code} and {@code run_command} get when the model names
	 * none.
	 * @return the default timeout, 60 seconds by default
	 */
	public Duration defaultTimeout() {
		return this.defaultTimeout;
	}

	/**
	 * Return the longest time a model may ask for; a longer one is an error result.
	 * @return the maximum timeout, 5 minutes by default
	 */
	public Duration maxTimeout() {
		return this.maxTimeout;
	}

	/**
	 * Return the longest code or command a model may send.
	 * @return the number of characters, 100,000 by default
	 */
	public int maxCodeChars() {
		return this.maxCodeChars;
	}

	/**
	 * Return the largest file {@code write_file} writes and the most bytes
	 * {@code read_file} reads.
	 * @return the number of bytes, 1 MiB by default
	 */
	public int maxFileBytes() {
		return this.maxFileBytes;
	}

	/**
	 * Return the directory in the sandbox where {@code run_code} saves charts (PNG) and
	 * tables (HTML).
	 * @return the absolute path, {@value #DEFAULT_ARTIFACTS_DIRECTORY} by default
	 */
	public String artifactsDirectory() {
		return this.artifactsDirectory;
	}

	/**
	 * Return a builder that starts from these settings.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder().sandboxSpec(this.sandboxSpec)
			.idleTimeout(this.idleTimeout)
			.maxConversations(this.maxConversations)
			.maxOutputChars(this.maxOutputChars)
			.defaultTimeout(this.defaultTimeout)
			.maxTimeout(this.maxTimeout)
			.maxCodeChars(this.maxCodeChars)
			.maxFileBytes(this.maxFileBytes)
			.artifactsDirectory(this.artifactsDirectory);
	}

	@Override
	public String toString() {
		return "SandboxToolsSettings[sandboxSpec=" + this.sandboxSpec + ", idleTimeout=" + this.idleTimeout
				+ ", maxConversations=" + this.maxConversations + ", maxOutputChars=" + this.maxOutputChars
				+ ", defaultTimeout=" + this.defaultTimeout + ", maxTimeout=" + this.maxTimeout + ", maxCodeChars="
				+ this.maxCodeChars + ", maxFileBytes=" + this.maxFileBytes + ", artifactsDirectory="
				+ this.artifactsDirectory + "]";
	}

	/**
	 * Builds {@link SandboxToolsSettings}, checking each value as it is set.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private SandboxSpec sandboxSpec = SandboxSpec.empty();

		private Duration idleTimeout = Duration.ofMinutes(10);

		private int maxConversations = 20;

		private int maxOutputChars = 8_000;

		private Duration defaultTimeout = Duration.ofSeconds(60);

		private Duration maxTimeout = Duration.ofMinutes(5);

		private int maxCodeChars = 100_000;

		private int maxFileBytes = 1024 * 1024;

		private String artifactsDirectory = DEFAULT_ARTIFACTS_DIRECTORY;

		private Builder() {
		}

		/**
		 * Set the spec of each conversation's sandbox.
		 * @param sandboxSpec the spec; with no template, the code-interpreter template
		 * @return this builder
		 */
		public Builder sandboxSpec(SandboxSpec sandboxSpec) {
			this.sandboxSpec = Objects.requireNonNull(sandboxSpec, "sandboxSpec");
			return this;
		}

		/**
		 * Set how long a conversation's sandbox may go unused before it is killed.
		 * @param idleTimeout a positive duration
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			this.idleTimeout = positive(idleTimeout, "idleTimeout");
			return this;
		}

		/**
		 * Set how many conversation sandboxes may live at once.
		 * @param maxConversations at least 1
		 * @return this builder
		 */
		public Builder maxConversations(int maxConversations) {
			this.maxConversations = atLeastOne(maxConversations, "maxConversations");
			return this;
		}

		/**
		 * Set the length to which each tool result is cut.
		 * @param maxOutputChars at least 1
		 * @return this builder
		 */
		public Builder maxOutputChars(int maxOutputChars) {
			this.maxOutputChars = atLeastOne(maxOutputChars, "maxOutputChars");
			return this;
		}

		/**
		 * Set the time code and commands get when the model names none.
		 * @param defaultTimeout a positive duration
		 * @return this builder
		 */
		public Builder defaultTimeout(Duration defaultTimeout) {
			this.defaultTimeout = positive(defaultTimeout, "defaultTimeout");
			return this;
		}

		/**
		 * Set the longest time a model may ask for.
		 * @param maxTimeout a positive duration
		 * @return this builder
		 */
		public Builder maxTimeout(Duration maxTimeout) {
			this.maxTimeout = positive(maxTimeout, "maxTimeout");
			return this;
		}

		/**
		 * Set the longest code or command a model may send.
		 * @param maxCodeChars at least 1
		 * @return this builder
		 */
		public Builder maxCodeChars(int maxCodeChars) {
			this.maxCodeChars = atLeastOne(maxCodeChars, "maxCodeChars");
			return this;
		}

		/**
		 * Set the largest file a model may write and the most bytes it may read.
		 * @param maxFileBytes at least 1
		 * @return this builder
		 */
		public Builder maxFileBytes(int maxFileBytes) {
			this.maxFileBytes = atLeastOne(maxFileBytes, "maxFileBytes");
			return this;
		}

		/**
		 * Set the directory in the sandbox where charts and tables are saved.
		 * @param artifactsDirectory an absolute path
		 * @return this builder
		 */
		public Builder artifactsDirectory(String artifactsDirectory) {
			Objects.requireNonNull(artifactsDirectory, "artifactsDirectory");
			if (!artifactsDirectory.startsWith("/")) {
				throw new IllegalArgumentException("artifactsDirectory must be absolute, got " + artifactsDirectory);
			}
			// without a trailing slash, so that names join with exactly one
			this.artifactsDirectory = (artifactsDirectory.length() > 1 && artifactsDirectory.endsWith("/"))
					? artifactsDirectory.substring(0, artifactsDirectory.length() - 1) : artifactsDirectory;
			return this;
		}

		/**
		 * Build the settings.
		 * @return the settings
		 * @throws IllegalArgumentException when the default timeout exceeds the maximum
		 */
		public SandboxToolsSettings build() {
			if (this.defaultTimeout.compareTo(this.maxTimeout) > 0) {
				throw new IllegalArgumentException("defaultTimeout (" + this.defaultTimeout
						+ ") must not exceed maxTimeout (" + this.maxTimeout + ")");
			}
			return new SandboxToolsSettings(this);
		}

		private static Duration positive(Duration duration, String name) {
			Objects.requireNonNull(duration, name);
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, got " + duration);
			}
			return duration;
		}

		private static int atLeastOne(int value, String name) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be at least 1, got " + value);
			}
			return value;
		}

	}

}
