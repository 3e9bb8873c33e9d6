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

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * One sandbox: what the control plane knows of it, where it runs ({@link SandboxVm}), its
 * processes, its directory watchers and its open streams.
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

	private final SandboxVm vm;

	private final AtomicInteger nextPid = new AtomicInteger(100);

	private final Map<Integer, SandboxProcess> processes = new ConcurrentHashMap<>();

	private final Map<String, DirectoryWatch> watchers = new ConcurrentHashMap<>();

	private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();

	private volatile @Nullable CodeInterpreter codeInterpreter;

	private volatile State state = State.RUNNING;

	private volatile Instant endAt;

	LocalSandbox(String id, String template, Map<String, String> metadata, Map<String, String> envs,
			@Nullable String accessToken, boolean allowInternetAccess, boolean autoPause, Duration timeout,
			SandboxVm vm) {
		this.id = id;
		this.template = template;
		this.metadata = Map.copyOf(metadata);
		this.envs = Map.copyOf(envs);
		this.accessToken = accessToken;
		this.allowInternetAccess = allowInternetAccess;
		this.autoPause = autoPause;
		this.startedAt = Instant.now();
		this.endAt = this.startedAt.plus(timeout);
		this.vm = vm;
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

	SandboxVm vm() {
		return this.vm;
	}

	SandboxFiles files() {
		return this.vm.files();
	}

	int nextPid() {
		return this.nextPid.getAndIncrement();
	}

	/**
	 * Give this sandbox a code interpreter, as its template serves one.
	 * @param executor runs the interpreter's background work
	 * @param maxContexts the most contexts it may have at once
	 * @return the interpreter
	 */
	synchronized CodeInterpreter enableCodeInterpreter(java.util.concurrent.Executor executor, int maxContexts) {
		CodeInterpreter interpreter = new CodeInterpreter(this, executor, maxContexts);
		this.codeInterpreter = interpreter;
		return interpreter;
	}

	/**
	 * Return the code interpreter, when the sandbox's template serves one.
	 */
	@Nullable CodeInterpreter codeInterpreter() {
		return this.codeInterpreter;
	}

	Map<Integer, SandboxProcess> processes() {
		return this.processes;
	}

	Map<String, DirectoryWatch> watchers() {
		return this.watchers;
	}

	/**
	 * Keep a directory watch, unless the sandbox already has as many as it may.
	 * @throws BadRequestException when it has, after closing the watch
	 */
	synchronized void addWatcher(String id, DirectoryWatch watch, int limit) {
		if (this.watchers.size() >= limit) {
			watch.close();
			throw new BadRequestException(429, "resource_exhausted",
					"the sandbox has " + limit + " directory watches open, as many as it may: stop one first");
		}
		this.watchers.put(id, watch);
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
		this.vm.freeze();
	}

	synchronized void resume(Instant endAt) {
		this.vm.thaw();
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
		CodeInterpreter interpreter = this.codeInterpreter;
		if (interpreter != null) {
			interpreter.close();
		}
		this.vm.close();
	}

	private void cutStreams() {
		this.streams.forEach(EventStream::cut);
		this.streams.clear();
	}

	long diskUsed() {
		return this.vm.diskUsed();
	}

}
