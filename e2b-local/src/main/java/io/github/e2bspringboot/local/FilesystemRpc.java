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
package io.github.e2bspringboot.local;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * The {@code filesystem.Filesystem} Connect service of envd (PROTOCOL.md 6.3), on the
 * sandbox's confined {@link SandboxFiles}.
 */
final class FilesystemRpc {

	private static final Map<String, Object> KEEPALIVE = Map.of("keepalive", Map.of());

	private final ServerContext context;

	FilesystemRpc(ServerContext context) {
		this.context = context;
	}

	Object stat(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		SandboxPath path = path(request, "path", user);
		return Map.of("entry", io(path, () -> sandbox.files().stat(path, path.toString()).toJson()));
	}

	Object makeDir(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		SandboxPath path = path(request, "path", user);
		return io(path, () -> {
			if (!sandbox.files().makeDirectory(path, user)) {
				throw BadRequestException.conflict("directory '" + path + "' already exists");
			}
			return Map.of("entry", sandbox.files().stat(path, path.toString()).toJson());
		});
	}

	Object move(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		SandboxPath source = path(request, "source", user);
		SandboxPath destination = path(request, "destination", user);
		return Map.of("entry", io(source, () -> sandbox.files().move(source, destination, user).toJson()));
	}

	Object listDir(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		SandboxPath path = path(request, "path", user);
		long depth = Json.number(request, "depth", 1);
		if (depth < 0) {
			throw new BadRequestException("'depth' must be at least 0");
		}
		int levels = (int) Math.min(Math.max(depth, 1), SandboxFiles.MAX_DEPTH);
		return io(path, () -> {
			List<Object> entries = new ArrayList<>();
			sandbox.files().list(path, path.toString(), levels).forEach((entry) -> entries.add(entry.toJson()));
			return Map.of("entries", entries);
		});
	}

	Object remove(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		SandboxPath path = path(request, "path", user);
		return io(path, () -> {
			sandbox.files().remove(path, user);
			return Map.of();
		});
	}

	Flux<byte[]> watchDir(LocalSandbox sandbox, SandboxUser user, JsonNode request, Duration keepalive) {
		return EventStream.create(Connect.FRAMING, this.context.scheduler(), keepalive, KEEPALIVE, sandbox.streams(),
				(stream) -> {
					SandboxPath path = path(request, "path", user);
					boolean includeEntry = Json.bool(request, "includeEntry", false);
					DirectoryWatch watch = newWatch(sandbox, path, request);
					String id = UUID.randomUUID().toString();
					watch.onChange((change) -> {
						try {
							if (!stream
								.sendWhenWanted(Map.of("filesystem", event(sandbox, path, change, includeEntry)))) {
								watch.close();
							}
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							watch.close();
						}
					});
					sandbox.addWatcher(id, watch, this.context.limits().watchers());
					stream.send(Map.of("start", Map.of()));
					return () -> {
						sandbox.watchers().remove(id);
						watch.close();
					};
				});
	}

	Object createWatcher(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		DirectoryWatch watch = newWatch(sandbox, path(request, "path", user), request);
		String id = UUID.randomUUID().toString();
		sandbox.addWatcher(id, watch, this.context.limits().watchers());
		return Map.of("watcherId", id);
	}

	Object getWatcherEvents(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		DirectoryWatch watch = watcher(sandbox, request);
		List<Object> events = new ArrayList<>();
		watch.drain().forEach((change) -> events.add(event(sandbox, SandboxPath.ROOT, change, false)));
		return Map.of("events", events);
	}

	Object removeWatcher(LocalSandbox sandbox, JsonNode request) {
		watcher(sandbox, request).close();
		sandbox.watchers().remove(Json.text(request, "watcherId", ""));
		return Map.of();
	}

	private static DirectoryWatch watcher(LocalSandbox sandbox, JsonNode request) {
		String id = Json.text(request, "watcherId", "");
		DirectoryWatch watch = sandbox.watchers().get(id);
		if (watch == null) {
			throw BadRequestException.notFound("watcher '" + id + "' not found");
		}
		return watch;
	}

	private DirectoryWatch newWatch(LocalSandbox sandbox, SandboxPath path, JsonNode request) {
		boolean recursive = Json.bool(request, "recursive", false);
		return io(path, () -> new DirectoryWatch(sandbox.files(), path, recursive, this.context.scheduler(),
				this.context.executor()));
	}

	private static Map<String, Object> event(LocalSandbox sandbox, SandboxPath directory, DirectoryWatch.Change change,
			boolean includeEntry) {
		Map<String, Object> entry = null;
		if (includeEntry && !change.type().equals(DirectoryWatch.REMOVE)
				&& !change.type().equals(DirectoryWatch.RENAME)) {
			SandboxPath changed = directory.resolve(change.name());
			try {
				entry = sandbox.files().stat(changed, changed.toString()).toJson();
			}
			catch (IOException | RuntimeException ex) {
				// gone again since the change was seen
			}
		}
		return Json.obj("name", change.name(), "type", change.type(), "entry", entry);
	}

	private static SandboxPath path(JsonNode request, String field, SandboxUser user) {
		return SandboxPath.parse(Json.text(request, field, ""), user);
	}

	/**
	 * Run a file operation, turning what the file system said into envd's answer.
	 */
	private static <T> T io(SandboxPath path, FileOperation<T> operation) {
		try {
			return operation.run();
		}
		catch (IOException ex) {
			throw SandboxFiles.translate(ex, path);
		}
	}

	@FunctionalInterface
	private interface FileOperation<T> {

		T run() throws IOException;

	}

}
