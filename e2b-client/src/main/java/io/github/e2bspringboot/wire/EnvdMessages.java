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
package io.github.e2bspringboot.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.sandbox.commands.ProcessInfo;
import io.github.e2bspringboot.sandbox.files.EntryInfo;
import io.github.e2bspringboot.sandbox.files.FileType;
import io.github.e2bspringboot.sandbox.files.FilesystemEvent;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * Reads envd's Connect JSON messages (PROTOCOL.md 6) into the client's values, so that no
 * code above the wire handles JSON. Unknown enum values a newer envd may send are
 * skipped, not fatal.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class EnvdMessages {

	private EnvdMessages() {
	}

	/**
	 * The entries of a {@code ListDir} answer, without those of an unknown type.
	 * @param response the answer
	 * @return the entries
	 */
	public static List<EntryInfo> entries(JsonNode response) {
		List<EntryInfo> entries = new ArrayList<>();
		for (JsonNode entry : response.path("entries").values()) {
			EntryInfo info = entryInfo(entry);
			if (info != null) {
				entries.add(info);
			}
		}
		return entries;
	}

	/**
	 * The entry of a {@code Stat}, {@code MakeDir} or {@code Move} answer.
	 * @param response the answer
	 * @return the entry
	 * @throws E2bException when the answer describes none
	 */
	public static EntryInfo entry(JsonNode response) {
		JsonNode entry = response.get("entry");
		EntryInfo info = (entry != null) ? entryInfo(entry) : null;
		if (info == null) {
			throw new E2bException("The sandbox described no entry");
		}
		return info;
	}

	/**
	 * The messages of a {@code WatchDir} stream: its start, then its changes; keepalives
	 * and changes of unknown types are dropped.
	 * @param messages the stream
	 * @return the messages
	 */
	public static Flux<WatchMessage> watchMessages(Flux<JsonNode> messages) {
		return messages.mapNotNull((message) -> {
			if (message.has("start")) {
				return WatchMessage.STARTED;
			}
			JsonNode change = message.get("filesystem");
			FilesystemEvent event = (change != null) ? filesystemEvent(change) : null;
			return (event != null) ? new WatchMessage(event) : null;
		});
	}

	/**
	 * The processes of a {@code List} answer.
	 * @param response the answer
	 * @return the processes
	 */
	public static List<ProcessInfo> processes(JsonNode response) {
		List<ProcessInfo> processes = new ArrayList<>();
		for (JsonNode process : response.path("processes").values()) {
			JsonNode config = process.path("config");
			List<String> args = new ArrayList<>();
			config.path("args").values().forEach((arg) -> args.add(arg.asString()));
			Map<String, String> envs = new LinkedHashMap<>();
			config.path("envs").properties().forEach((env) -> envs.put(env.getKey(), env.getValue().asString()));
			processes.add(new ProcessInfo(process.path("pid").asInt(), string(process, "tag"),
					config.path("cmd").asString(""), args, envs, string(config, "cwd")));
		}
		return processes;
	}

	/**
	 * The frames of a {@code Start} or {@code Connect} stream, keepalives dropped.
	 * @param messages the stream
	 * @return the frames
	 */
	public static Flux<ProcessFrame> processFrames(Flux<JsonNode> messages) {
		return messages.mapNotNull((message) -> {
			JsonNode event = message.get("event");
			if (event == null || event.has("keepalive")) {
				return null;
			}
			if (event.has("start")) {
				return new ProcessFrame.Started(event.get("start").path("pid").asInt());
			}
			JsonNode data = event.get("data");
			if (data != null) {
				return new ProcessFrame.Output(base64(data, "stdout"), base64(data, "stderr"));
			}
			JsonNode end = event.get("end");
			if (end != null) {
				JsonNode error = end.get("error");
				return new ProcessFrame.Ended(end.path("exitCode").asInt(0),
						(error != null && !error.isNull()) ? error.asString() : null);
			}
			return null;
		});
	}

	private static @Nullable EntryInfo entryInfo(JsonNode entry) {
		FileType type = fileType(text(entry, "type"));
		if (type == null) {
			return null;
		}
		String modified = text(entry, "modifiedTime");
		Map<String, String> metadata = new LinkedHashMap<>();
		JsonNode metadataNode = entry.get("metadata");
		if (metadataNode != null && metadataNode.isObject()) {
			metadataNode.properties().forEach((field) -> metadata.put(field.getKey(), field.getValue().asString()));
		}
		return new EntryInfo(orEmpty(text(entry, "name")), type, orEmpty(text(entry, "path")), number(entry, "size"),
				(int) number(entry, "mode"), orEmpty(text(entry, "permissions")), orEmpty(text(entry, "owner")),
				orEmpty(text(entry, "group")), (modified != null) ? Instant.parse(modified) : null,
				text(entry, "symlinkTarget"), metadata);
	}

	private static @Nullable FilesystemEvent filesystemEvent(JsonNode event) {
		FilesystemEvent.Type type = eventType(orEmpty(text(event, "type")));
		if (type == null) {
			return null;
		}
		JsonNode entry = event.get("entry");
		return new FilesystemEvent(orEmpty(text(event, "name")), type,
				(entry != null && entry.isObject()) ? entryInfo(entry) : null);
	}

	static @Nullable FileType fileType(@Nullable String value) {
		if (value == null) {
			return null;
		}
		return switch (value) {
			case "FILE_TYPE_FILE", "1", "file" -> FileType.FILE;
			case "FILE_TYPE_DIRECTORY", "2", "dir" -> FileType.DIRECTORY;
			case "FILE_TYPE_SYMLINK", "3", "symlink" -> FileType.SYMLINK;
			default -> null;
		};
	}

	static FilesystemEvent.@Nullable Type eventType(String value) {
		String name = value.startsWith("EVENT_TYPE_") ? value.substring("EVENT_TYPE_".length()) : value;
		for (FilesystemEvent.Type type : FilesystemEvent.Type.values()) {
			if (type.name().equals(name)) {
				return type;
			}
		}
		return null;
	}

	private static byte[] base64(JsonNode data, String field) {
		JsonNode value = data.get(field);
		return (value != null && value.isString()) ? Base64.getDecoder().decode(value.stringValue()) : new byte[0];
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

	private static @Nullable String string(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static long number(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return 0;
		}
		return value.isNumber() ? value.asLong() : Long.parseLong(value.asString());
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	/**
	 * A message of a watch: its start, or a change.
	 *
	 * @param event the change, or {@code null} for the start
	 */
	public record WatchMessage(@Nullable FilesystemEvent event) {

		static final WatchMessage STARTED = new WatchMessage(null);

		/**
		 * Tell whether this is the start, after which every change is reported.
		 * @return {@code true} for the start
		 */
		public boolean isStart() {
			return this.event == null;
		}

	}

}
