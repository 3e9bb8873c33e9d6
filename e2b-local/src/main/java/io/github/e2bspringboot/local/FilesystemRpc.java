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
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * The {@code filesystem.Filesystem} Connect service of envd (PROTOCOL.md 6.3).
 */
final class FilesystemRpc {

	private static final Map<String, Object> KEEPALIVE = Map.of("keepalive", Map.of());

	private final ServerContext context;

	FilesystemRpc(ServerContext context) {
		this.context = context;
	}

	Object stat(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		SandboxPaths.Resolved resolved = resolve(sandbox, user, request, "path", false);
		return Map.of("entry", existing(sandbox, resolved, user));
	}

	Object makeDir(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		SandboxPaths.Resolved resolved = resolve(sandbox, user, request, "path", true);
		if (Files.isDirectory(resolved.host())) {
			throw BadRequestException.conflict("directory '" + resolved.sandboxPath() + "' already exists");
		}
		if (Files.exists(resolved.host(), LinkOption.NOFOLLOW_LINKS)) {
			throw new BadRequestException(
					"path '" + resolved.sandboxPath() + "' already exists and is not a directory");
		}
		try {
			Files.createDirectories(resolved.host());
		}
		catch (IOException ex) {
			throw new BadRequestException(
					"cannot create directory '" + resolved.sandboxPath() + "': " + ex.getMessage());
		}
		return Map.of("entry", existing(sandbox, resolved, user));
	}

	Object move(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		SandboxPaths.Resolved source = resolve(sandbox, user, request, "source", false);
		SandboxPaths.Resolved destination = resolve(sandbox, user, request, "destination", false);
		if (!Files.exists(source.host(), LinkOption.NOFOLLOW_LINKS)) {
			throw BadRequestException.notFound("path '" + source.sandboxPath() + "' does not exist");
		}
		try {
			Files.createDirectories(destination.host().getParent());
			Files.move(source.host(), destination.host(), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new BadRequestException("cannot move '" + source.sandboxPath() + "' to '" + destination.sandboxPath()
					+ "': " + ex.getMessage());
		}
		return Map.of("entry", existing(sandbox, destination, user));
	}

	Object listDir(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		String requested = Json.text(request, "path", "");
		SandboxPaths.Resolved resolved = resolve(sandbox, user, request, "path", true);
		if (!Files.exists(resolved.host())) {
			throw BadRequestException.notFound("path '" + resolved.sandboxPath() + "' does not exist");
		}
		if (!Files.isDirectory(resolved.host())) {
			throw new BadRequestException("path '" + resolved.sandboxPath() + "' is not a directory");
		}
		long depth = Math.max(1, Json.number(request, "depth", 1));
		// entry paths start from the directory as requested, not as links resolved it
		String base = SandboxPaths.normalize(SandboxPaths.absolute(requested, user));
		List<Object> entries = new ArrayList<>();
		walk(sandbox, user, resolved.host(), base, depth, entries);
		return Map.of("entries", entries);
	}

	private void walk(LocalSandbox sandbox, SandboxUser user, Path directory, String sandboxDirectory, long depth,
			List<Object> entries) {
		List<Path> children;
		try (Stream<Path> list = Files.list(directory)) {
			children = list.sorted().toList();
		}
		catch (IOException ex) {
			return;
		}
		for (Path child : children) {
			String childPath = (sandboxDirectory.equals("/") ? "" : sandboxDirectory) + "/" + child.getFileName();
			SandboxPaths.Resolved resolved = new SandboxPaths.Resolved(sandbox.paths().sandboxPath(child), child);
			Map<String, Object> entry = FileEntries.describe(sandbox.paths(), resolved, childPath, user);
			if (entry == null) {
				continue;
			}
			entries.add(entry);
			if (depth > 1 && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
				walk(sandbox, user, child, childPath, depth - 1, entries);
			}
		}
	}

	Object remove(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		SandboxPaths.Resolved resolved = resolve(sandbox, user, request, "path", false);
		if (resolved.host().equals(sandbox.paths().root())) {
			throw new BadRequestException("cannot remove '/'");
		}
		if (Files.isDirectory(resolved.host(), LinkOption.NOFOLLOW_LINKS)) {
			LocalSandbox.deleteTree(resolved.host());
		}
		else {
			try {
				Files.deleteIfExists(resolved.host());
			}
			catch (IOException ex) {
				throw new BadRequestException("cannot remove '" + resolved.sandboxPath() + "': " + ex.getMessage());
			}
		}
		return Map.of();
	}

	Flux<byte[]> watchDir(LocalSandbox sandbox, SandboxUser user, JsonNode request, Duration keepalive) {
		return EventStream.create(this.context.scheduler(), keepalive, KEEPALIVE, sandbox.streams(), (stream) -> {
			DirectoryWatch watch = newWatch(sandbox, user, request);
			boolean includeEntry = Json.bool(request, "includeEntry", false);
			watch.onChange((change) -> stream.send(Map.of("filesystem", event(sandbox, user, change, includeEntry))));
			String id = UUID.randomUUID().toString();
			sandbox.watchers().put(id, watch);
			stream.send(Map.of("start", Map.of()));
			return () -> {
				sandbox.watchers().remove(id);
				watch.close();
			};
		});
	}

	Object createWatcher(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		DirectoryWatch watch = newWatch(sandbox, user, request);
		String id = UUID.randomUUID().toString();
		sandbox.watchers().put(id, watch);
		return Map.of("watcherId", id);
	}

	Object getWatcherEvents(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		DirectoryWatch watch = watcher(sandbox, request);
		List<Object> events = new ArrayList<>();
		watch.drain().forEach((change) -> events.add(event(sandbox, user, change, false)));
		return Map.of("events", events);
	}

	Object removeWatcher(LocalSandbox sandbox, JsonNode request) {
		watcher(sandbox, request).close();
		sandbox.watchers().remove(Json.text(request, "watcherId", ""));
		return Map.of();
	}

	private DirectoryWatch watcher(LocalSandbox sandbox, JsonNode request) {
		String id = Json.text(request, "watcherId", "");
		DirectoryWatch watch = sandbox.watchers().get(id);
		if (watch == null) {
			throw BadRequestException.notFound("watcher '" + id + "' not found");
		}
		return watch;
	}

	private DirectoryWatch newWatch(LocalSandbox sandbox, SandboxUser user, JsonNode request) {
		SandboxPaths.Resolved resolved = resolve(sandbox, user, request, "path", true);
		if (!Files.exists(resolved.host())) {
			throw BadRequestException.notFound("path '" + resolved.sandboxPath() + "' does not exist");
		}
		if (!Files.isDirectory(resolved.host())) {
			throw new BadRequestException("path '" + resolved.sandboxPath() + "' is not a directory");
		}
		try {
			return new DirectoryWatch(resolved.host(), Json.bool(request, "recursive", false), this.context.executor());
		}
		catch (IOException ex) {
			throw new BadRequestException(500, "internal", "cannot watch '" + resolved.sandboxPath() + "'");
		}
	}

	private static Map<String, Object> event(LocalSandbox sandbox, SandboxUser user, DirectoryWatch.Change change,
			boolean includeEntry) {
		Map<String, Object> entry = null;
		if (includeEntry && !change.type().equals("EVENT_TYPE_REMOVE")) {
			SandboxPaths.Resolved resolved = new SandboxPaths.Resolved(sandbox.paths().sandboxPath(change.host()),
					change.host());
			entry = FileEntries.describe(sandbox.paths(), resolved, resolved.sandboxPath(), user);
		}
		return Json.obj("name", change.name(), "type", change.type(), "entry", entry);
	}

	private static Map<String, Object> existing(LocalSandbox sandbox, SandboxPaths.Resolved resolved,
			SandboxUser user) {
		Map<String, Object> entry = FileEntries.describe(sandbox.paths(), resolved, resolved.sandboxPath(), user);
		if (entry == null) {
			throw BadRequestException.notFound("path '" + resolved.sandboxPath() + "' does not exist");
		}
		return entry;
	}

	private static SandboxPaths.Resolved resolve(LocalSandbox sandbox, SandboxUser user, JsonNode request, String field,
			boolean followFinalLink) {
		return sandbox.paths().resolve(Json.text(request, field, ""), user, followFinalLink);
	}

}
