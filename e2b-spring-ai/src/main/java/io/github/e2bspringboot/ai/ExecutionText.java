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

import java.util.List;
import java.util.regex.Pattern;

import io.github.e2bspringboot.sandbox.code.Execution;
import io.github.e2bspringboot.sandbox.code.ExecutionError;

/**
 * Writes an execution as compact text for a model: only the parts that have something.
 *
 * @author e2b-spring-boot contributors
 */
final class ExecutionText {

	/** IPython colours its tracebacks; the escapes are noise to a model. */
	private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

	/** The end of a traceback says what failed; its start is mostly the frames. */
	private static final int MAX_TRACEBACK_CHARS = 2_000;

	private ExecutionText() {
	}

	static String format(Execution execution, List<String> saved) {
		StringBuilder text = new StringBuilder();
		section(text, "stdout", String.join("", execution.logs().stdout()));
		section(text, "stderr", String.join("", execution.logs().stderr()));
		ExecutionError error = execution.error();
		if (error != null) {
			text.append("error: ").append(error.name()).append(": ").append(plain(error.value())).append('\n');
			String traceback = plain(error.traceback());
			if (traceback.length() > MAX_TRACEBACK_CHARS) {
				traceback = "..." + traceback.substring(traceback.length() - MAX_TRACEBACK_CHARS);
			}
			section(text, "traceback", traceback);
		}
		String result = execution.text();
		if (result != null && !result.isEmpty()) {
			section(text, "result", result);
		}
		saved.forEach((line) -> text.append(line).append('\n'));
		if (text.length() == 0) {
			return "Ran without output.";
		}
		return text.toString().stripTrailing();
	}

	private static void section(StringBuilder text, String name, String content) {
		if (content.isEmpty()) {
			return;
		}
		text.append(name).append(":\n").append(content);
		if (!content.endsWith("\n")) {
			text.append('\n');
		}
	}

	private static String plain(String text) {
		return ANSI_ESCAPE.matcher(text).replaceAll("");
	}

}
