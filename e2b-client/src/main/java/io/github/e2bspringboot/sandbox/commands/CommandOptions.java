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
package io.github.e2bspringboot.sandbox.commands;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * How to run a command: environment, working directory, user, timeout, stdin and output
 * callbacks.
 *
 * <pre class="code">
 * CommandOptions options = CommandOptions.builder()
 *     .env("MODE", "test")
 *     .cwd("/tmp")
 *     .timeout(Duration.ofMinutes(2))
 *     .onStdout(System.out::print)
 *     .build();
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class CommandOptions {

	/** The command timeout of the official SDKs. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	private static final CommandOptions DEFAULTS = builder().build();

	private final Map<String, String> envs;

	private final @Nullable String cwd;

	private final @Nullable String user;

	private final Duration timeout;

	private final boolean stdin;

	private final @Nullable Consumer<String> onStdout;

	private final @Nullable Consumer<String> onStderr;

	private CommandOptions(Builder builder) {
		this.envs = Map.copyOf(builder.envs);
		this.cwd = builder.cwd;
		this.user = builder.user;
		this.timeout = builder.timeout;
		this.stdin = builder.stdin;
		this.onStdout = builder.onStdout;
		this.onStderr = builder.onStderr;
	}

	/**
	 * Return the defaults: the sandbox's user and home, a 60 second timeout, no stdin.
	 * @return the options
	 */
	public static CommandOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Start a builder with the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the command's own environment variables, on top of the sandbox's.
	 * @return the variables
	 */
	public Map<String, String> envs() {
		return this.envs;
	}

	/**
	 * Return the working directory.
	 * @return the directory, or {@code null} for the user's home
	 */
	public @Nullable String cwd() {
		return this.cwd;
	}

	/**
	 * Return the Linux user to run as.
	 * @return the user, or {@code null} for the sandbox's default ({@code user})
	 */
	public @Nullable String user() {
		return this.user;
	}

	/**
	 * Return how long the command may run before it is killed; zero for no limit. Not the
	 * request timeout and not the sandbox's lifetime.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Return whether the command's stdin stays open for {@code sendStdin}.
	 * @return whether stdin is open
	 */
	public boolean stdin() {
		return this.stdin;
	}

	/**
	 * Return the callback for standard output as it arrives.
	 * @return the callback, or {@code null}
	 */
	public @Nullable Consumer<String> onStdout() {
		return this.onStdout;
	}

	/**
	 * Return the callback for standard error as it arrives.
	 * @return the callback, or {@code null}
	 */
	public @Nullable Consumer<String> onStderr() {
		return this.onStderr;
	}

	@Override
	public String toString() {
		// environment variable values may hold secrets: show their names only
		return "CommandOptions[envs=" + this.envs.keySet() + ", cwd=" + this.cwd + ", user=" + this.user + ", timeout="
				+ this.timeout + ", stdin=" + this.stdin + "]";
	}

	/**
	 * Builder for {@link CommandOptions}.
	 */
	public static final class Builder {

		private final Map<String, String> envs = new LinkedHashMap<>();

		private @Nullable String cwd;

		private @Nullable String user;

		private Duration timeout = DEFAULT_TIMEOUT;

		private boolean stdin;

		private @Nullable Consumer<String> onStdout;

		private @Nullable Consumer<String> onStderr;

		private Builder() {
		}

		/**
		 * Add an environment variable.
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
		 * Set the working directory.
		 * @param cwd the directory
		 * @return this builder
		 */
		public Builder cwd(@Nullable String cwd) {
			this.cwd = cwd;
			return this;
		}

		/**
		 * Set the Linux user to run as, such as {@code root}.
		 * @param user the user
		 * @return this builder
		 */
		public Builder user(@Nullable String user) {
			this.user = user;
			return this;
		}

		/**
		 * Set how long the command may run; zero for no limit.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * Keep stdin open so {@code sendStdin} can feed the command.
		 * @param stdin whether stdin stays open
		 * @return this builder
		 */
		public Builder stdin(boolean stdin) {
			this.stdin = stdin;
			return this;
		}

		/**
		 * Receive standard output as it arrives.
		 * @param onStdout the callback
		 * @return this builder
		 */
		public Builder onStdout(@Nullable Consumer<String> onStdout) {
			this.onStdout = onStdout;
			return this;
		}

		/**
		 * Receive standard error as it arrives.
		 * @param onStderr the callback
		 * @return this builder
		 */
		public Builder onStderr(@Nullable Consumer<String> onStderr) {
			this.onStderr = onStderr;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public CommandOptions build() {
			return new CommandOptions(this);
		}

	}

}
