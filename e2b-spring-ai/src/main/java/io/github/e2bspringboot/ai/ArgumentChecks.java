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

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Checks a tool's arguments against the settings' limits; each failure is a
 * {@link ToolArgumentException} that says what to send instead.
 *
 * @author e2b-spring-boot contributors
 */
final class ArgumentChecks {

	/** Longer than any path a real file system takes. */
	static final int MAX_PATH_CHARS = 4096;

	private final SandboxToolsSettings settings;

	ArgumentChecks(SandboxToolsSettings settings) {
		this.settings = settings;
	}

	String required(@Nullable String value, String name) {
		if (value == null) {
			throw new ToolArgumentException("argument '" + name + "' is required");
		}
		return value;
	}

	String code(@Nullable String code, String name) {
		String value = required(code, name);
		if (value.isBlank()) {
			throw new ToolArgumentException("argument '" + name + "' is empty");
		}
		if (value.length() > this.settings.maxCodeChars()) {
			throw new ToolArgumentException("argument '" + name + "' has " + value.length()
					+ " characters, more than the limit of " + this.settings.maxCodeChars()
					+ "; send less, for example by splitting it into several calls");
		}
		return value;
	}

	String path(@Nullable String path, String name) {
		String value = required(path, name);
		if (value.isBlank()) {
			throw new ToolArgumentException(
					"argument '" + name + "' is empty; give a path such as /home/user/data.csv");
		}
		if (value.length() > MAX_PATH_CHARS || value.indexOf('\0') >= 0) {
			throw new ToolArgumentException("argument '" + name + "' is not a valid path");
		}
		return value;
	}

	byte[] fileContent(@Nullable String content, String name) {
		byte[] bytes = required(content, name).getBytes(StandardCharsets.UTF_8);
		if (bytes.length > this.settings.maxFileBytes()) {
			throw new ToolArgumentException("argument '" + name + "' has " + bytes.length
					+ " bytes, more than the limit of " + this.settings.maxFileBytes()
					+ "; write the file in code (run_code or run_command) instead");
		}
		return bytes;
	}

	Duration timeout(@Nullable Integer seconds) {
		if (seconds == null) {
			return this.settings.defaultTimeout();
		}
		long max = this.settings.maxTimeout().toSeconds();
		if (seconds < 1) {
			throw new ToolArgumentException("argument 'timeoutSeconds' is " + seconds + "; it must be between 1 and "
					+ max + ", or left out for " + this.settings.defaultTimeout().toSeconds());
		}
		if (seconds > max) {
			throw new ToolArgumentException("argument 'timeoutSeconds' is " + seconds + ", more than the maximum of "
					+ max + "; ask for at most " + max + " seconds or do less per call");
		}
		return Duration.ofSeconds(seconds);
	}

	int range(@Nullable Integer value, String name, int min, int max, int defaultValue) {
		if (value == null) {
			return defaultValue;
		}
		if (value < min || value > max) {
			throw new ToolArgumentException("argument '" + name + "' is " + value + "; it must be between " + min
					+ " and " + max + ", or left out for " + defaultValue);
		}
		return value;
	}

}
