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
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The files of one sandbox, reached only through directory descriptors: every name is
 * opened relative to the directory before it and never followed when it is a link, so a
 * change that sandbox code makes at the same time (a directory swapped for a link, a file
 * swapped for a FIFO) cannot lead an operation outside the sandbox. Links are read and
 * followed the way the kernel would inside the sandbox, by {@link InsideOps}, which runs
 * inside it. Resolution is linear in the length of the path.
 * <p>
 * Writes go to a staging directory that sandbox code cannot enter, on the same file
 * system, and are renamed into place: a failed or cut upload leaves the previous content
 * as it was, and the sandbox's disk limit applies to uploads as to its own writes.
 */
final class SandboxFiles implements AutoCloseable {

	/** The hidden directory at the root of the sandbox where uploads are staged. */
	static final String STAGING = ".e2b-staging";

	private static final int MAX_LINK_HOPS = 40;

	/** How often a resolution starts again when the sandbox changed a name under it. */
	private static final int MAX_RESTARTS = 16;

	/** The deepest a listing or a watch descends. */
	static final int MAX_DEPTH = 256;

	/** The most entries one listing returns. */
	static final int MAX_ENTRIES = 100_000;

	/**
	 * The most that is read of a file of {@code /proc} or {@code /sys}, whose size is 0.
	 */
	private static final long MAX_PSEUDO_FILE = 16L * 1024 * 1024;

	private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * What must run inside the sandbox, where the kernel resolves paths as the sandbox
	 * sees them.
	 */
	interface InsideOps {

		/**
		 * Read a symbolic link.
		 * @param link the link
		 * @return its target, as written, or {@code null} when it is no longer a link
		 */
		@Nullable String readLink(SandboxPath link) throws IOException;

		/**
		 * Create a directory and its missing parents as a user.
		 * @param user the user
		 * @param directory the directory
		 */
		void makeDirectories(SandboxUser user, SandboxPath directory) throws IOException;

		/**
		 * Remove a directory and everything in it as a user.
		 * @param user the user
		 * @param directory the directory
		 */
		void removeTree(SandboxUser user, SandboxPath directory) throws IOException;

	}

	private final SecureDirectoryStream<Path> root;

	private final SecureDirectoryStream<Path> staging;

	private final InsideOps inside;

	private final IdMap ids;

	SandboxFiles(SecureDirectoryStream<Path> root, SecureDirectoryStream<Path> staging, InsideOps inside, IdMap ids) {
		this.root = root;
		this.staging = staging;
		this.inside = inside;
		this.ids = ids;
	}

	/**
	 * Open a directory as a descriptor-relative stream.
	 * @param directory a directory of the server's own, trusted
	 * @return the stream
	 */
	static SecureDirectoryStream<Path> open(Path directory) throws IOException {
		DirectoryStream<Path> stream = Files.newDirectoryStream(directory);
		if (stream instanceof SecureDirectoryStream<Path> secure) {
			return secure;
		}
		try (stream) {
			throw new IOException("descriptor-relative file operations are not supported on this platform");
		}
	}

	/**
	 * Describe a path; a link is described with what it points to.
	 * @param path the path
	 * @param displayPath the path as the client named it
	 * @return the entry
	 */
	FileEntry stat(SandboxPath path, String displayPath) throws IOException {
		if (path.isRoot()) {
			return describe(this.root.getFileAttributeView(PosixFileAttributeView.class).readAttributes(), "/",
					displayPath, null);
		}
		try (Located located = locate(path, false)) {
			PosixFileAttributes attributes = located.requireExisting();
			return describe(located, attributes, displayPath);
		}
	}

	/**
	 * List a directory to a depth, depth first in name order.
	 * @param path the directory
	 * @param displayPath the directory as the client named it: entry paths start from it
	 * @param depth how many levels, at least 1
	 * @return the entries
	 */
	List<FileEntry> list(SandboxPath path, String displayPath, int depth) throws IOException {
		List<FileEntry> entries = new ArrayList<>();
		try (Located located = locate(path, true)) {
			if (located.isRoot()) {
				try (SecureDirectoryStream<Path> directory = openRoot()) {
					walk(directory, located.path(), displayPath, Math.min(depth, MAX_DEPTH), entries);
				}
				return entries;
			}
			if (!located.requireExisting().isDirectory()) {
				throw new BadRequestException("path '" + displayPath + "' is not a directory");
			}
			try (SecureDirectoryStream<Path> directory = located.openDirectory()) {
				walk(directory, located.path(), displayPath, Math.min(depth, MAX_DEPTH), entries);
			}
		}
		return entries;
	}

	private void walk(SecureDirectoryStream<Path> directory, SandboxPath resolved, String displayPath, int depth,
			List<FileEntry> entries) throws IOException {
		List<String> names = new ArrayList<>();
		for (Path child : directory) {
			String name = child.getFileName().toString();
			if (!(resolved.isRoot() && name.equals(STAGING))) {
				names.add(name);
			}
		}
		names.sort(null);
		String base = displayPath.equals("/") ? "" : displayPath;
		for (String name : names) {
			PosixFileAttributes attributes = lstat(directory, name);
			if (attributes == null) {
				continue;
			}
			if (entries.size() >= MAX_ENTRIES) {
				throw new BadRequestException("the listing has more than " + MAX_ENTRIES
						+ " entries: list a smaller depth or a directory further down");
			}
			SandboxPath childPath = resolved.append(List.of(name));
			String childDisplay = base + "/" + name;
			entries.add(describe(attributes, name, childDisplay, attributes.isSymbolicLink() ? childPath : null));
			if (depth > 1 && attributes.isDirectory()) {
				try (SecureDirectoryStream<Path> child = directory.newDirectoryStream(Path.of(name),
						LinkOption.NOFOLLOW_LINKS)) {
					walk(child, childPath, childDisplay, depth - 1, entries);
				}
				catch (FileSystemException ex) {
					// the sandbox removed or replaced it meanwhile
				}
			}
		}
	}

	/**
	 * Open a regular file for reading. The size is taken from the open descriptor, and a
	 * reader reads no more than it; the file is opened for reading and writing where it
	 * may change under the server, because opening a FIFO that way never blocks, and its
	 * size is then 0.
	 * @param path the file
	 * @param user who reads it
	 * @return the open file
	 */
	OpenFile openForRead(SandboxPath path, SandboxUser user) throws IOException {
		try (Located located = locate(path, true)) {
			PosixFileAttributes attributes = located.requireExisting();
			if (attributes.isDirectory()) {
				throw new BadRequestException("path '" + path + "' is a directory");
			}
			if (!attributes.isRegularFile()) {
				throw new BadRequestException(
						"path '" + path + "' is not a regular file (a FIFO, socket or device cannot be downloaded)");
			}
			requireAccess(attributes, user, false, path);
			if (path.isWithin("/proc") || path.isWithin("/sys")) {
				// pseudo files say size 0; these mounts are the kernel's, never the
				// sandbox's
				return new OpenFile(
						(FileChannel) located.dir()
							.newByteChannel(Path.of(located.name()),
									Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)),
						MAX_PSEUDO_FILE, true, located.name());
			}
			FileChannel channel = openNonBlocking(located);
			return new OpenFile(channel, channel.size(), false, located.name());
		}
	}

	private FileChannel openNonBlocking(Located located) throws IOException {
		Path name = Path.of(located.name());
		try {
			return (FileChannel) located.dir()
				.newByteChannel(name,
						Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
		}
		catch (FileSystemException ex) {
			String reason = String.valueOf(ex.getReason());
			if (reason.contains("Read-only file system")) {
				// a read-only mount of the template: nothing there can change under us
				return (FileChannel) located.dir()
					.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
			}
			if (reason.contains("Text file busy")) {
				throw new BadRequestException(409, "aborted", "path '" + located.path()
						+ "' is a program that is running: it cannot be downloaded while it runs");
			}
			throw ex;
		}
	}

	/**
	 * Write a file whole, replacing it atomically when it exists: the content goes to the
	 * staging directory first and is renamed into place once complete, so nothing is lost
	 * when the upload fails, and parent directories are created as the user.
	 * @param path the file
	 * @param user who writes it, and owns it if it is new
	 * @param content writes the content
	 * @return the written entry
	 */
	FileEntry write(SandboxPath path, SandboxUser user, Content content) throws IOException {
		if (path.isRoot()) {
			throw new BadRequestException("path '/' is a directory");
		}
		ensureDirectory(path.parent(), user);
		try (Located located = locate(path, true)) {
			PosixFileAttributes existing = located.attributes();
			if (existing != null && existing.isDirectory()) {
				throw new BadRequestException("path '" + path + "' is a directory");
			}
			if (existing != null) {
				requireAccess(existing, user, true, path);
			}
			else {
				requireAccess(located.directoryAttributes(), user, true, path.parent());
			}
			Path staged = Path.of("upload-" + HexFormat.of().formatHex(randomBytes()));
			Set<PosixFilePermission> permissions = (existing != null) ? existing.permissions() : NEW_FILE;
			try {
				FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(permissions);
				Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
						LinkOption.NOFOLLOW_LINKS);
				try (FileChannel channel = (FileChannel) this.staging.newByteChannel(staged, options, mode);
						OutputStream out = Channels.newOutputStream(channel)) {
					content.writeTo(out);
				}
				// the creation mode passes the umask: set it exactly
				PosixFileAttributeView view = this.staging.getFileAttributeView(staged, PosixFileAttributeView.class,
						LinkOption.NOFOLLOW_LINKS);
				view.setPermissions(permissions);
				setOwner(view, user);
				this.staging.move(staged, located.dir(), Path.of(located.name()));
			}
			catch (IOException | RuntimeException ex) {
				deleteQuietly(staged);
				throw translate(ex, path);
			}
			return describe(located, located.requireExistingAgain(), path.toString());
		}
	}

	/**
	 * Create a directory and its parents.
	 * @param path the directory
	 * @param user who creates it
	 * @return {@code true} when created, {@code false} when it existed
	 */
	boolean makeDirectory(SandboxPath path, SandboxUser user) throws IOException {
		if (path.isRoot()) {
			return false;
		}
		try (Located located = locate(path, true)) {
			PosixFileAttributes existing = located.attributes();
			if (existing != null) {
				if (existing.isDirectory()) {
					return false;
				}
				throw new BadRequestException("path '" + path + "' already exists and is not a directory");
			}
		}
		catch (NoSuchFileException ex) {
			// a parent is missing: created below
		}
		this.inside.makeDirectories(user, path);
		return true;
	}

	/**
	 * Move or rename, creating the destination's parents; a link is moved, not what it
	 * points to.
	 * @param source the path to move
	 * @param destination where it goes
	 * @param user who moves it
	 * @return the entry at its new place
	 */
	FileEntry move(SandboxPath source, SandboxPath destination, SandboxUser user) throws IOException {
		if (source.isRoot() || destination.isRoot()) {
			throw new BadRequestException("'/' cannot be moved or replaced");
		}
		ensureDirectory(destination.parent(), user);
		try (Located from = locate(source, false); Located to = locate(destination, false)) {
			from.requireExisting();
			if (user.uid() != SandboxUser.ROOT.uid()) {
				requireAccess(from.directoryAttributes(), user, true, source.parent());
				requireAccess(to.directoryAttributes(), user, true, destination.parent());
			}
			try {
				from.dir().move(Path.of(from.name()), to.dir(), Path.of(to.name()));
			}
			catch (IOException ex) {
				throw translate(ex, source);
			}
			return describe(to, to.requireExistingAgain(), destination.toString());
		}
	}

	/**
	 * Remove a file, a link or a whole directory; a path that does not exist is fine.
	 * @param path the path
	 * @param user who removes it
	 */
	void remove(SandboxPath path, SandboxUser user) throws IOException {
		if (path.isRoot()) {
			throw new BadRequestException("cannot remove '/'");
		}
		try (Located located = locate(path, false)) {
			PosixFileAttributes existing = located.attributes();
			if (existing == null) {
				return;
			}
			requireAccess(located.directoryAttributes(), user, true, path.parent());
			if (existing.isDirectory()) {
				// inside the sandbox, as the user: a tree of any depth, and nothing the
				// sandbox swaps meanwhile leads out of it
				this.inside.removeTree(user, located.path());
				return;
			}
			try {
				located.dir().deleteFile(Path.of(located.name()));
			}
			catch (NoSuchFileException ex) {
				// removed meanwhile
			}
			catch (IOException ex) {
				throw translate(ex, path);
			}
		}
		catch (NoSuchFileException ex) {
			// a parent does not exist
		}
	}

	/**
	 * Take what a watch compares: every entry below a directory with what identifies its
	 * content and metadata.
	 * @param path the directory
	 * @param recursive whether to descend
	 * @param maxEntries the most entries taken
	 * @return the entries by path relative to the directory
	 */
	Map<String, Stamp> snapshot(SandboxPath path, boolean recursive, int maxEntries) throws IOException {
		Map<String, Stamp> stamps = new LinkedHashMap<>();
		try (Located located = locate(path, true)) {
			if (located.isRoot()) {
				try (SecureDirectoryStream<Path> directory = openRoot()) {
					stamp(directory, "", recursive ? MAX_DEPTH : 1, maxEntries, stamps, true);
				}
				return stamps;
			}
			if (!located.requireExisting().isDirectory()) {
				throw new BadRequestException("path '" + path + "' is not a directory");
			}
			try (SecureDirectoryStream<Path> directory = located.openDirectory()) {
				stamp(directory, "", recursive ? MAX_DEPTH : 1, maxEntries, stamps, false);
			}
		}
		return stamps;
	}

	private void stamp(SecureDirectoryStream<Path> directory, String prefix, int depth, int maxEntries,
			Map<String, Stamp> stamps, boolean atRoot) throws IOException {
		for (Path child : directory) {
			String name = child.getFileName().toString();
			if (atRoot && prefix.isEmpty() && name.equals(STAGING)) {
				continue;
			}
			PosixFileAttributes attributes = lstat(directory, name);
			if (attributes == null) {
				continue;
			}
			if (stamps.size() >= maxEntries) {
				throw new BadRequestException("the watched directory has more than " + maxEntries + " entries");
			}
			String relative = prefix + name;
			stamps.put(relative,
					new Stamp(String.valueOf(attributes.fileKey()), attributes.size(),
							attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.permissions(),
							attributes.isDirectory()));
			if (depth > 1 && attributes.isDirectory()) {
				try (SecureDirectoryStream<Path> sub = directory.newDirectoryStream(Path.of(name),
						LinkOption.NOFOLLOW_LINKS)) {
					stamp(sub, relative + "/", depth - 1, maxEntries, stamps, false);
				}
				catch (FileSystemException ex) {
					// gone meanwhile
				}
			}
		}
	}

	/**
	 * What identifies an entry's content and metadata for a watch.
	 *
	 * @param key the file system's identity of the entry (device and inode)
	 * @param size its size
	 * @param modified when its content changed, in nanoseconds
	 * @param permissions its permissions
	 * @param directory whether it is a directory
	 */
	record Stamp(String key, long size, long modified, Set<PosixFilePermission> permissions, boolean directory) {
	}

	/**
	 * The content of a file to write, read from a request as it arrives.
	 */
	@FunctionalInterface
	interface Content {

		/**
		 * Write the whole content.
		 * @param out where it goes
		 */
		void writeTo(OutputStream out) throws IOException;

	}

	/**
	 * An open file to read.
	 *
	 * @param channel the open file
	 * @param size how many bytes to read at most
	 * @param untilEnd whether to read until the end rather than exactly {@code size}
	 * @param name its name
	 */
	record OpenFile(FileChannel channel, long size, boolean untilEnd, String name) {
	}

	private void ensureDirectory(SandboxPath directory, SandboxUser user) throws IOException {
		if (directory.isRoot()) {
			return;
		}
		try (Located located = locate(directory, true)) {
			PosixFileAttributes attributes = located.attributes();
			if (attributes != null) {
				if (!attributes.isDirectory()) {
					throw new BadRequestException("path '" + directory + "' is not a directory");
				}
				return;
			}
		}
		catch (NoSuchFileException ex) {
			// a parent further up is missing
		}
		this.inside.makeDirectories(user, directory);
	}

	/**
	 * Find the directory that holds a path and the path's name in it, following links on
	 * the way (and in the last name when asked) the way the kernel would inside the
	 * sandbox.
	 */
	private Located locate(SandboxPath path, boolean followLast) throws IOException {
		SandboxPath current = path;
		int hops = 0;
		int restarts = 0;
		restart: while (true) {
			if (current.isRoot()) {
				return new Located(this.root, "", current, false, null, this.root);
			}
			List<String> names = current.names();
			if (names.get(0).equals(STAGING)) {
				throw new NoSuchFileException(current.toString());
			}
			SecureDirectoryStream<Path> directory = this.root;
			for (int i = 0; i < names.size(); i++) {
				String name = names.get(i);
				boolean last = i == names.size() - 1;
				PosixFileAttributes attributes = lstat(directory, name);
				if (attributes != null && attributes.isSymbolicLink() && (!last || followLast)) {
					closeOwned(directory);
					if (++hops > MAX_LINK_HOPS) {
						throw new BadRequestException("too many levels of symbolic links in '" + path + "'");
					}
					SandboxPath link = new SandboxPath(names.subList(0, i + 1));
					String target = this.inside.readLink(link);
					if (target == null) {
						// no longer a link: look again
						restarts = restart(restarts, path);
						continue restart;
					}
					current = link.parent().resolve(target).append(names.subList(i + 1, names.size()));
					continue restart;
				}
				if (last) {
					return new Located(directory, name, current, directory != this.root, attributes, this.root);
				}
				if (attributes == null) {
					closeOwned(directory);
					throw new NoSuchFileException(new SandboxPath(names.subList(0, i + 1)).toString());
				}
				if (!attributes.isDirectory()) {
					closeOwned(directory);
					throw new BadRequestException(
							"'" + new SandboxPath(names.subList(0, i + 1)) + "' in '" + path + "' is not a directory");
				}
				SecureDirectoryStream<Path> next;
				try {
					next = directory.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
				}
				catch (FileSystemException ex) {
					// the sandbox replaced it since it was looked at: look again
					closeOwned(directory);
					restarts = restart(restarts, path);
					continue restart;
				}
				closeOwned(directory);
				directory = next;
			}
		}
	}

	private static int restart(int restarts, SandboxPath path) {
		if (restarts >= MAX_RESTARTS) {
			throw new BadRequestException(409, "aborted", "'" + path + "' kept changing while it was resolved");
		}
		return restarts + 1;
	}

	/**
	 * Open the root again to read its entries: a directory stream is read only once, and
	 * the root's stays open for the sandbox's life.
	 */
	private SecureDirectoryStream<Path> openRoot() throws IOException {
		return this.root.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS);
	}

	private void closeOwned(SecureDirectoryStream<Path> directory) throws IOException {
		if (directory != this.root) {
			directory.close();
		}
	}

	private static @Nullable PosixFileAttributes lstat(SecureDirectoryStream<Path> directory, String name)
			throws IOException {
		try {
			return directory
				.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
				.readAttributes();
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	private FileEntry describe(Located located, PosixFileAttributes attributes, String displayPath) throws IOException {
		return describe(attributes, located.name(), displayPath, attributes.isSymbolicLink() ? located.path() : null);
	}

	/**
	 * Describe an entry; a link is described with the type of what it points to and the
	 * path it resolves to.
	 */
	private FileEntry describe(PosixFileAttributes attributes, String name, String displayPath,
			@Nullable SandboxPath link) throws IOException {
		PosixFileAttributes described = attributes;
		String target = null;
		String type;
		if (link != null) {
			ResolvedLink resolved = resolveLink(link);
			target = resolved.path().toString();
			if (resolved.attributes() != null) {
				described = resolved.attributes();
			}
			type = (resolved.attributes() == null) ? FileEntry.SYMLINK
					: resolved.attributes().isDirectory() ? FileEntry.DIRECTORY : FileEntry.FILE;
		}
		else {
			type = attributes.isDirectory() ? FileEntry.DIRECTORY : FileEntry.FILE;
		}
		String entryName = displayPath.equals("/") ? "" : name;
		return new FileEntry(entryName, displayPath, type, described.size(), described.permissions(), link != null,
				this.ids.sandboxName(described.owner().getName()), this.ids.sandboxName(described.group().getName()),
				described.lastModifiedTime().toInstant(), target);
	}

	private ResolvedLink resolveLink(SandboxPath link) throws IOException {
		try (Located located = locate(link, true)) {
			return new ResolvedLink(located.path(), located.attributes());
		}
		catch (NoSuchFileException | BadRequestException ex) {
			String target = this.inside.readLink(link);
			return new ResolvedLink((target != null) ? link.parent().resolve(target) : link, null);
		}
	}

	private record ResolvedLink(SandboxPath path, @Nullable PosixFileAttributes attributes) {
	}

	/**
	 * Check, as the kernel would for the user inside the sandbox, that the user may read
	 * or write an entry: root may do anything.
	 */
	private void requireAccess(PosixFileAttributes attributes, SandboxUser user, boolean write, SandboxPath path) {
		if (user.uid() == SandboxUser.ROOT.uid() || this.ids.isShared()) {
			// with one shared uid the kernel checks what the server may do, as envd would
			return;
		}
		boolean owner = this.ids.sandboxUid(attributes.owner().getName()) == user.uid();
		boolean group = this.ids.sandboxUid(attributes.group().getName()) == user.uid();
		PosixFilePermission bit;
		if (write) {
			bit = owner ? PosixFilePermission.OWNER_WRITE
					: group ? PosixFilePermission.GROUP_WRITE : PosixFilePermission.OTHERS_WRITE;
		}
		else {
			bit = owner ? PosixFilePermission.OWNER_READ
					: group ? PosixFilePermission.GROUP_READ : PosixFilePermission.OTHERS_READ;
		}
		if (!attributes.permissions().contains(bit)) {
			throw new BadRequestException(403, "permission_denied", "permission denied: user '" + user.name()
					+ "' may not " + (write ? "write" : "read") + " '" + path + "'");
		}
	}

	private void setOwner(PosixFileAttributeView view, SandboxUser user) throws IOException {
		Long uid = this.ids.hostId(user.uid());
		if (uid == null) {
			return;
		}
		UserPrincipalLookupService lookup = Path.of("/").getFileSystem().getUserPrincipalLookupService();
		view.setOwner(lookup.lookupPrincipalByName(Long.toString(uid)));
		view.setGroup(lookup.lookupPrincipalByGroupName(Long.toString(uid)));
	}

	private void deleteQuietly(Path staged) {
		try {
			this.staging.deleteFile(staged);
		}
		catch (IOException ex) {
			// it was not created
		}
	}

	/**
	 * Turn a failure into the answer envd gives, without any host path in it.
	 */
	static RuntimeException translate(Exception failure, SandboxPath path) {
		if (failure instanceof BadRequestException bad) {
			return bad;
		}
		if (failure instanceof NoSuchFileException) {
			return BadRequestException.notFound("path '" + path + "' does not exist");
		}
		if (failure instanceof AccessDeniedException) {
			return new BadRequestException(403, "permission_denied", "permission denied: '" + path + "'");
		}
		String reason = (failure instanceof FileSystemException fs) ? String.valueOf(fs.getReason())
				: String.valueOf(failure.getMessage());
		if (reason.contains("No space left") || reason.contains("Disk quota")) {
			return new BadRequestException(507, "resource_exhausted", "not enough disk space in the sandbox");
		}
		if (reason.contains("Is a directory")) {
			return new BadRequestException("path '" + path + "' is a directory");
		}
		if (reason.contains("Not a directory")) {
			return new BadRequestException("a parent of '" + path + "' is not a directory");
		}
		if (reason.contains("Read-only file system") || reason.contains("cross-device")) {
			return new BadRequestException("'" + path + "' is on a read-only part of the sandbox");
		}
		if (reason.contains("Too many levels of symbolic links")) {
			// a name became a link between looking at it and opening it
			return new BadRequestException(409, "aborted", "'" + path + "' changed while it was used: try again");
		}
		if (reason.contains("Device or resource busy")) {
			return new BadRequestException(409, "aborted",
					"'" + path + "' is in use: part of the template is mounted there");
		}
		if (reason.contains("Directory not empty") || reason.contains("File exists")) {
			return new BadRequestException("'" + path + "' is in the way: " + firstWords(reason));
		}
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		System.getLogger(SandboxFiles.class.getName())
			.log(System.Logger.Level.WARNING, "A file operation on " + path + " failed", failure);
		return new BadRequestException(500, "internal", "'" + path + "': " + firstWords(reason));
	}

	/** A failure's reason without any path the platform put in it. */
	private static String firstWords(String reason) {
		int slash = reason.indexOf('/');
		return (slash < 0) ? reason : reason.substring(0, slash).trim();
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[12];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	@Override
	public void close() throws IOException {
		this.staging.close();
		this.root.close();
	}

	/**
	 * Where a path is: the open directory that holds it and its name there.
	 *
	 * @param dir the directory, open
	 * @param name the name in it, empty for the root
	 * @param path the path the links resolved to
	 * @param owned whether closing this closes the directory
	 * @param attributes the attributes of the name, not following a link, or {@code null}
	 * when it does not exist
	 * @param root the root of the sandbox
	 */
	private record Located(SecureDirectoryStream<Path> dir, String name, SandboxPath path, boolean owned,
			@Nullable PosixFileAttributes attributes, SecureDirectoryStream<Path> root) implements AutoCloseable {

		boolean isRoot() {
			return this.path.isRoot();
		}

		PosixFileAttributes requireExisting() throws NoSuchFileException {
			if (this.attributes == null) {
				throw new NoSuchFileException(this.path.toString());
			}
			return this.attributes;
		}

		PosixFileAttributes requireExistingAgain() throws IOException {
			PosixFileAttributes now = lstat(this.dir, this.name);
			if (now == null) {
				throw new NoSuchFileException(this.path.toString());
			}
			return now;
		}

		PosixFileAttributes directoryAttributes() throws IOException {
			return this.dir.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
		}

		SecureDirectoryStream<Path> openDirectory() throws IOException {
			return this.dir.newDirectoryStream(Path.of(this.name), LinkOption.NOFOLLOW_LINKS);
		}

		@Override
		public void close() throws IOException {
			if (this.owned) {
				this.dir.close();
			}
		}

	}

}
