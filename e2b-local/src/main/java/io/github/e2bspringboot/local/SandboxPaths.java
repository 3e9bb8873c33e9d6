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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves envd paths inside one sandbox's directory tree: absolute, {@code ~},
 * {@code ~/...} or relative to the user's home, with {@code ..} and symbolic links
 * interpreted as if the tree were the root directory, so no path or link leads outside
 * it.
 */
final class SandboxPaths {

	private static final int MAX_LINK_HOPS = 40;

	private final Path root;

	SandboxPaths(Path root) {
		this.root = root;
	}

	Path root() {
		return this.root;
	}

	/**
	 * Resolve a path.
	 * @param path the path as the client sent it
	 * @param user the user whose home relative paths start from
	 * @param followFinalLink whether a symbolic link in the last component is followed
	 * @return the resolved path
	 */
	Resolved resolve(String path, SandboxUser user, boolean followFinalLink) {
		Deque<String> pending = new ArrayDeque<>(split(absolute(path, user)));
		List<String> resolved = new ArrayList<>();
		int hops = 0;
		while (!pending.isEmpty()) {
			String part = pending.removeFirst();
			if (part.equals("..")) {
				if (!resolved.isEmpty()) {
					resolved.remove(resolved.size() - 1);
				}
				continue;
			}
			resolved.add(part);
			boolean last = pending.isEmpty();
			Path host = host(resolved);
			if ((!last || followFinalLink) && Files.isSymbolicLink(host)) {
				if (++hops > MAX_LINK_HOPS) {
					throw new BadRequestException("too many levels of symbolic links in '" + path + "'");
				}
				String target;
				try {
					target = Files.readSymbolicLink(host).toString();
				}
				catch (IOException ex) {
					throw new BadRequestException(500, "internal", "cannot read link '" + path + "'");
				}
				resolved.remove(resolved.size() - 1);
				if (target.startsWith("/")) {
					resolved.clear();
				}
				List<String> targetParts = split(target);
				for (int i = targetParts.size() - 1; i >= 0; i--) {
					pending.addFirst(targetParts.get(i));
				}
			}
		}
		return new Resolved("/" + String.join("/", resolved), host(resolved));
	}

	/**
	 * Return the sandbox path of a host path inside the tree.
	 */
	String sandboxPath(Path host) {
		Path relative = this.root.relativize(host);
		String text = relative.toString();
		return text.isEmpty() ? "/" : "/" + text.replace('\\', '/');
	}

	private Path host(List<String> parts) {
		Path host = this.root;
		for (String part : parts) {
			host = host.resolve(part);
		}
		return host;
	}

	static String absolute(String path, SandboxUser user) {
		if (path.isEmpty() || path.equals("~")) {
			return user.home();
		}
		if (path.startsWith("~/")) {
			return user.home() + path.substring(1);
		}
		if (path.startsWith("/")) {
			return path;
		}
		return user.home() + "/" + path;
	}

	/**
	 * Normalize {@code .} and {@code ..} of an absolute path without following links.
	 */
	static String normalize(String absolutePath) {
		List<String> parts = new ArrayList<>();
		for (String part : split(absolutePath)) {
			if (part.equals("..")) {
				if (!parts.isEmpty()) {
					parts.remove(parts.size() - 1);
				}
			}
			else {
				parts.add(part);
			}
		}
		return "/" + String.join("/", parts);
	}

	private static List<String> split(String path) {
		List<String> parts = new ArrayList<>();
		for (String part : path.split("/")) {
			if (!part.isEmpty() && !part.equals(".")) {
				if (part.indexOf('\0') >= 0) {
					throw new BadRequestException("path contains a NUL character");
				}
				parts.add(part);
			}
		}
		return parts;
	}

	/**
	 * A resolved path.
	 *
	 * @param sandboxPath the absolute path inside the sandbox, normalized
	 * @param host the path on the server's disk, always inside the sandbox's tree
	 */
	record Resolved(String sandboxPath, Path host) {

		String name() {
			int slash = this.sandboxPath.lastIndexOf('/');
			return this.sandboxPath.substring(slash + 1);
		}

	}

}
