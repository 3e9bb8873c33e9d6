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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import io.github.e2bspringboot.sandbox.Filesystem;
import io.github.e2bspringboot.sandbox.files.EntryInfo;
import io.github.e2bspringboot.sandbox.files.FileType;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.annotation.ToolParam;

/**
 * {@code read_file}: reads a text file of the conversation's sandbox, at most
 * {@link SandboxToolsSettings#maxFileBytes()} of it.
 *
 * @author e2b-spring-boot contributors
 */
final class ReadFileTool extends SandboxTool<ReadFileTool.Input> {

	static final String NAME = "read_file";

	private final ArgumentChecks checks;

	private final int maxBytes;

	ReadFileTool(SandboxToolsSettings settings) {
		super(NAME, description(settings), Input.class);
		this.checks = new ArgumentChecks(settings);
		this.maxBytes = settings.maxFileBytes();
	}

	private static String description(SandboxToolsSettings settings) {
		return "Read a text file of this conversation's sandbox and return its content. Relative paths are in "
				+ "/home/user. Reads at most " + settings.maxFileBytes() + " bytes, and a result longer than "
				+ settings.maxOutputChars() + " characters is cut in the middle, saying so; for a large file, "
				+ "use run_command with head, tail or grep instead. A binary file is only described.";
	}

	@Override
	Function<ConversationSession, String> prepare(Input input) {
		String path = this.checks.path(input.path(), "path");
		return (session) -> read(session.sandbox().files(), path);
	}

	private String read(Filesystem files, String path) {
		EntryInfo info = files.getInfo(path);
		if (info.type() == FileType.DIRECTORY) {
			throw new ToolArgumentException(info.path() + " is a directory; list_files lists it");
		}
		byte[] content = (info.size() <= this.maxBytes) ? files.readBytes(path) : head(files, path);
		String text = utf8(content);
		if (text == null || text.indexOf('\0') >= 0) {
			return info.path() + " is a binary file of " + info.size()
					+ " bytes; read_file returns text only (inspect it with run_code or run_command)";
		}
		if (info.size() > content.length) {
			return text + "\n[... the file has " + info.size() + " bytes; only the first " + content.length
					+ " were read ...]";
		}
		return text;
	}

	private byte[] head(Filesystem files, String path) {
		try (InputStream in = files.readStream(path)) {
			return in.readNBytes(this.maxBytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + path, ex);
		}
	}

	private static @Nullable String utf8(byte[] content) {
		// a read cut in the middle may end inside a character: ignore up to 3 bytes of it
		for (int drop = 0; drop <= Math.min(3, content.length); drop++) {
			try {
				return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(content, 0, content.length - drop))
					.toString();
			}
			catch (CharacterCodingException ex) {
				// try without the last byte
			}
		}
		return null;
	}

	/**
	 * The arguments of {@code read_file}.
	 *
	 * @param path the file's path
	 */
	record Input(@ToolParam(description = "The file's path, for example /home/user/result.txt") @Nullable String path) {
	}

}
