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

import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.SandboxFileNotFoundException;
import io.github.e2bspringboot.errors.SandboxNotFoundException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;

/**
 * Turns what went wrong in a tool call into a result a model can act on. Every result it
 * makes starts with {@value #PREFIX}.
 *
 * @author e2b-spring-boot contributors
 */
final class ToolErrors {

	static final String PREFIX = "Error: ";

	private ToolErrors() {
	}

	static String describe(RuntimeException ex) {
		if (ex instanceof ToolArgumentException || ex instanceof ConversationLimitException) {
			return PREFIX + ex.getMessage();
		}
		if (ex instanceof SandboxTimeoutException) {
			return PREFIX + "the call timed out (" + ex.getMessage()
					+ "); do less per call, or ask for a longer timeoutSeconds";
		}
		if (ex instanceof SandboxFileNotFoundException) {
			return PREFIX + "no such file or directory (" + ex.getMessage() + "); list_files shows what exists";
		}
		if (ex instanceof SandboxNotFoundException) {
			return PREFIX + "this conversation's sandbox is gone (expired or killed); the next call starts a new one, "
					+ "without the files and variables of the old one";
		}
		if (ex instanceof E2bException) {
			return PREFIX + "the sandbox refused the call: " + ex.getMessage();
		}
		if (ex instanceof IllegalStateException) {
			return PREFIX + "the sandbox tools cannot run now: " + ex.getMessage();
		}
		return PREFIX + "the tool failed unexpectedly (" + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")";
	}

}
