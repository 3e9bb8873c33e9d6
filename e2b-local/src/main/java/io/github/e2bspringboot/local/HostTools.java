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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The programs of the host that isolation needs, found on the PATH, and who the server
 * runs as: bubblewrap builds each sandbox, util-linux's nsenter and setpriv start
 * processes in it, slirp4netns gives it a network of its own.
 *
 * @param bwrap bubblewrap
 * @param nsenter nsenter
 * @param setpriv setpriv
 * @param bash bash, for the wrappers
 * @param unshare unshare, for the mount namespace that holds a sandbox's disk
 * @param mount mount, for that disk
 * @param slirp4netns slirp4netns, or {@code null} when it is not installed
 * @param uid the server's uid
 * @param systemAdministrator whether the server holds {@code CAP_SYS_ADMIN} (not so in a
 * container by default)
 * @param userName the server's user name
 */
record HostTools(String bwrap, String nsenter, String setpriv, String bash, String unshare, String mount,
		@Nullable String slirp4netns, int uid, boolean systemAdministrator, String userName) {

	/**
	 * Whether the server runs as root, and so can give each sandbox host uids of its own.
	 */
	boolean privileged() {
		return this.uid == 0;
	}

	/**
	 * Find the tools.
	 * @return the tools
	 * @throws IllegalStateException naming what is missing and how to install it
	 */
	static HostTools find() {
		if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
			throw new IllegalStateException("isolation needs Linux");
		}
		List<String> missing = new ArrayList<>();
		String bwrap = which("bwrap", missing, "bubblewrap");
		String nsenter = which("nsenter", missing, "util-linux");
		String setpriv = which("setpriv", missing, "util-linux");
		String bash = which("bash", missing, "bash");
		String unshare = which("unshare", missing, "util-linux");
		String mount = which("mount", missing, "mount");
		if (!missing.isEmpty()) {
			throw new IllegalStateException("missing " + String.join(", ", missing));
		}
		return new HostTools(bwrap, nsenter, setpriv, bash, unshare, mount, which("slirp4netns", new ArrayList<>(), ""),
				serverUid(), hasSystemAdministration(), System.getProperty("user.name", ""));
	}

	private static String which(String program, List<String> missing, String debianPackage) {
		String path = System.getenv("PATH");
		for (String directory : ((path != null) ? path : "/usr/bin:/bin").split(":")) {
			Path candidate = Path.of(directory, program);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		missing.add(program + " (Debian package " + debianPackage + ")");
		return program;
	}

	/**
	 * Whether {@code CAP_SYS_ADMIN} (bit 21) is among the server's effective
	 * capabilities.
	 */
	private static boolean hasSystemAdministration() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("CapEff:")) {
					return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 21)) != 0;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// assume not
		}
		return false;
	}

	private static int serverUid() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("Uid:")) {
					return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// fall through
		}
		throw new IllegalStateException("cannot tell who the server runs as");
	}

}
