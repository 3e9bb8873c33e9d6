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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A path inside a sandbox as envd takes it: absolute, {@code ~}, {@code ~/...} or
 * relative to the user's home, cleaned lexically ({@code .} and {@code ..} removed, as
 * Go's {@code filepath.Clean} does) and checked against the kernel's limits, so that a
 * bad path is a 400 before anything touches the disk. Resolving it, links included, is
 * {@link SandboxFiles}' job.
 *
 * @param names the names from the root, none of them empty, {@code .} or {@code ..}
 */
record SandboxPath(List<String> names) {

	/** The longest path the kernel takes, in bytes (PATH_MAX). */
	static final int MAX_PATH_BYTES = 4096;

	/** The longest name the kernel takes, in bytes (NAME_MAX). */
	static final int MAX_NAME_BYTES = 255;

	static final SandboxPath ROOT = new SandboxPath(List.of());

	SandboxPath {
		names = List.copyOf(names);
	}

	/**
	 * Read a path as a client sent it.
	 * @param raw the path
	 * @param user the user whose home relative paths start from
	 * @return the path
	 * @throws BadRequestException for a path that is too long, has a name that is too
	 * long, a NUL character or text that is not Unicode
	 */
	static SandboxPath parse(String raw, SandboxUser user) {
		String absolute;
		if (raw.isEmpty() || raw.equals("~")) {
			absolute = user.home();
		}
		else if (raw.startsWith("~/")) {
			absolute = user.home() + raw.substring(1);
		}
		else if (raw.startsWith("/")) {
			absolute = raw;
		}
		else {
			absolute = user.home() + "/" + raw;
		}
		check(absolute);
		return ROOT.resolve(absolute);
	}

	/**
	 * Resolve a path against this one, as a symbolic link's target is resolved against
	 * the directory that holds the link: an absolute target starts again from the root.
	 * @param relative the path, absolute or relative
	 * @return the resolved path, cleaned
	 */
	SandboxPath resolve(String relative) {
		List<String> result = relative.startsWith("/") ? new ArrayList<>() : new ArrayList<>(this.names);
		for (String name : relative.split("/")) {
			if (name.isEmpty() || name.equals(".")) {
				continue;
			}
			if (name.equals("..")) {
				if (!result.isEmpty()) {
					result.remove(result.size() - 1);
				}
				continue;
			}
			result.add(name);
		}
		return new SandboxPath(result);
	}

	/**
	 * Return this path with more names after it.
	 * @param rest the names
	 * @return the longer path
	 */
	SandboxPath append(List<String> rest) {
		List<String> all = new ArrayList<>(this.names);
		all.addAll(rest);
		return new SandboxPath(all);
	}

	boolean isRoot() {
		return this.names.isEmpty();
	}

	/**
	 * Return the directory that holds this path.
	 * @return the parent; the root is its own parent
	 */
	SandboxPath parent() {
		return isRoot() ? this : new SandboxPath(this.names.subList(0, this.names.size() - 1));
	}

	/**
	 * Return the last name.
	 * @return the name, or empty for the root
	 */
	String name() {
		return isRoot() ? "" : this.names.get(this.names.size() - 1);
	}

	/**
	 * Return whether this path is the given directory or lies below it.
	 * @param directory an absolute directory such as {@code /proc}
	 * @return whether it is within
	 */
	boolean isWithin(String directory) {
		List<String> prefix = ROOT.resolve(directory).names;
		return this.names.size() >= prefix.size() && this.names.subList(0, prefix.size()).equals(prefix);
	}

	@Override
	public String toString() {
		return "/" + String.join("/", this.names);
	}

	/**
	 * Check a path against the kernel's limits and the encodings it must survive.
	 */
	private static void check(String path) {
		if (path.indexOf('\0') >= 0) {
			throw new BadRequestException("path contains a NUL character");
		}
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new BadRequestException("path is not valid Unicode (a lone surrogate at character " + i + ")");
			}
		}
		if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
			throw new BadRequestException("path is longer than " + MAX_PATH_BYTES + " bytes");
		}
		for (String name : path.split("/")) {
			if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
				throw new BadRequestException("a name in the path is longer than " + MAX_NAME_BYTES + " bytes");
			}
		}
	}

}
