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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A sandbox in namespaces of its own, like a small VM: one bubblewrap process holds its
 * user, mount, PID, IPC, UTS and network namespaces for its whole life, and every command
 * and file operation enters them.
 * <ul>
 * <li>Its root is a size-limited tmpfs (the disk limit, for uploads and processes alike)
 * with the template's system part mounted read-only; nothing else of the host. With a
 * root server the tmpfs belongs to a user namespace between the host's and the sandbox's,
 * which maps the server's root too, so that the server can write uploads to it while the
 * sandbox's own namespace maps only its range.</li>
 * <li>Its users are host uids that own nothing: with a root server, a range of 65536 of
 * its own, so {@code root} in the sandbox is an unprivileged host uid; without, the
 * server's uid.</li>
 * <li>Processes start through nsenter with no new privileges, no capabilities left for
 * {@code root}, and a process limit; {@code /proc/sys} and {@code /sys} are
 * read-only.</li>
 * <li>Its network has only {@code lo}, or a user-mode stack (slirp4netns) that does not
 * reach the host's loopback.</li>
 * </ul>
 */
final class IsolatedVm implements SandboxVm {

	private static final System.Logger logger = System.getLogger(IsolatedVm.class.getName());

	/** The uid the holding process runs as in the sandbox: none of its users. */
	private static final int HOLDER_UID = 65533;

	private static final long HELPER_TIMEOUT_SECONDS = 30;

	/**
	 * Runs a command with the sandbox's process limit, in its working directory, which
	 * resolves inside the sandbox. A parent pid of 1 means that nsenter (outside the
	 * sandbox's PID namespace, so seen as pid 0) was killed before the command started:
	 * it is not started then. {@code ulimit} only lowers the limit, which needs no
	 * privilege, and saves a {@code prlimit} exec on every command.
	 */
	private static final String CHANGE_DIRECTORY = "[ \"$PPID\" != 1 ] || exit 137; ulimit -u \"$1\" 2>/dev/null;"
			+ " cd -- \"$2\" || exit 1; shift 2; exec \"$@\"";

	private final String sandboxId;

	/**
	 * Whether this sandbox only tries what this machine allows, and reports to its maker.
	 */
	private final boolean trial;

	/** Why the sandbox could not start, for the server's own log. */
	private volatile @Nullable String failure;

	/** An empty directory where the sandbox's disk is mounted, in its own namespace. */
	private final Path mountPoint;

	private final HostTools tools;

	private final IdMap ids;

	private final Limits limits;

	private final CompletableFuture<Started> started;

	private volatile @Nullable Process holder;

	private volatile @Nullable Process network;

	/** The nsenter processes of the commands that run, on the host's side. */
	private final Set<Process> commands = ConcurrentHashMap.newKeySet();

	private final Runnable released;

	private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

	IsolatedVm(String sandboxId, Template template, Path generatedEtc, Path mountPoint, HostTools tools, IdMap ids,
			Limits limits, boolean internet, boolean trial, Executor executor, Runnable released) {
		this.sandboxId = sandboxId;
		this.trial = trial;
		this.mountPoint = mountPoint;
		this.tools = tools;
		this.ids = ids;
		this.limits = limits;
		this.released = released;
		this.started = CompletableFuture.supplyAsync(() -> start(template, generatedEtc, internet), executor);
	}

	/**
	 * The holding process, known once it runs.
	 *
	 * @param pid its host pid: its namespaces are the sandbox's
	 * @param files the sandbox's files
	 */
	private record Started(long pid, SandboxFiles files) {
	}

	private Started start(Template template, Path generatedEtc, boolean internet) {
		try {
			Process process = new ProcessBuilder(holderCommand(template, generatedEtc)).redirectErrorStream(false)
				.start();
			this.holder = process;
			stopIfClosed(process);
			OutputStream go = process.getOutputStream();
			if (!this.ids.isShared()) {
				// the disk's user namespace exists: map the server's root and the
				// sandbox's
				// range into it, and let it mount the disk
				if (process.getInputStream().read() != 'x') {
					throw new IOException("the sandbox's disk could not be made: " + errorOf(process));
				}
				String diskMap = "0 0 1\n" + IdMap.DISK_BASE + " " + this.ids.base() + " " + IdMap.RANGE + "\n";
				Files.writeString(Path.of("/proc/" + process.pid() + "/uid_map"), diskMap);
				Files.writeString(Path.of("/proc/" + process.pid() + "/gid_map"), diskMap);
				go.write('1');
				go.flush();
			}
			long pid = childPid(process);
			if (!this.ids.isShared()) {
				// only a process of the parent namespace may map the sandbox's: the
				// disk's
				String map = "0 " + IdMap.DISK_BASE + " " + IdMap.RANGE + "\n";
				run(List.of(this.tools.nsenter(), "--target=" + process.pid(), "--user", "--", this.tools.bash(), "-c",
						"printf '" + map.strip() + "\\n' > /proc/$1/uid_map && printf '" + map.strip()
								+ "\\n' > /proc/$1/gid_map",
						"e2b-map", Long.toString(pid)));
			}
			go.write('1');
			go.close();
			Path root = awaitRoot(process, pid);
			prepareWritableTree(root);
			if (internet) {
				startNetwork(pid);
			}
			stopIfClosed(process);
			SecureDirectoryStream<Path> rootDirectory = SandboxFiles.open(root);
			SecureDirectoryStream<Path> staging = rootDirectory.newDirectoryStream(Path.of(SandboxFiles.STAGING),
					LinkOption.NOFOLLOW_LINKS);
			return new Started(pid, new SandboxFiles(rootDirectory, staging, new Inside(pid), this.ids));
		}
		catch (IOException ex) {
			boolean killedMeanwhile = this.closed.get();
			close();
			if (killedMeanwhile) {
				throw new BadRequestException(502, "unavailable", "sandbox " + this.sandboxId + " was killed");
			}
			// the details name the server's own paths: they go to its log, not the client
			this.failure = ex.getMessage();
			if (!this.trial) {
				logger.log(System.Logger.Level.WARNING,
						"Sandbox " + this.sandboxId + " could not start: " + ex.getMessage());
			}
			throw new BadRequestException(503, "unavailable",
					"sandbox " + this.sandboxId + " could not start (the server's log says why)");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			throw new BadRequestException(503, "unavailable", "sandbox " + this.sandboxId + " could not start");
		}
	}

	/**
	 * A close that ran while the holder was starting saw no process to stop: stop it
	 * here, so that a sandbox killed or a server closed during a start leaves nothing
	 * running.
	 */
	private void stopIfClosed(Process process) throws IOException {
		if (this.closed.get()) {
			process.destroyForcibly();
			Process slirp = this.network;
			if (slirp != null) {
				slirp.destroyForcibly();
			}
			throw new IOException("closed while starting");
		}
	}

	private List<String> holderCommand(Template template, Path generatedEtc) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(this.tools.bash(), "-c", "exec \"$@\" 3>&1 4<&0 1>/dev/null 0</dev/null", "e2b-holder"));
		if (!this.ids.isShared()) {
			// the disk: a tmpfs in a user namespace of its own that maps the server's
			// root
			// (which writes uploads to it) and the sandbox's range, in a mount namespace
			// that goes with the sandbox's last process; the sandbox's own user
			// namespace,
			// made inside it, maps the range only
			command.addAll(List.of(this.tools.unshare(), "--user", "--mount", "--propagation", "private", "--",
					this.tools.bash(), "-c",
					"printf x >&3; read -r -n 1 _ <&4 && \"$1\" -t tmpfs -o \"$2\" e2b-disk \"$3\" && shift 3"
							+ " && exec \"$@\"",
					"e2b-disk", this.tools.mount(),
					"size=" + this.limits.diskBytes() + ",mode=0755,uid=" + IdMap.DISK_BASE + ",gid=" + IdMap.DISK_BASE
							+ ",nosuid,nodev",
					this.mountPoint.toString(), this.tools.setpriv(), "--reuid=" + IdMap.DISK_BASE,
					"--regid=" + IdMap.DISK_BASE, "--clear-groups", "--no-new-privs", "--"));
		}
		else {
			command.addAll(List.of(this.tools.setpriv(), "--no-new-privs", "--"));
		}
		command.addAll(List.of(this.tools.bwrap(), "--unshare-user", "--info-fd", "3", "--unshare-pid", "--unshare-ipc",
				"--unshare-uts", "--unshare-net", "--unshare-cgroup-try", "--die-with-parent", "--new-session",
				"--hostname", "e2b-sandbox", "--cap-drop", "ALL"));
		if (this.ids.isShared()) {
			// bubblewrap maps the server's own uid, the only one it has
			command.addAll(List.of("--uid", Integer.toString(SandboxUser.USER.uid()), "--gid",
					Integer.toString(SandboxUser.USER.uid()), "--block-fd", "4"));
		}
		else {
			command.addAll(List.of("--userns-block-fd", "4", "--uid", Integer.toString(HOLDER_UID), "--gid",
					Integer.toString(HOLDER_UID)));
		}
		if (this.ids.isShared()) {
			command.addAll(List.of("--size", Long.toString(this.limits.diskBytes()), "--tmpfs", "/"));
		}
		else {
			command.addAll(List.of("--bind", this.mountPoint.toString(), "/"));
		}
		command.addAll(template.systemMounts(generatedEtc));
		command.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--ro-bind", "/sys", "/sys"));
		for (String directory : List.of("/home", "/home/user", "/root", "/var", "/run", "/srv", "/mnt", "/media")) {
			command.addAll(List.of("--dir", directory));
		}
		if (!template.provides("opt")) {
			command.addAll(List.of("--dir", "/opt"));
		}
		command.addAll(List.of("--perms", "1777", "--dir", "/tmp", "--perms", "1777", "--dir", "/var/tmp", "--perms",
				"0700", "--dir", "/" + SandboxFiles.STAGING, "--", "sleep", "infinity"));
		return command;
	}

	/**
	 * The start of a command that enters the sandbox's namespaces: with no new
	 * privileges, as the server (whose root owns the namespaces, or whose own uid is the
	 * sandbox's with one shared uid).
	 */
	private List<String> entering() {
		return List.of(this.tools.setpriv(), "--no-new-privs", "--");
	}

	private static long childPid(Process process) throws IOException {
		InputStream info = process.getInputStream();
		ByteArrayOutputStream json = new ByteArrayOutputStream();
		int b;
		while ((b = info.read()) != -1) {
			json.write(b);
			if (b == '}') {
				break;
			}
		}
		if (json.size() == 0) {
			throw new IOException("bubblewrap failed: " + errorOf(process));
		}
		JsonNode node = Json.readObject(json.toByteArray());
		return node.path("child-pid").asLong();
	}

	/**
	 * Wait until the holding process stands in the sandbox's root, which the staging
	 * directory is the last thing made in.
	 */
	private static Path awaitRoot(Process process, long pid) throws IOException, InterruptedException {
		Path root = Path.of("/proc/" + pid + "/root");
		for (int i = 0; i < 30_000; i++) {
			if (Files.isDirectory(root.resolve(SandboxFiles.STAGING), LinkOption.NOFOLLOW_LINKS)) {
				return root;
			}
			if (!process.isAlive()) {
				throw new IOException("bubblewrap failed: " + errorOf(process));
			}
			Thread.sleep(1);
		}
		throw new IOException("the sandbox's file system was not ready after 30 s");
	}

	private static String errorOf(Process process) {
		try {
			process.waitFor(5, TimeUnit.SECONDS);
			return new String(process.getErrorStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
		}
		catch (IOException | InterruptedException ex) {
			return "no diagnostics";
		}
	}

	/**
	 * Give the writable tree its owners, before any code of the sandbox runs (nothing in
	 * it can be a link yet): the user's home to the user, the staging directory to the
	 * host's root, whom the sandbox's root is not.
	 */
	private void prepareWritableTree(Path root) throws IOException {
		Long user = this.ids.hostId(SandboxUser.USER.uid());
		if (user == null) {
			return;
		}
		var lookup = root.getFileSystem().getUserPrincipalLookupService();
		Path home = root.resolve("home/user");
		Files.setOwner(home, lookup.lookupPrincipalByName(Long.toString(user)));
		Files.getFileAttributeView(home, java.nio.file.attribute.PosixFileAttributeView.class)
			.setGroup(lookup.lookupPrincipalByGroupName(Long.toString(user)));
		Path staging = root.resolve(SandboxFiles.STAGING);
		Files.setOwner(staging, lookup.lookupPrincipalByName("0"));
		Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwx------"));
		Files.setPosixFilePermissions(root.resolve("root"), PosixFilePermissions.fromString("rwx------"));
	}

	/**
	 * Give the sandbox a user-mode network stack that does not reach the host's loopback.
	 */
	private void startNetwork(long pid) throws IOException {
		String slirp = this.tools.slirp4netns();
		if (slirp == null) {
			throw new IOException("slirp4netns is not installed (Debian package slirp4netns)");
		}
		List<String> command = new ArrayList<>(
				List.of(this.tools.bash(), "-c", "exec \"$@\" 3>&1 1>/dev/null", "e2b-network"));
		// it ends when its stdin, a pipe from this server, closes: also when the server
		// is
		// killed outright, which would otherwise leave the network stack running
		command.addAll(
				List.of(slirp, "--configure", "--mtu=65520", "--disable-host-loopback", "--ready-fd=3", "--exit-fd=0"));
		if (this.tools.privileged() && this.tools.systemAdministrator()) {
			// only root may open the host's tun device, which is often root's alone: the
			// stack confines itself (an empty root, no capabilities, a syscall filter)
			// before it reads a packet
			command.addAll(List.of("--enable-sandbox", "--enable-seccomp"));
		}
		else {
			command.add("--userns-path=/proc/" + pid + "/ns/user");
		}
		command.addAll(List.of("--netns-type=path", "/proc/" + pid + "/ns/net", "tap0"));
		Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
		this.network = process;
		if (process.getInputStream().read() < 0) {
			throw new IOException("slirp4netns failed: " + errorOf(process));
		}
	}

	/**
	 * Return why the sandbox could not start, with details for the server's log only.
	 * @return the reason, or {@code null} when it started or is starting
	 */
	@Nullable String failure() {
		return this.failure;
	}

	@Override
	public void awaitReady() {
		started();
	}

	private Started started() {
		try {
			return this.started.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof BadRequestException bad) {
				throw bad;
			}
			logger.log(System.Logger.Level.WARNING, "Sandbox " + this.sandboxId + " could not start", ex.getCause());
			throw new BadRequestException(503, "unavailable",
					"sandbox " + this.sandboxId + " could not start (the server's log says why)");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BadRequestException(503, "unavailable", "interrupted");
		}
	}

	@Override
	public SandboxFiles files() {
		return started().files();
	}

	@Override
	public Process start(Command command) throws IOException {
		long pid = started().pid();
		List<String> argv = new ArrayList<>(enter(pid, command.user(), true));
		// bash from the template's read-only /usr: sandbox code may replace /bin, and
		// this runs before root's capabilities are dropped
		argv.addAll(List.of("/usr/bin/bash", "-c", CHANGE_DIRECTORY, "e2b-exec",
				Integer.toString(this.limits.processes()), command.cwd().toString()));
		argv.addAll(asUser(command.user()));
		argv.addAll(command.argv());
		ProcessBuilder builder = new ProcessBuilder(argv);
		builder.environment().clear();
		builder.environment().putAll(command.env());
		if (!command.stdin()) {
			builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		}
		Process process = builder.start();
		this.commands.add(process);
		process.onExit().thenRun(() -> this.commands.remove(process));
		return process;
	}

	/**
	 * Enter the sandbox's namespaces as one of its users.
	 */
	private List<String> enter(long pid, SandboxUser user, boolean allNamespaces) {
		List<String> argv = new ArrayList<>(entering());
		argv.addAll(List.of(this.tools.nsenter(), "--target=" + pid, "--user", "--mount"));
		if (allNamespaces) {
			argv.addAll(List.of("--pid", "--net", "--ipc", "--uts"));
		}
		int uid = this.ids.isShared() ? SandboxUser.USER.uid() : user.uid();
		argv.addAll(List.of("--root", "--setuid=" + uid, "--setgid=" + uid, "--"));
		return argv;
	}

	/**
	 * What the sandbox's {@code root} runs through: in a sandbox of its own uids, all
	 * capabilities dropped; with the server's single uid, a user namespace of its own in
	 * which that uid is {@code root}.
	 */
	private List<String> asUser(SandboxUser user) {
		if (user.uid() != SandboxUser.ROOT.uid()) {
			return List.of();
		}
		if (this.ids.isShared()) {
			return List.of("/usr/bin/unshare", "--map-root-user", "--");
		}
		return List.of("/usr/bin/setpriv", "--inh-caps=-all", "--bounding-set=-all", "--ambient-caps=-all", "--");
	}

	@Override
	public void freeze() {
		signalAll("STOP");
	}

	@Override
	public void thaw() {
		signalAll("CONT");
		// nsenter stops itself when the command it forked stops (job control), and only
		// goes on, continuing its command, with a SIGCONT of its own
		List<String> pids = this.commands.stream()
			.filter(Process::isAlive)
			.map((process) -> Long.toString(process.pid()))
			.toList();
		if (!pids.isEmpty()) {
			List<String> argv = new ArrayList<>(
					List.of(this.tools.bash(), "-c", "kill -s CONT \"$@\" 2>/dev/null; true", "e2b-thaw"));
			argv.addAll(pids);
			try {
				run(argv);
			}
			catch (IOException ex) {
				logger.log(System.Logger.Level.WARNING,
						"Could not continue the commands of sandbox " + this.sandboxId + ": " + ex.getMessage());
			}
		}
	}

	/**
	 * Signal every process of the sandbox at once, from inside its PID namespace.
	 */
	private void signalAll(String signal) {
		long pid = started().pid();
		List<String> argv = new ArrayList<>(entering());
		argv.addAll(List.of(this.tools.nsenter(), "--target=" + pid, "--user", "--pid", "--", this.tools.bash(), "-c",
				"kill -s " + signal + " -1"));
		try {
			run(argv);
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.WARNING,
					"Could not send SIG" + signal + " to sandbox " + this.sandboxId + ": " + ex.getMessage());
		}
	}

	@Override
	public long diskUsed() {
		try {
			FileStore store = Files.getFileStore(Path.of("/proc/" + started().pid() + "/root"));
			return store.getTotalSpace() - store.getUnallocatedSpace();
		}
		catch (IOException | BadRequestException ex) {
			return 0;
		}
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		Process process = this.holder;
		if (process != null) {
			// the holding process takes every process of the sandbox and its file
			// system with it
			process.destroyForcibly();
		}
		Process slirp = this.network;
		if (slirp != null) {
			slirp.destroyForcibly();
		}
		Started running = this.started.getNow(null);
		if (running != null) {
			try {
				running.files().close();
			}
			catch (IOException ex) {
				// the descriptors are closed either way
			}
		}
		this.released.run();
	}

	private static byte[] run(List<String> argv) throws IOException {
		Process process = new ProcessBuilder(argv)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		try {
			CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> {
				try {
					return process.getErrorStream().readAllBytes();
				}
				catch (IOException ex) {
					return new byte[0];
				}
			});
			byte[] stdout = process.getInputStream().readAllBytes();
			if (!process.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("timed out");
			}
			if (process.exitValue() != 0) {
				throw new IOException(new String(stderr.join(), StandardCharsets.UTF_8).strip());
			}
			return stdout;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException("interrupted");
		}
	}

	/**
	 * File operations that run inside the sandbox, as its users, so the kernel resolves
	 * every path as the sandbox sees it. The programs are named by absolute paths on the
	 * template's read-only {@code /usr}, which sandbox code cannot replace.
	 */
	private final class Inside implements SandboxFiles.InsideOps {

		private final long pid;

		Inside(long pid) {
			this.pid = pid;
		}

		@Override
		public @Nullable String readLink(SandboxPath link) {
			byte[] target;
			try {
				target = run(command(SandboxUser.ROOT, List.of("/usr/bin/readlink", "-z", "--", link.toString())));
			}
			catch (IOException ex) {
				// the sandbox changed it since it was seen as a link
				return null;
			}
			int end = target.length;
			while (end > 0 && target[end - 1] == 0) {
				end--;
			}
			return new String(target, 0, end, StandardCharsets.UTF_8);
		}

		@Override
		public void makeDirectories(SandboxUser user, SandboxPath directory) throws IOException {
			try {
				run(command(user, List.of("/usr/bin/mkdir", "-p", "--", directory.toString())));
			}
			catch (IOException ex) {
				throw explain(ex, directory);
			}
		}

		@Override
		public void removeTree(SandboxUser user, SandboxPath directory) throws IOException {
			try {
				run(command(user, List.of("/usr/bin/rm", "-rf", "--", directory.toString())));
			}
			catch (IOException ex) {
				throw explain(ex, directory);
			}
		}

		private List<String> command(SandboxUser user, List<String> program) {
			List<String> argv = new ArrayList<>(enter(this.pid, user, false));
			argv.addAll(program);
			return argv;
		}

		/**
		 * Turn what a helper printed into the answer envd gives, without host paths.
		 */
		private RuntimeException explain(IOException failure, SandboxPath path) {
			String message = String.valueOf(failure.getMessage());
			if (message.contains("Permission denied")) {
				return new BadRequestException(403, "permission_denied", "permission denied: '" + path + "'");
			}
			if (message.contains("No space left")) {
				return new BadRequestException(507, "resource_exhausted", "not enough disk space in the sandbox");
			}
			if (message.contains("No such file or directory")) {
				return BadRequestException.notFound("a parent of '" + path + "' went away meanwhile");
			}
			if (message.contains("Not a directory") || message.contains("File exists")) {
				return new BadRequestException("a parent of '" + path + "' is not a directory");
			}
			if (message.contains("Read-only file system")) {
				return new BadRequestException("'" + path + "' is on a read-only part of the sandbox");
			}
			logger.log(System.Logger.Level.WARNING, "Changing " + path + " failed: " + message);
			return new BadRequestException(500, "internal", "'" + path + "' could not be changed");
		}

	}

}
