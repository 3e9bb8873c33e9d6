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

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of running code: its results, what it printed and the error it raised, if
 * any. An error of the code is reported here, not thrown.
 *
 * <pre class="code">
 * Execution execution = sandbox.codeInterpreter().runCode("x = 41\nx + 1");
 * String answer = execution.text(); // "42"
 * </pre>
 *
 * @param results the results: display outputs (such as charts) and the value of the last
 * expression, in the order they came
 * @param logs what the code printed
 * @param error the error the code raised, or {@code null}
 * @param executionCount the context's execution count, or {@code null} when the kernel
 * reported none
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record Execution(List<Result> results, Logs logs, @Nullable ExecutionError error,
		@Nullable Integer executionCount) {

	/**
	 * Create an instance, copying the results.
	 * @param results the results
	 * @param logs what the code printed
	 * @param error the error the code raised, or {@code null}
	 * @param executionCount the context's execution count, or {@code null}
	 */
	public Execution {
		results = List.copyOf(results);
	}

	/**
	 * Gather the events of an execution, as {@code stream} emits them, into its outcome.
	 * @param events the events, in stream order
	 * @return the execution
	 */
	public static Execution of(List<? extends ExecutionEvent> events) {
		List<Result> results = new ArrayList<>();
		List<String> stdout = new ArrayList<>();
		List<String> stderr = new ArrayList<>();
		ExecutionError error = null;
		Integer executionCount = null;
		for (ExecutionEvent event : events) {
			if (event instanceof Result result) {
				results.add(result);
			}
			else if (event instanceof OutputMessage output) {
				(output.error() ? stderr : stdout).add(output.line());
			}
			else if (event instanceof ExecutionError raised) {
				error = raised;
			}
			else if (event instanceof ExecutionCount count) {
				executionCount = count.count();
			}
		}
		return new Execution(results, new Logs(stdout, stderr), error, executionCount);
	}

	/**
	 * Return the text of the main result: the value of the code's last expression.
	 * @return the text of the first result that is the main result, or {@code null}
	 */
	public @Nullable String text() {
		for (Result result : this.results) {
			if (result.isMainResult()) {
				return result.text();
			}
		}
		return null;
	}

}
