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

import io.github.e2bspringboot.sandbox.code.CodeContext;
import io.github.e2bspringboot.sandbox.code.Execution;
import io.github.e2bspringboot.sandbox.code.ExecutionError;
import io.github.e2bspringboot.sandbox.code.ExecutionEvent;
import io.github.e2bspringboot.sandbox.code.OutputMessage;
import io.github.e2bspringboot.sandbox.code.Result;
import io.github.e2bspringboot.sandbox.code.RunCodeOptions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.e2bspringboot.observation.SandboxObservationScope;
import io.github.e2bspringboot.wire.Arguments;
import io.github.e2bspringboot.wire.CodeInterpreterClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The code interpreter of one sandbox, without blocking: runs code in stateful Jupyter
 * kernels (contexts), as E2B's {@code code-interpreter-v1} template serves them. Create
 * the sandbox with {@code createForCode()}.
 *
 * <pre class="code">
 * sandbox.codeInterpreter().runCode("import math\nmath.sqrt(16)").map(Execution::text);
 * </pre>
 *
 * Cancelling a call closes its connection, which makes the interpreter interrupt the
 * code. Errors the code raises are part of the {@link Execution}, not failures of the
 * call.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 * @see CodeInterpreter
 */
public final class ReactiveCodeInterpreter {

	/** The languages the template's kernels speak, as the language tag names them. */
	private static final Set<String> KNOWN_LANGUAGES = Set.of("python", "javascript", "typescript", "r", "java",
			"bash");

	private final CodeInterpreterClient client;

	private final SandboxObservationScope observations;

	/**
	 * Create the code interpreter of a sandbox. Obtained from a sandbox, not built by
	 * applications.
	 * @param client the sandbox's code interpreter
	 * @param observations observes code runs and context calls
	 */
	ReactiveCodeInterpreter(CodeInterpreterClient client, SandboxObservationScope observations) {
		this.client = client;
		this.observations = observations;
	}

	/**
	 * Run Python code in the default context and wait for it to end.
	 * @param code the code
	 * @return the execution; an error the code raises is in it, not thrown
	 */
	public Mono<Execution> runCode(String code) {
		return runCode(code, RunCodeOptions.defaults());
	}

	/**
	 * Run code and wait for it to end; the options' callbacks receive its events as they
	 * arrive, in order.
	 * @param code the code
	 * @param options how to run it
	 * @return the execution; an error the code raises is in it, not thrown
	 */
	public Mono<Execution> runCode(String code, RunCodeOptions options) {
		return this.observations.observe("code.run", languageTag(options),
				events(code, options).collectList().map(Execution::of));
	}

	/**
	 * Run code and stream its events as they arrive: the execution count, output, results
	 * and the error the code raises, in order. The options' callbacks are called too.
	 * Cancelling the subscription interrupts the code.
	 * @param code the code
	 * @param options how to run it
	 * @return the events
	 */
	public Flux<ExecutionEvent> stream(String code, RunCodeOptions options) {
		return this.observations.observe("code.run", languageTag(options), events(code, options));
	}

	/**
	 * Create a Python context in {@code /home/user}.
	 * @return the context
	 */
	public Mono<CodeContext> createContext() {
		return createContext(null, null);
	}

	/**
	 * Create a context: a kernel of its own, whose state executions given it share.
	 * @param language its language, such as {@code python} or {@code javascript}, or
	 * {@code null} for Python
	 * @param cwd its working directory, or {@code null} for {@code /home/user}
	 * @return the context
	 */
	public Mono<CodeContext> createContext(@Nullable String language, @Nullable String cwd) {
		return this.observations.observe("code.create_context", tag((language != null) ? language : "python"),
				this.client.createContext(language, cwd));
	}

	/**
	 * List the contexts, the interpreter's default ones included.
	 * @return the contexts
	 */
	public Mono<List<CodeContext>> listContexts() {
		return this.observations.observe("code.list_contexts", this.client.listContexts());
	}

	/**
	 * Restart a context's kernel: its variables and imports are lost.
	 * @param context the context
	 * @return completion
	 */
	public Mono<Void> restartContext(CodeContext context) {
		return restart(() -> Arguments.requireNonNull(context, "context").id());
	}

	/**
	 * Restart a context's kernel: its variables and imports are lost.
	 * @param contextId the context ID
	 * @return completion
	 */
	public Mono<Void> restartContext(String contextId) {
		return restart(() -> Arguments.requireText(contextId, "contextId"));
	}

	/**
	 * Remove a context and stop its kernel.
	 * @param context the context
	 * @return completion
	 */
	public Mono<Void> removeContext(CodeContext context) {
		return remove(() -> Arguments.requireNonNull(context, "context").id());
	}

	/**
	 * Remove a context and stop its kernel.
	 * @param contextId the context ID
	 * @return completion
	 */
	public Mono<Void> removeContext(String contextId) {
		return remove(() -> Arguments.requireText(contextId, "contextId"));
	}

	private Mono<Void> restart(Supplier<String> contextId) {
		return this.observations.observe("code.restart_context",
				Mono.defer(() -> this.client.restartContext(contextId.get())));
	}

	private Mono<Void> remove(Supplier<String> contextId) {
		return this.observations.observe("code.remove_context",
				Mono.defer(() -> this.client.removeContext(contextId.get())));
	}

	private Flux<ExecutionEvent> events(String code, RunCodeOptions options) {
		return Flux.defer(() -> {
			Arguments.requireNonNull(code, "code");
			Arguments.requireNonNull(options, "options");
			CodeContext context = options.context();
			return this.client
				.execute(code, (context != null) ? context.id() : null, options.language(), options.envs(),
						options.timeout(), options.requestTimeout())
				.doOnNext((event) -> callback(options, event));
		});
	}

	private static void callback(RunCodeOptions options, ExecutionEvent event) {
		if (event instanceof OutputMessage output) {
			accept(output.error() ? options.onStderr() : options.onStdout(), output);
		}
		else if (event instanceof Result result) {
			accept(options.onResult(), result);
		}
		else if (event instanceof ExecutionError error) {
			accept(options.onError(), error);
		}
	}

	private static <T> void accept(@Nullable Consumer<T> callback, T value) {
		if (callback != null) {
			callback.accept(value);
		}
	}

	/**
	 * The language tag of a run: the language named, the context's, or Python, which the
	 * interpreter runs when neither is given.
	 */
	private static String languageTag(@Nullable RunCodeOptions options) {
		if (options == null) {
			return "python";
		}
		CodeContext context = options.context();
		String language = (context != null) ? context.language() : options.language();
		return tag((language != null) ? language : "python");
	}

	/**
	 * Bound the tag's values, normalized as the interpreter normalizes a language.
	 */
	private static String tag(String language) {
		String normalized = language.trim().toLowerCase(Locale.ROOT);
		if (normalized.equals("js")) {
			return "javascript";
		}
		if (normalized.equals("ts")) {
			return "typescript";
		}
		return KNOWN_LANGUAGES.contains(normalized) ? normalized : "other";
	}

}
