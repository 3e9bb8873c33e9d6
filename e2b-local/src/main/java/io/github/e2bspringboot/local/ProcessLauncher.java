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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the processes of sandboxes, under bubblewrap when isolation is on: the host's
 * system directories read-only, the sandbox's own {@code /home}, {@code /root},
 * {@code /tmp} and created top-level directories bound at their real paths, a synthetic
 * {@code /etc/passwd}, and the chosen user's uid inside a user namespace.
 */
final class ProcessLauncher {

	private static final List<String> READ_ONLY_SYSTEM_DIRECTORIES = List.of("/usr", "/etc", "/opt");

	private static final List<String> SYSTEM_LINKS_OR_DIRECTORIES = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64",
			"/libx32");

	/**
	 * Top-level names of the sandbox tree that never shadow the host's system
	 * directories.
	 */
	private static final Set<String> RESERVED = Set.of("usr", "etc", "opt", "bin", "sbin", "lib", "lib32", "lib64",
			"libx32", "proc", "dev", "sys", "run");

	private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

	private final boolean bubblewrap;

	private final @org.jspecify.annotations.Nullable String problem;

	private ProcessLauncher(boolean bubblewrap, @org.jspecify.annotations.Nullable String problem) {
		this.bubblewrap = bubblewrap;
		this.problem = problem;
	}

	/**
	 * Choose how to start processes.
	 * @param isolation what was asked for
	 * @return the launcher
	 * @throws IllegalStateException when bubblewrap was required but does not work
	 */
	static ProcessLauncher create(Isolation isolation) {
		if (isolation == Isolation.NONE) {
			return new ProcessLauncher(false, "isolation was turned off");
		}
		String problem = bubblewrapProblem();
		if (problem == null) {
			return new ProcessLauncher(true, null);
		}
		if (isolation == Isolation.BUBBLEWRAP) {
			throw new IllegalStateException("Bubblewrap isolation was required but does not work: " + problem);
		}
		return new ProcessLauncher(false, problem);
	}

	boolean isolated() {
		return this.bubblewrap;
	}

	/**
	 * Return why processes run without isolation.
	 */
	String whyNotIsolated() {
		return (this.problem != null) ? this.problem : "";
	}

	/**
	 * Build the process.
	 * @param sandbox the sandbox
	 * @param user the user to run as
	 * @param command the program and its arguments
	 * @param envs the process's own environment variables
	 * @param cwd the working directory, resolved in the sandbox
	 * @param stdinOpen whether stdin is a pipe (otherwise {@code /dev/null})
	 * @return the builder, ready to start
	 */
	ProcessBuilder build(LocalSandbox sandbox, SandboxUser user, List<String> command, Map<String, String> envs,
			SandboxPaths.Resolved cwd, boolean stdinOpen) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("PATH", PATH);
		environment.put("HOME", this.bubblewrap ? user.home() : sandbox.paths().root() + user.home());
		environment.put("USER", user.name());
		environment.put("LOGNAME", user.name());
		environment.put("SHELL", "/bin/bash");
		environment.put("LANG", "C.UTF-8");
		environment.put("E2B_SANDBOX", "true");
		environment.put("E2B_SANDBOX_ID", sandbox.id());
		environment.putAll(sandbox.envs());
		environment.putAll(envs);
		ProcessBuilder builder;
		if (this.bubblewrap) {
			builder = new ProcessBuilder(bubblewrapCommand(sandbox, user, command, environment, cwd.sandboxPath()));
			builder.environment().clear();
		}
		else {
			builder = new ProcessBuilder(command);
			builder.directory(cwd.host().toFile());
			builder.environment().clear();
			builder.environment().putAll(environment);
		}
		if (!stdinOpen) {
			builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		}
		return builder;
	}

	private List<String> bubblewrapCommand(LocalSandbox sandbox, SandboxUser user, List<String> command,
			Map<String, String> environment, String cwd) {
		List<String> args = new ArrayList<>(List.of("bwrap", "--unshare-user", "--unshare-pid", "--unshare-ipc",
				"--unshare-uts", "--die-with-parent", "--new-session", "--uid", Integer.toString(user.uid()), "--gid",
				Integer.toString(user.uid()), "--hostname", "e2b-sandbox"));
		if (!sandbox.allowInternetAccess()) {
			args.add("--unshare-net");
		}
		for (String directory : READ_ONLY_SYSTEM_DIRECTORIES) {
			if (Files.isDirectory(Path.of(directory))) {
				args.addAll(List.of("--ro-bind", directory, directory));
			}
		}
		for (String entry : SYSTEM_LINKS_OR_DIRECTORIES) {
			Path path = Path.of(entry);
			if (Files.isSymbolicLink(path)) {
				try {
					args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), entry));
				}
				catch (IOException ex) {
					// skip an unreadable link
				}
			}
			else if (Files.isDirectory(path)) {
				args.addAll(List.of("--ro-bind", entry, entry));
			}
		}
		args.addAll(List.of("--ro-bind", sandbox.directory().resolve("etc/passwd").toString(), "/etc/passwd",
				"--ro-bind", sandbox.directory().resolve("etc/group").toString(), "/etc/group", "--proc", "/proc",
				"--dev", "/dev"));
		try (Stream<Path> topLevel = Files.list(sandbox.paths().root())) {
			topLevel.filter(Files::isDirectory)
				.map((path) -> path.getFileName().toString())
				.filter((name) -> !RESERVED.contains(name))
				.sorted()
				.forEach((name) -> args
					.addAll(List.of("--bind", sandbox.paths().root().resolve(name).toString(), "/" + name)));
		}
		catch (IOException ex) {
			throw new BadRequestException(500, "internal", "cannot read the sandbox's directories");
		}
		args.addAll(List.of("--chdir", cwd, "--clearenv"));
		environment.forEach((name, value) -> args.addAll(List.of("--setenv", name, value)));
		args.add("--");
		args.addAll(command);
		return args;
	}

	/**
	 * Return why bubblewrap cannot be used here, or {@code null} when it works.
	 */
	private static @org.jspecify.annotations.Nullable String bubblewrapProblem() {
		if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
			return "it needs Linux";
		}
		try {
			Process probe = new ProcessBuilder("bwrap", "--unshare-user", "--unshare-pid", "--ro-bind", "/", "/",
					"--proc", "/proc", "--dev", "/dev", "true")
				.redirectErrorStream(true)
				.start();
			if (!probe.waitFor(10, TimeUnit.SECONDS)) {
				probe.destroyForcibly();
				return "a trial run did not finish";
			}
			String output = new String(probe.getInputStream().readAllBytes()).strip();
			return (probe.exitValue() == 0) ? null : "a trial run failed: " + output;
		}
		catch (IOException ex) {
			return "the bwrap command was not found (install the bubblewrap package)";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

}
