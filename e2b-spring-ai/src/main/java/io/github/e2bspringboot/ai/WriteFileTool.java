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

import java.util.function.Function;

import io.github.e2bspringboot.sandbox.files.WriteInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.annotation.ToolParam;

/**
 * {@code write_file}: writes text to a file in the conversation's sandbox.
 *
 * @author e2b-spring-boot contributors
 */
final class WriteFileTool extends SandboxTool<WriteFileTool.Input> {

	static final String NAME = "write_file";

	private final ArgumentChecks checks;

	WriteFileTool(SandboxToolsSettings settings) {
		super(NAME, description(settings), Input.class);
		this.checks = new ArgumentChecks(settings);
	}

	private static String description(SandboxToolsSettings settings) {
		return "Write text to a file in this conversation's sandbox, replacing it if it exists and creating "
				+ "missing parent directories. Relative paths are in /home/user. At most " + settings.maxFileBytes()
				+ " bytes (UTF-8). Returns the number of bytes written and the path.";
	}

	@Override
	Function<ConversationSession, String> prepare(Input input) {
		String path = this.checks.path(input.path(), "path");
		byte[] content = this.checks.fileContent(input.content(), "content");
		return (session) -> {
			WriteInfo written = session.sandbox().files().write(path, content);
			return "Wrote " + content.length + " bytes to " + written.path();
		};
	}

	/**
	 * The arguments of {@code write_file}.
	 *
	 * @param path the file's path
	 * @param content the text to write
	 */
	record Input(@ToolParam(description = "The file's path, for example /home/user/data.csv") @Nullable String path,
			@ToolParam(description = "The text to write, the whole file") @Nullable String content) {
	}

}
