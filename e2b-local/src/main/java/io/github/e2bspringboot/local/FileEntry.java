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

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

import org.jspecify.annotations.Nullable;

/**
 * A file, directory or link of a sandbox as envd describes it ({@code EntryInfo}).
 *
 * @param name its name
 * @param path its path, as the client named it (through links, not their targets)
 * @param type {@code FILE_TYPE_FILE}, {@code FILE_TYPE_DIRECTORY}, or
 * {@code FILE_TYPE_SYMLINK} for a link whose target does not exist
 * @param size its size in bytes
 * @param permissions its permission bits
 * @param link whether it is a symbolic link
 * @param owner the name of its owner, as the sandbox knows it
 * @param group the name of its group
 * @param modified when it last changed
 * @param symlinkTarget the path a link resolves to, or {@code null}
 */
record FileEntry(String name, String path, String type, long size, Set<PosixFilePermission> permissions, boolean link,
		String owner, String group, Instant modified, @Nullable String symlinkTarget) {

	static final String FILE = "FILE_TYPE_FILE";

	static final String DIRECTORY = "FILE_TYPE_DIRECTORY";

	static final String SYMLINK = "FILE_TYPE_SYMLINK";

	boolean isDirectory() {
		return DIRECTORY.equals(this.type);
	}

	/**
	 * Return the entry as envd sends it.
	 * @return the JSON object
	 */
	Map<String, Object> toJson() {
		String typeChar = this.link ? "L" : isDirectory() ? "d" : "-";
		return Json.obj("name", this.name, "type", this.type, "path", this.path, "size", Long.toString(this.size),
				"mode", mode(this.permissions), "permissions",
				typeChar + PosixFilePermissions.toString(this.permissions), "owner", this.owner, "group", this.group,
				"modifiedTime", DateTimeFormatter.ISO_INSTANT.format(this.modified), "symlinkTarget",
				this.symlinkTarget);
	}

	static int mode(Set<PosixFilePermission> permissions) {
		int mode = 0;
		for (PosixFilePermission permission : permissions) {
			mode |= 1 << (8 - permission.ordinal());
		}
		return mode;
	}

}
