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
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.github.e2bspringboot.sandbox.code.Execution;
import io.github.e2bspringboot.sandbox.code.RunCodeOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.annotation.ToolParam;

/**
 * {@code run_code}: runs code in the conversation's code interpreter, where variables,
 * imports and files persist between calls, and saves the charts and tables it shows.
 *
 * @author e2b-spring-boot contributors
 */
final class RunCodeTool extends SandboxTool<RunCodeTool.Input> {

	static final String NAME = "run_code";

	private static final String DEFAULT_LANGUAGE = "python";

	private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z][A-Za-z0-9_+-]{0,31}");

	private final ArgumentChecks checks;

	private final ArtifactSaver artifacts;

	RunCodeTool(SandboxToolsSettings settings, ArtifactSaver artifacts) {
		super(NAME, description(settings), Input.class);
		this.checks = new ArgumentChecks(settings);
		this.artifacts = artifacts;
	}

	private static String description(SandboxToolsSettings settings) {
		return "Run code in this conversation's sandbox, a Jupyter-style interpreter (Python by default, with "
				+ "pandas and matplotlib). Variables, imports and files persist between calls of the conversation, "
				+ "so build on earlier results instead of repeating them. Returns stdout, stderr, the value of the "
				+ "last expression, and on failure the error name, message and traceback. Charts shown (for example "
				+ "with plt.show()) are saved as PNG files and data frames displayed as the last expression as HTML "
				+ "files in " + settings.artifactsDirectory() + "; the result names each file. At most "
				+ settings.maxCodeChars() + " characters of code; runs for at most timeoutSeconds (default "
				+ settings.defaultTimeout().toSeconds() + ", maximum " + settings.maxTimeout().toSeconds()
				+ "); output longer than " + settings.maxOutputChars() + " characters is cut in the middle.";
	}

	@Override
	Function<ConversationSession, String> prepare(Input input) {
		String code = this.checks.code(input.code(), "code");
		String language = language(input.language());
		Duration timeout = this.checks.timeout(input.timeoutSeconds());
		// the default language runs in the default context, so that its state is the one
		// every call without a language sees too
		RunCodeOptions options = RunCodeOptions.builder()
			.language(DEFAULT_LANGUAGE.equals(language) ? null : language)
			.timeout(timeout)
			.build();
		return (session) -> {
			Execution execution = session.sandbox().codeInterpreter().runCode(code, options);
			List<String> saved = this.artifacts.save(session, execution.results());
			return ExecutionText.format(execution, saved);
		};
	}

	private static String language(@Nullable String language) {
		if (language == null || language.isBlank()) {
			return DEFAULT_LANGUAGE;
		}
		String value = language.trim().toLowerCase(Locale.ROOT);
		if (!LANGUAGE.matcher(value).matches()) {
			throw new ToolArgumentException("argument 'language' is not a language name; use \"python\" (the default) "
					+ "or another kernel the sandbox has, such as \"r\" or \"javascript\"");
		}
		return value;
	}

	/**
	 * The arguments of {@code run_code}.
	 *
	 * @param code the code
	 * @param language the language
	 * @param timeoutSeconds the timeout in seconds
	 */
	record Input(@ToolParam(description = "The code to run, as one cell: several lines are fine") @Nullable String code,
			@ToolParam(description = "The language: \"python\" (the default) or another kernel the sandbox has",
					required = false) @Nullable String language,
			@ToolParam(description = "How long the code may run, in seconds (optional)",
					required = false) @Nullable Integer timeoutSeconds) {
	}

}
