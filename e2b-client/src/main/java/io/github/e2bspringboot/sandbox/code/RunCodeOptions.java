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
package io.github.e2bspringboot.sandbox.code;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import io.github.e2bspringboot.errors.InvalidArgumentException;
import org.jspecify.annotations.Nullable;

/**
 * How to run code: in which language or context, with which environment variables, for
 * how long, and which callbacks receive its events as they arrive.
 *
 * <pre class="code">
 * RunCodeOptions options = RunCodeOptions.builder()
 *     .language("javascript")
 *     .env("MODE", "test")
 *     .timeout(Duration.ofMinutes(5))
 *     .onStdout((output) -&gt; System.out.print(output.line()))
 *     .build();
 * </pre>
 *
 * A language and a context exclude each other: naming both fails when the options are
 * built, before any request.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class RunCodeOptions {

	/** How long code may run by default, as in the official JS SDK. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	private static final RunCodeOptions DEFAULTS = builder().build();

	private final @Nullable String language;

	private final @Nullable CodeContext context;

	private final Map<String, String> envs;

	private final Duration timeout;

	private final @Nullable Duration requestTimeout;

	private final @Nullable Consumer<OutputMessage> onStdout;

	private final @Nullable Consumer<OutputMessage> onStderr;

	private final @Nullable Consumer<Result> onResult;

	private final @Nullable Consumer<ExecutionError> onError;

	private RunCodeOptions(Builder builder) {
		this.language = builder.language;
		this.context = builder.context;
		this.envs = Map.copyOf(builder.envs);
		this.timeout = builder.timeout;
		this.requestTimeout = builder.requestTimeout;
		this.onStdout = builder.onStdout;
		this.onStderr = builder.onStderr;
		this.onResult = builder.onResult;
		this.onError = builder.onError;
	}

	/**
	 * Return the defaults: Python in its default context, a 60 second timeout, no
	 * callbacks.
	 * @return the options
	 */
	public static RunCodeOptions defaults() {
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
	 * Return the language to run the code in, in that language's default context.
	 * @return the language, such as {@code python} or {@code javascript}, or {@code null}
	 */
	public @Nullable String language() {
		return this.language;
	}

	/**
	 * Return the context to run the code in.
	 * @return the context, or {@code null}
	 */
	public @Nullable CodeContext context() {
		return this.context;
	}

	/**
	 * Return the environment variables of this execution only.
	 * @return the variables
	 */
	public Map<String, String> envs() {
		return this.envs;
	}

	/**
	 * Return how long the execution may take once the interpreter has answered; zero for
	 * no limit. When it passes, the connection is closed, which interrupts the code.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Return how long to wait for the interpreter to answer (its response headers).
	 * @return the timeout, zero for no limit, or {@code null} for the connection's
	 * request timeout
	 */
	public @Nullable Duration requestTimeout() {
		return this.requestTimeout;
	}

	/**
	 * Return the callback for standard output as it arrives.
	 * @return the callback, or {@code null}
	 */
	public @Nullable Consumer<OutputMessage> onStdout() {
		return this.onStdout;
	}

	/**
	 * Return the callback for standard error as it arrives.
	 * @return the callback, or {@code null}
	 */
	public @Nullable Consumer<OutputMessage> onStderr() {
		return this.onStderr;
	}

	/**
	 * Return the callback for each result as it arrives.
	 * @return the callback, or {@code null}
	 */
	public @Nullable Consumer<Result> onResult() {
		return this.onResult;
	}

	/**
	 * Return the callback for the error the code raises.
	 * @return the callback, or {@code null}
	 */
	public @Nullable Consumer<ExecutionError> onError() {
		return this.onError;
	}

	@Override
	public String toString() {
		// environment variable values may hold secrets: show their names only
		return "RunCodeOptions[language=" + this.language + ", context="
				+ ((this.context != null) ? this.context.id() : null) + ", envs=" + this.envs.keySet() + ", timeout="
				+ this.timeout + ", requestTimeout=" + this.requestTimeout + "]";
	}

	/**
	 * Builder for {@link RunCodeOptions}.
	 */
	public static final class Builder {

		private @Nullable String language;

		private @Nullable CodeContext context;

		private final Map<String, String> envs = new LinkedHashMap<>();

		private Duration timeout = DEFAULT_TIMEOUT;

		private @Nullable Duration requestTimeout;

		private @Nullable Consumer<OutputMessage> onStdout;

		private @Nullable Consumer<OutputMessage> onStderr;

		private @Nullable Consumer<Result> onResult;

		private @Nullable Consumer<ExecutionError> onError;

		private Builder() {
		}

		/**
		 * Run the code in a language's default context: {@code python},
		 * {@code javascript}, {@code typescript}, {@code r}, {@code java} or
		 * {@code bash}, as the template provides them. Excludes a context.
		 * @param language the language
		 * @return this builder
		 */
		public Builder language(@Nullable String language) {
			this.language = language;
			return this;
		}

		/**
		 * Run the code in a context made with {@code createContext}. Excludes a language.
		 * @param context the context
		 * @return this builder
		 */
		public Builder context(@Nullable CodeContext context) {
			this.context = context;
			return this;
		}

		/**
		 * Add an environment variable for this execution only.
		 * @param name the name
		 * @param value the value
		 * @return this builder
		 */
		public Builder env(String name, String value) {
			this.envs.put(name, value);
			return this;
		}

		/**
		 * Add environment variables for this execution only.
		 * @param envs the variables
		 * @return this builder
		 */
		public Builder envs(Map<String, String> envs) {
			this.envs.putAll(envs);
			return this;
		}

		/**
		 * Set how long the execution may take once the interpreter has answered; zero for
		 * no limit.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * Set how long to wait for the interpreter to answer; zero for no limit,
		 * {@code null} for the connection's request timeout.
		 * @param requestTimeout the timeout
		 * @return this builder
		 */
		public Builder requestTimeout(@Nullable Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
			return this;
		}

		/**
		 * Receive standard output as it arrives.
		 * @param onStdout the callback
		 * @return this builder
		 */
		public Builder onStdout(@Nullable Consumer<OutputMessage> onStdout) {
			this.onStdout = onStdout;
			return this;
		}

		/**
		 * Receive standard error as it arrives.
		 * @param onStderr the callback
		 * @return this builder
		 */
		public Builder onStderr(@Nullable Consumer<OutputMessage> onStderr) {
			this.onStderr = onStderr;
			return this;
		}

		/**
		 * Receive each result as it arrives.
		 * @param onResult the callback
		 * @return this builder
		 */
		public Builder onResult(@Nullable Consumer<Result> onResult) {
			this.onResult = onResult;
			return this;
		}

		/**
		 * Receive the error the code raises.
		 * @param onError the callback
		 * @return this builder
		 */
		public Builder onError(@Nullable Consumer<ExecutionError> onError) {
			this.onError = onError;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws InvalidArgumentException when both a language and a context are set, or
		 * a timeout is negative
		 */
		public RunCodeOptions build() {
			if (this.language != null && this.context != null) {
				throw new InvalidArgumentException("Provide a context or a language, not both");
			}
			if (this.timeout.isNegative()) {
				throw new InvalidArgumentException("timeout must not be negative, got " + this.timeout);
			}
			if (this.requestTimeout != null && this.requestTimeout.isNegative()) {
				throw new InvalidArgumentException("requestTimeout must not be negative, got " + this.requestTimeout);
			}
			return new RunCodeOptions(this);
		}

	}

}
