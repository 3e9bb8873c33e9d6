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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The sandboxes of the server, in memory, and their expiry.
 */
final class SandboxRegistry {

	private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * Newest first, then by ID: the default order of {@code GET /v2/sandboxes}; its exact
	 * reverse is {@code order=asc}.
	 */
	static final Comparator<ListKey> NEWEST_FIRST = Comparator.comparing(ListKey::startedAt)
		.reversed()
		.thenComparing(ListKey::id);

	/**
	 * Where a sandbox stands in a listing.
	 *
	 * @param startedAt when it was created
	 * @param id its ID
	 */
	record ListKey(Instant startedAt, String id) {
	}

	private final Map<String, LocalSandbox> sandboxes = new ConcurrentHashMap<>();

	private final VmFactory vms;

	SandboxRegistry(VmFactory vms) {
		this.vms = vms;
	}

	VmFactory vms() {
		return this.vms;
	}

	LocalSandbox create(Template template, Map<String, String> metadata, Map<String, String> envs, boolean secure,
			boolean allowInternetAccess, boolean autoPause, Duration timeout) throws IOException {
		String id = randomId();
		SandboxVm vm = this.vms.create(id, template, allowInternetAccess);
		LocalSandbox sandbox = new LocalSandbox(id, template.name(), metadata, envs, secure ? randomToken() : null,
				allowInternetAccess, autoPause, timeout, vm);
		this.sandboxes.put(id, sandbox);
		return sandbox;
	}

	/**
	 * Return a sandbox that was not killed or expired.
	 */
	@Nullable LocalSandbox find(String id) {
		LocalSandbox sandbox = this.sandboxes.get(id);
		return (sandbox != null && sandbox.state() != LocalSandbox.State.GONE) ? sandbox : null;
	}

	List<LocalSandbox> all() {
		return this.sandboxes.values().stream().filter((s) -> s.state() != LocalSandbox.State.GONE).toList();
	}

	boolean kill(String id) {
		LocalSandbox sandbox = this.sandboxes.remove(id);
		if (sandbox == null) {
			return false;
		}
		sandbox.kill();
		return true;
	}

	/**
	 * Kill, or pause when auto-pause was asked for, every running sandbox whose time ran
	 * out.
	 */
	void expire(Instant now) {
		for (LocalSandbox sandbox : this.sandboxes.values()) {
			if (sandbox.isRunning() && !sandbox.endAt().isAfter(now)) {
				if (sandbox.autoPause()) {
					sandbox.pause();
				}
				else {
					kill(sandbox.id());
				}
			}
		}
	}

	void killAll() {
		this.sandboxes.keySet().forEach(this::kill);
		this.vms.closeAll();
	}

	int size() {
		return this.sandboxes.size();
	}

	private static String randomId() {
		char[] id = new char[20];
		for (int i = 0; i < id.length; i++) {
			id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
		}
		return new String(id);
	}

	private static String randomToken() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return java.util.HexFormat.of().formatHex(bytes);
	}

}
