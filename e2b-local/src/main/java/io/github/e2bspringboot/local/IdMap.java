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

import org.jspecify.annotations.Nullable;

/**
 * How the users of a sandbox map to users of the host. A server that runs as root gives
 * each sandbox a range of 65536 host uids of its own, which own nothing on the host
 * ({@code base}, then sandbox uid 0 is host uid {@code base}); a server that does not run
 * as root has one uid only, its own, which every user of every sandbox shares.
 *
 * @param base the first host uid of the sandbox's range, or -1 when every user is the
 * server's own
 * @param serverUser the name of the server's own user
 */
record IdMap(long base, String serverUser) {

	/** How many uids one sandbox's range holds. */
	static final int RANGE = 65536;

	/**
	 * Where the sandbox's range starts in the user namespace of its disk, whose uid 0 is
	 * the server's root.
	 */
	static final int DISK_BASE = 1;

	static IdMap shared(String serverUser) {
		return new IdMap(-1, serverUser);
	}

	static IdMap range(long base) {
		return new IdMap(base, "");
	}

	boolean isShared() {
		return this.base < 0;
	}

	/**
	 * Return the host uid (or gid) of a sandbox user.
	 * @param sandboxId the uid inside the sandbox
	 * @return the host uid, or {@code null} when all users are the server's own
	 */
	@Nullable Long hostId(int sandboxId) {
		return isShared() ? null : this.base + sandboxId;
	}

	/**
	 * Return the name a sandbox shows for the owner of a file, from the host's name for
	 * it (a number for uids that no host account has).
	 * @param hostName the host's name of the owner
	 * @return the name inside the sandbox
	 */
	String sandboxName(String hostName) {
		if (hostName.equals("root")) {
			return "root";
		}
		if (isShared()) {
			return hostName.equals(this.serverUser) ? SandboxUser.USER.name() : hostName;
		}
		try {
			long uid = Long.parseLong(hostName) - this.base;
			if (uid == SandboxUser.ROOT.uid()) {
				return SandboxUser.ROOT.name();
			}
			if (uid == SandboxUser.USER.uid()) {
				return SandboxUser.USER.name();
			}
			return (uid >= 0 && uid < RANGE) ? Long.toString(uid) : "nobody";
		}
		catch (NumberFormatException ex) {
			return "nobody";
		}
	}

	/**
	 * Return the uid a sandbox shows for a host owner name, for permission checks.
	 * @param hostName the host's name of the owner
	 * @return the uid inside the sandbox, or -1 for an owner the sandbox does not have
	 */
	int sandboxUid(String hostName) {
		String name = sandboxName(hostName);
		if (name.equals(SandboxUser.ROOT.name())) {
			return isShared() ? -1 : SandboxUser.ROOT.uid();
		}
		if (name.equals(SandboxUser.USER.name())) {
			return SandboxUser.USER.uid();
		}
		try {
			return Integer.parseInt(name);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
