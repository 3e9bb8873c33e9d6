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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * One sandbox: what the control plane knows of it, its directory tree, its processes and
 * its directory watchers.
 */
final class LocalSandbox {

	enum State {

		RUNNING, PAUSED, GONE

	}

	private final String id;

	private final String template;

	private final Map<String, String> metadata;

	private final Map<String, String> envs;

	private final @Nullable String accessToken;

	private final boolean allowInternetAccess;

	private final boolean autoPause;

	private final Instant startedAt;

	private final Path directory;

	private final SandboxPaths paths;

	private final AtomicInteger nextPid = new AtomicInteger(100);

	private final Map<Integer, SandboxProcess> processes = new ConcurrentHashMap<>();

	private final Map<String, DirectoryWatch> watchers = new ConcurrentHashMap<>();

	private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();

	private volatile State state = State.RUNNING;

	private volatile Instant endAt;

	LocalSandbox(String id, String template, Map<String, String> metadata, Map<String, String> envs,
			@Nullable String accessToken, boolean allowInternetAccess, boolean autoPause, Duration timeout,
			Path directory) throws IOException {
		this.id = id;
		this.template = template;
		this.metadata = Map.copyOf(metadata);
		this.envs = Map.copyOf(envs);
		this.accessToken = accessToken;
		this.allowInternetAccess = allowInternetAccess;
		this.autoPause = autoPause;
		this.startedAt = Instant.now();
		this.endAt = this.startedAt.plus(timeout);
		this.directory = directory;
		Path root = Files.createDirectories(directory.resolve("fs"));
		Files.createDirectories(root.resolve("home/user"));
		Files.createDirectories(root.resolve("root"));
		Files.createDirectories(root.resolve("tmp"));
		Files.writeString(Files.createDirectories(directory.resolve("etc")).resolve("passwd"),
				"root:x:0:0:root:/root:/bin/bash\nuser:x:1000:1000:user:/home/user:/bin/bash\n");
		Files.writeString(directory.resolve("etc/group"), "root:x:0:\nuser:x:1000:\n");
		this.paths = new SandboxPaths(root.toRealPath());
	}

	String id() {
		return this.id;
	}

	String template() {
		return this.template;
	}

	Map<String, String> metadata() {
		return this.metadata;
	}

	Map<String, String> envs() {
		return this.envs;
	}

	@Nullable String accessToken() {
		return this.accessToken;
	}

	boolean allowInternetAccess() {
		return this.allowInternetAccess;
	}

	boolean autoPause() {
		return this.autoPause;
	}

	Instant startedAt() {
		return this.startedAt;
	}

	SandboxRegistry.ListKey listKey() {
		return new SandboxRegistry.ListKey(this.startedAt, this.id);
	}

	Instant endAt() {
		return this.endAt;
	}

	void setEndAt(Instant endAt) {
		this.endAt = endAt;
	}

	State state() {
		return this.state;
	}

	boolean isRunning() {
		return this.state == State.RUNNING;
	}

	Path directory() {
		return this.directory;
	}

	SandboxPaths paths() {
		return this.paths;
	}

	int nextPid() {
		return this.nextPid.getAndIncrement();
	}

	Map<Integer, SandboxProcess> processes() {
		return this.processes;
	}

	Map<String, DirectoryWatch> watchers() {
		return this.watchers;
	}

	/**
	 * Return the open streams (process output, directory watches), which are cut when the
	 * sandbox goes away.
	 */
	Set<EventStream> streams() {
		return this.streams;
	}

	/**
	 * Pause: freeze every process, as E2B's snapshot does, and cut the open streams;
	 * processes, watchers and files stay for {@link #resume(Instant)}.
	 */
	synchronized void pause() {
		this.state = State.PAUSED;
		cutStreams();
		this.processes.values().forEach(SandboxProcess::freeze);
	}

	synchronized void resume(Instant endAt) {
		this.processes.values().forEach(SandboxProcess::thaw);
		this.state = State.RUNNING;
		this.endAt = endAt;
	}

	/**
	 * Kill: cut the open streams (as the VM vanishes on E2B), stop everything and delete
	 * the files.
	 */
	synchronized void kill() {
		this.state = State.GONE;
		cutStreams();
		this.processes.values().forEach(SandboxProcess::kill);
		this.processes.clear();
		this.watchers.values().forEach(DirectoryWatch::close);
		this.watchers.clear();
		deleteTree(this.directory);
	}

	private void cutStreams() {
		this.streams.forEach(EventStream::cut);
		this.streams.clear();
	}

	long diskUsed() {
		try (Stream<Path> files = Files.walk(this.paths.root())) {
			return files.filter(Files::isRegularFile).mapToLong((file) -> {
				try {
					return Files.size(file);
				}
				catch (IOException ex) {
					return 0;
				}
			}).sum();
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			return 0;
		}
	}

	static void deleteTree(Path directory) {
		if (!Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// best effort: a process may still be writing
				}
			});
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			// best effort
		}
	}

}
