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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A root file system sandboxes are created from: its system part ({@code /usr}, the
 * top-level links or directories that lead into it, {@code /etc} and, when it has them,
 * {@code /opt} and {@code /var/lib}) is mounted read-only in every sandbox, under a
 * writable file system of the sandbox's own. {@code base} is the host's own {@code /usr}
 * with an {@code /etc} made of a few public files of the host's and generated ones:
 * nothing else of the host.
 */
final class Template {

	/** The top-level entries that are links or directories into the system part. */
	private static final List<String> SYSTEM_ENTRIES = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");

	/** The files of {@code /etc} every sandbox gets from the server, not the template. */
	static final List<String> GENERATED_ETC = List.of("passwd", "group", "hostname", "hosts", "resolv.conf");

	private final String name;

	private final Path root;

	private final Path etc;

	private final boolean overlayGeneratedEtc;

	private Template(String name, Path root, Path etc, boolean overlayGeneratedEtc) {
		this.name = name;
		this.root = root;
		this.etc = etc;
		this.overlayGeneratedEtc = overlayGeneratedEtc;
	}

	/**
	 * The template every server has: the host's {@code /usr} and a generated
	 * {@code /etc}.
	 * @param name its name
	 * @param etc the generated {@code /etc}, with the generated files in it
	 * @return the template
	 */
	static Template base(String name, Path etc) {
		return new Template(name, Path.of("/"), etc, false);
	}

	/**
	 * A template from a root file system, such as a Debian tree made by debootstrap.
	 * @param name its name
	 * @param root the root file system
	 * @return the template
	 * @throws IllegalArgumentException when the directory is no root file system
	 */
	static Template directory(String name, Path root) {
		if (!name.matches("[A-Za-z0-9][A-Za-z0-9._/:-]*")) {
			throw new IllegalArgumentException("Invalid template name '" + name + "'");
		}
		Path real;
		try {
			real = root.toRealPath();
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("The root file system of template '" + name + "' does not exist");
		}
		if (!Files.isExecutable(real.resolve("usr/bin/bash")) || !Files.isExecutable(real.resolve("usr/bin/setpriv"))) {
			throw new IllegalArgumentException("The root file system of template '" + name
					+ "' needs /usr/bin/bash and /usr/bin/setpriv (bash and util-linux, with /bin merged into /usr as"
					+ " in Debian 12): sandbox commands start through them");
		}
		return new Template(name, real, real.resolve("etc"), true);
	}

	/**
	 * Whether sandboxes of this template serve the code interpreter on port 49999, as
	 * E2B's {@code code-interpreter-v1} does: any template whose name starts with
	 * {@code code-interpreter}.
	 */
	boolean servesCode() {
		return this.name.startsWith(Templates.CODE_INTERPRETER_PREFIX);
	}

	String name() {
		return this.name;
	}

	/**
	 * Return the bubblewrap arguments that mount the system part read-only.
	 * @param generated the directory with the generated {@code /etc} files
	 * @return the arguments
	 */
	List<String> systemMounts(Path generated) throws IOException {
		List<String> args = new ArrayList<>(List.of("--ro-bind", this.root.resolve("usr").toString(), "/usr"));
		for (String entry : SYSTEM_ENTRIES) {
			Path path = this.root.resolve(entry);
			if (Files.isSymbolicLink(path)) {
				args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), "/" + entry));
			}
			else if (Files.isDirectory(path)) {
				args.addAll(List.of("--ro-bind", path.toString(), "/" + entry));
			}
		}
		args.addAll(List.of("--ro-bind", this.etc.toString(), "/etc"));
		if (this.overlayGeneratedEtc) {
			for (String file : GENERATED_ETC) {
				// a file can only be mounted over one that is there
				if (Files.isRegularFile(this.etc.resolve(file))) {
					args.addAll(List.of("--ro-bind", generated.resolve(file).toString(), "/etc/" + file));
				}
			}
			optional(args, "opt", "/opt");
			optional(args, "var/lib", "/var/lib");
		}
		return args;
	}

	/**
	 * Return whether the template brings a directory, so the sandbox does not make its
	 * own.
	 */
	boolean provides(String directory) {
		return this.overlayGeneratedEtc && Files.isDirectory(this.root.resolve(directory));
	}

	private void optional(List<String> args, String relative, String target) {
		Path path = this.root.resolve(relative);
		if (Files.isDirectory(path)) {
			args.addAll(List.of("--ro-bind", path.toString(), target));
		}
	}

	/**
	 * Write the generated {@code /etc} files: the sandbox's users, its host name and its
	 * resolver (the user-mode network's DNS).
	 * @param directory where to write them
	 */
	static void writeGeneratedEtc(Path directory) throws IOException {
		Files.createDirectories(directory);
		write(directory.resolve("passwd"),
				"root:x:0:0:root:/root:/bin/bash\nuser:x:1000:1000:user:/home/user:/bin/bash\n"
						+ "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
		write(directory.resolve("group"), "root:x:0:\nuser:x:1000:\nnogroup:x:65534:\n");
		write(directory.resolve("hostname"), "e2b-sandbox\n");
		write(directory.resolve("hosts"), "127.0.0.1\tlocalhost e2b-sandbox\n::1\tlocalhost ip6-localhost\n");
		write(directory.resolve("resolv.conf"), "nameserver 10.0.2.3\n");
	}

	private static void write(Path file, String content) throws IOException {
		Files.writeString(file, content, StandardCharsets.UTF_8);
	}

	/**
	 * Return the host directories its mounts come from.
	 * @return the directories
	 */
	List<Path> hostDirectories() {
		return List.of(this.root, this.etc);
	}

	@Override
	public String toString() {
		return "Template[" + this.name + "]";
	}

}
