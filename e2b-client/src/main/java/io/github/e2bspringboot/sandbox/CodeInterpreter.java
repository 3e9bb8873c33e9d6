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
import io.github.e2bspringboot.sandbox.code.RunCodeOptions;
import java.util.List;

import io.github.e2bspringboot.wire.Blocking;
import org.jspecify.annotations.Nullable;

/**
 * The code interpreter of one sandbox, blocking: runs code in stateful Jupyter kernels
 * (contexts), as E2B's {@code code-interpreter-v1} template serves them.
 *
 * <pre class="code">
 * try (Sandbox sandbox = sandboxes.createForCode()) {
 *     Execution execution = sandbox.codeInterpreter().runCode("x = 41\nx + 1");
 *     String answer = execution.text(); // "42"
 * }
 * </pre>
 *
 * Errors the code raises are part of the {@link Execution}, not thrown.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 * @see ReactiveCodeInterpreter
 */
public final class CodeInterpreter {

	private final ReactiveCodeInterpreter reactive;

	/**
	 * Create the blocking view over a reactive code interpreter.
	 * @param reactive the reactive code interpreter
	 */
	CodeInterpreter(ReactiveCodeInterpreter reactive) {
		this.reactive = reactive;
	}

	/**
	 * Run Python code in the default context and wait for it to end.
	 * @param code the code
	 * @return the execution; an error the code raises is in it, not thrown
	 */
	public Execution runCode(String code) {
		return Blocking.get(this.reactive.runCode(code));
	}

	/**
	 * Run code and wait for it to end; the options' callbacks receive its events as they
	 * arrive, in order.
	 * @param code the code
	 * @param options how to run it
	 * @return the execution; an error the code raises is in it, not thrown
	 */
	public Execution runCode(String code, RunCodeOptions options) {
		return Blocking.get(this.reactive.runCode(code, options));
	}

	/**
	 * Create a Python context in {@code /home/user}.
	 * @return the context
	 */
	public CodeContext createContext() {
		return Blocking.get(this.reactive.createContext());
	}

	/**
	 * Create a context: a kernel of its own, whose state executions given it share.
	 * @param language its language, such as {@code python} or {@code javascript}, or
	 * {@code null} for Python
	 * @param cwd its working directory, or {@code null} for {@code /home/user}
	 * @return the context
	 */
	public CodeContext createContext(@Nullable String language, @Nullable String cwd) {
		return Blocking.get(this.reactive.createContext(language, cwd));
	}

	/**
	 * List the contexts, the interpreter's default ones included.
	 * @return the contexts
	 */
	public List<CodeContext> listContexts() {
		return Blocking.get(this.reactive.listContexts());
	}

	/**
	 * Restart a context's kernel: its variables and imports are lost.
	 * @param context the context
	 */
	public void restartContext(CodeContext context) {
		Blocking.run(this.reactive.restartContext(context));
	}

	/**
	 * Restart a context's kernel: its variables and imports are lost.
	 * @param contextId the context ID
	 */
	public void restartContext(String contextId) {
		Blocking.run(this.reactive.restartContext(contextId));
	}

	/**
	 * Remove a context and stop its kernel.
	 * @param context the context
	 */
	public void removeContext(CodeContext context) {
		Blocking.run(this.reactive.removeContext(context));
	}

	/**
	 * Remove a context and stop its kernel.
	 * @param contextId the context ID
	 */
	public void removeContext(String contextId) {
		Blocking.run(this.reactive.removeContext(contextId));
	}

	/**
	 * Return the reactive view of this code interpreter.
	 * @return the reactive code interpreter
	 */
	public ReactiveCodeInterpreter reactive() {
		return this.reactive;
	}

}
