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

import io.github.e2bspringboot.errors.E2bException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a command exits with a non-zero code; carries what it printed.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class CommandExitException extends E2bException {

	/** What the command printed and how it ended. */
	private final CommandResult result;

	/**
	 * Create an exception for a command's result.
	 * @param result the result
	 */
	public CommandExitException(CommandResult result) {
		super("Command exited with code " + result.exitCode() + " and error:\n" + result.stderr());
		this.result = result;
	}

	/**
	 * Return the exit code.
	 * @return the exit code
	 */
	public int getExitCode() {
		return this.result.exitCode();
	}

	/**
	 * Return what the command wrote to standard output.
	 * @return the output
	 */
	public String getStdout() {
		return this.result.stdout();
	}

	/**
	 * Return what the command wrote to standard error.
	 * @return the output
	 */
	public String getStderr() {
		return this.result.stderr();
	}

	/**
	 * Return the sandbox's description of the failure.
	 * @return the error, such as {@code exit status 1}
	 */
	public @Nullable String getError() {
		return this.result.error();
	}

	/**
	 * Return the whole result.
	 * @return the result
	 */
	public CommandResult getResult() {
		return this.result;
	}

}
