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
import java.util.function.Function;

import io.github.e2bspringboot.sandbox.commands.CommandExitException;
import io.github.e2bspringboot.sandbox.commands.CommandOptions;
import io.github.e2bspringboot.sandbox.commands.CommandResult;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.annotation.ToolParam;

/**
 * {@code run_command}: runs a shell command in the conversation's sandbox. A non-zero
 * exit is a normal result: the model reads the code and the output.
 *
 * @author e2b-spring-boot contributors
 */
final class RunCommandTool extends SandboxTool<RunCommandTool.Input> {

	static final String NAME = "run_command";

	private final ArgumentChecks checks;

	RunCommandTool(SandboxToolsSettings settings) {
		super(NAME, description(settings), Input.class);
		this.checks = new ArgumentChecks(settings);
	}

	private static String description(SandboxToolsSettings settings) {
		return "Run a shell command (bash -l -c) in this conversation's sandbox, a Linux machine whose files "
				+ "persist between calls of the conversation; the working directory is /home/user unless cwd is "
				+ "given. Returns the exit code, stdout and stderr; a non-zero exit code is reported, not an "
				+ "error. At most " + settings.maxCodeChars() + " characters; runs for at most timeoutSeconds "
				+ "(default " + settings.defaultTimeout().toSeconds() + ", maximum " + settings.maxTimeout().toSeconds()
				+ "); output longer than " + settings.maxOutputChars() + " characters is cut in the middle.";
	}

	@Override
	Function<ConversationSession, String> prepare(Input input) {
		String command = this.checks.code(input.command(), "command");
		String cwd = (input.cwd() != null) ? this.checks.path(input.cwd(), "cwd") : null;
		Duration timeout = this.checks.timeout(input.timeoutSeconds());
		CommandOptions options = CommandOptions.builder().cwd(cwd).timeout(timeout).build();
		return (session) -> format(run(session, command, options));
	}

	private static CommandResult run(ConversationSession session, String command, CommandOptions options) {
		try {
			return session.sandbox().commands().run(command, options);
		}
		catch (CommandExitException ex) {
			return ex.getResult();
		}
	}

	private static String format(CommandResult result) {
		StringBuilder text = new StringBuilder("exit code: ").append(result.exitCode()).append('\n');
		append(text, "stdout", result.stdout());
		append(text, "stderr", result.stderr());
		String error = result.error();
		// "exit status N" only repeats the exit code
		if (error != null && !error.isEmpty() && !error.startsWith("exit status")) {
			append(text, "error", error);
		}
		return text.toString().stripTrailing();
	}

	private static void append(StringBuilder text, String name, String content) {
		if (!content.isEmpty()) {
			text.append(name).append(":\n").append(content);
			if (!content.endsWith("\n")) {
				text.append('\n');
			}
		}
	}

	/**
	 * The arguments of {@code run_command}.
	 *
	 * @param command the command
	 * @param cwd the working directory
	 * @param timeoutSeconds the timeout in seconds
	 */
	record Input(
			@ToolParam(description = "The shell command, for example \"ls -la /home/user\"") @Nullable String command,
			@ToolParam(description = "The working directory (optional; default /home/user)",
					required = false) @Nullable String cwd,
			@ToolParam(description = "How long the command may run, in seconds (optional)",
					required = false) @Nullable Integer timeoutSeconds) {
	}

}
