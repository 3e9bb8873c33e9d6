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
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Describes files as envd's {@code EntryInfo}. Owner and group are the user the request
 * runs as: inside the sandbox's user namespace every file appears owned by that user.
 */
final class FileEntries {

	private FileEntries() {
	}

	/**
	 * Describe a path, or return {@code null} when it does not exist.
	 */
	static @Nullable Map<String, Object> describe(SandboxPaths paths, SandboxPaths.Resolved resolved, String entryPath,
			SandboxUser user) {
		PosixFileAttributes attributes = attributes(resolved, LinkOption.NOFOLLOW_LINKS);
		if (attributes == null) {
			return null;
		}
		String symlinkTarget = null;
		if (attributes.isSymbolicLink()) {
			SandboxPaths.Resolved target = paths.resolve(resolved.sandboxPath(), user, true);
			symlinkTarget = target.sandboxPath();
			PosixFileAttributes targetAttributes = attributes(target);
			if (targetAttributes != null) {
				attributes = targetAttributes;
			}
		}
		String type = attributes.isDirectory() ? "FILE_TYPE_DIRECTORY" : attributes.isRegularFile() ? "FILE_TYPE_FILE"
				: attributes.isSymbolicLink() ? "FILE_TYPE_SYMLINK" : null;
		if (type == null) {
			return null;
		}
		Set<PosixFilePermission> permissions = attributes.permissions();
		String typeChar = (symlinkTarget != null) ? "L" : attributes.isDirectory() ? "d" : "-";
		String name = entryPath.substring(entryPath.lastIndexOf('/') + 1);
		return Json.obj("name", name, "type", type, "path", entryPath, "size", Long.toString(attributes.size()), "mode",
				mode(permissions), "permissions", typeChar + PosixFilePermissions.toString(permissions), "owner",
				user.name(), "group", user.name(), "modifiedTime",
				DateTimeFormatter.ISO_INSTANT.format(attributes.lastModifiedTime().toInstant()), "symlinkTarget",
				symlinkTarget);
	}

	private static @Nullable PosixFileAttributes attributes(SandboxPaths.Resolved resolved, LinkOption... options) {
		try {
			return Files.readAttributes(resolved.host(), PosixFileAttributes.class, options);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static int mode(Set<PosixFilePermission> permissions) {
		int mode = 0;
		for (PosixFilePermission permission : permissions) {
			mode |= 1 << (8 - permission.ordinal());
		}
		return mode;
	}

}
