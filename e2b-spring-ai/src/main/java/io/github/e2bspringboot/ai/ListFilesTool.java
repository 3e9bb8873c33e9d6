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
import java.util.function.Function;

import io.github.e2bspringboot.sandbox.files.EntryInfo;
import io.github.e2bspringboot.sandbox.files.FileType;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.annotation.ToolParam;

/**
 * {@code list_files}: lists a directory of the conversation's sandbox, one line per
 * entry.
 *
 * @author e2b-spring-boot contributors
 */
final class ListFilesTool extends SandboxTool<ListFilesTool.Input> {

	static final String NAME = "list_files";

	static final String DEFAULT_PATH = "/home/user";

	static final int MAX_DEPTH = 5;

	private final ArgumentChecks checks;

	ListFilesTool(SandboxToolsSettings settings) {
		super(NAME, description(settings), Input.class);
		this.checks = new ArgumentChecks(settings);
	}

	private static String description(SandboxToolsSettings settings) {
		return "List a directory of this conversation's sandbox (default " + DEFAULT_PATH + "), one line per "
				+ "entry: its type (file, dir or link), size in bytes and absolute path. depth 1 (the default) lists "
				+ "the directory itself, up to " + MAX_DEPTH + " goes that many levels down. A result longer than "
				+ settings.maxOutputChars() + " characters is cut in the middle.";
	}

	@Override
	Function<ConversationSession, String> prepare(Input input) {
		String path = (input.path() != null) ? this.checks.path(input.path(), "path") : DEFAULT_PATH;
		int depth = this.checks.range(input.depth(), "depth", 1, MAX_DEPTH, 1);
		return (session) -> format(path, session.sandbox().files().list(path, depth));
	}

	private static String format(String path, List<EntryInfo> entries) {
		if (entries.isEmpty()) {
			return path + " is empty";
		}
		StringBuilder text = new StringBuilder();
		for (EntryInfo entry : entries) {
			text.append(type(entry.type()))
				.append(' ')
				.append((entry.type() == FileType.DIRECTORY) ? "-" : Long.toString(entry.size()))
				.append(' ')
				.append(entry.path())
				.append('\n');
		}
		return text.toString().stripTrailing();
	}

	private static String type(FileType type) {
		return switch (type) {
			case FILE -> "file";
			case DIRECTORY -> "dir ";
			case SYMLINK -> "link";
		};
	}

	/**
	 * The arguments of {@code list_files}.
	 *
	 * @param path the directory
	 * @param depth how many levels to list
	 */
	record Input(
			@ToolParam(description = "The directory (optional; default /home/user)",
					required = false) @Nullable String path,
			@ToolParam(description = "How many levels to list, 1 to 5 (optional; default 1)",
					required = false) @Nullable Integer depth) {
	}

}
