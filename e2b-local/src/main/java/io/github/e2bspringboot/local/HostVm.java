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

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A sandbox without isolation: a directory of the host holds its files, and, when
 * isolation was explicitly turned off, its processes run on the host in that directory,
 * as the server's user, seeing everything the server sees. Without that explicit choice
 * it runs no process at all and says why.
 */
final class HostVm implements SandboxVm {

	private final Path directory;

	private final Path root;

	private final @Nullable String refusal;

	private final SandboxFiles files;

	private final List<Process> processes = new CopyOnWriteArrayList<>();

	/**
	 * Create the sandbox's directory.
	 * @param directory the sandbox's own directory
	 * @param refusal why processes may not run, or {@code null} when they may
	 */
	HostVm(Path directory, @Nullable String refusal) throws IOException {
		this.directory = directory;
		this.root = Files.createDirectories(directory.resolve("fs"));
		Files.createDirectories(this.root.resolve("home/user"));
		Files.createDirectories(this.root.resolve("root"));
		Files.createDirectories(this.root.resolve("tmp"));
		Path staging = Files.createDirectories(this.root.resolve(SandboxFiles.STAGING));
		SecureDirectoryStream<Path> rootDirectory = SandboxFiles.open(this.root);
		this.files = new SandboxFiles(rootDirectory, SandboxFiles.open(staging), new OnHost(),
				IdMap.shared(System.getProperty("user.name", "")));
		this.refusal = refusal;
	}

	@Override
	public void awaitReady() {
	}

	@Override
	public SandboxFiles files() {
		return this.files;
	}

	@Override
	public Process start(Command command) throws IOException {
		if (this.refusal != null) {
			throw new BadRequestException(400, "failed_precondition", this.refusal);
		}
		ProcessBuilder builder = new ProcessBuilder(command.argv());
		builder.directory(host(command.cwd()).toFile());
		builder.environment().clear();
		builder.environment().putAll(command.env());
		builder.environment().put("HOME", host(SandboxPath.parse(command.user().home(), command.user())).toString());
		if (!command.stdin()) {
			builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		}
		Process process = builder.start();
		this.processes.add(process);
		process.onExit().thenRun(() -> this.processes.remove(process));
		return process;
	}

	@Override
	public String processPath(SandboxPath path) {
		// processes run on this machine, where the sandbox's root is a directory
		return host(path).toString();
	}

	private Path host(SandboxPath path) {
		Path host = this.root;
		for (String name : path.names()) {
			host = host.resolve(name);
		}
		return host;
	}

	@Override
	public void freeze() {
		this.processes.forEach((process) -> ProcessTree.signal(process.toHandle(), "STOP"));
	}

	@Override
	public void thaw() {
		this.processes.forEach((process) -> ProcessTree.signal(process.toHandle(), "CONT"));
	}

	@Override
	public long diskUsed() {
		try (Stream<Path> files = Files.walk(this.root)) {
			return files.filter((file) -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).mapToLong((file) -> {
				try {
					return Files.size(file);
				}
				catch (IOException ex) {
					return 0;
				}
			}).sum();
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	@Override
	public void close() {
		for (Process process : this.processes) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
		try {
			this.files.close();
		}
		catch (IOException ex) {
			// closed either way
		}
		deleteTree(this.directory);
	}

	static void deleteTree(Path directory) {
		if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// best effort: a process may still be writing
				}
			});
		}
		catch (IOException | RuntimeException ex) {
			// best effort
		}
	}

	/**
	 * The operations a sandbox of its own would run inside it, done here on the host:
	 * without isolation, there is no boundary to keep.
	 */
	private final class OnHost implements SandboxFiles.InsideOps {

		@Override
		public @Nullable String readLink(SandboxPath link) throws IOException {
			try {
				return Files.readSymbolicLink(host(link)).toString();
			}
			catch (NotLinkException | NoSuchFileException ex) {
				return null;
			}
		}

		@Override
		public void makeDirectories(SandboxUser user, SandboxPath directory) throws IOException {
			Files.createDirectories(host(directory));
		}

		@Override
		public void removeTree(SandboxUser user, SandboxPath directory) {
			deleteTree(host(directory));
		}

	}

}
