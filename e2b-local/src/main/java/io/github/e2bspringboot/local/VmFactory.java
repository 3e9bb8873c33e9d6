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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Makes the place each sandbox runs in, the way this machine allows: its own namespaces
 * when bubblewrap and user namespaces work ({@link IsolatedVm}); a directory of the host
 * without processes when they do not; a directory of the host with processes on the host
 * only when isolation was turned off on purpose ({@link HostVm}).
 */
final class VmFactory {

	private static final System.Logger logger = System.getLogger(VmFactory.class.getName());

	/** What to do where isolation does not work. */
	static final String HOW_TO_ISOLATE = "Install bubblewrap and util-linux (Debian: apt-get install bubblewrap"
			+ " util-linux slirp4netns); in a container, run it with --security-opt seccomp=unconfined"
			+ " --security-opt systempaths=unconfined; or start e2b-local with --isolation none"
			+ " (e2b.local.isolation=none) to run commands on this machine without isolation.";

	/**
	 * The first host uid of the sandboxes' ranges by default: far above the uids and
	 * subordinate ranges that distributions hand out.
	 */
	static final long DEFAULT_UID_BASE = 1_000_000_000L;

	private final @Nullable HostTools tools;

	private final @Nullable String notIsolated;

	private final boolean processesOnHost;

	private final Limits limits;

	private final Path dataDirectory;

	private final Path generatedEtc;

	private final Path mountPoint;

	private final Executor executor;

	private final long uidBase;

	private final BitSet slots = new BitSet();

	/** The isolated sandboxes made and not yet closed. */
	private final Set<SandboxVm> open = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * Why sandboxes cannot have a network of their own, or {@code null} when they can.
	 */
	private volatile @Nullable String networkProblem;

	private VmFactory(@Nullable HostTools tools, @Nullable String notIsolated, boolean processesOnHost, Limits limits,
			Path dataDirectory, Path generatedEtc, Executor executor, long uidBase) {
		this.tools = tools;
		this.notIsolated = notIsolated;
		this.processesOnHost = processesOnHost;
		this.limits = limits;
		this.dataDirectory = dataDirectory;
		this.generatedEtc = generatedEtc;
		this.mountPoint = dataDirectory.resolve("mnt");
		this.executor = executor;
		this.uidBase = uidBase;
	}

	/**
	 * Choose how sandboxes run.
	 * @param isolation what was asked for
	 * @param templates the templates, whose {@code base} a trial sandbox runs
	 * @param limits the limits of each sandbox
	 * @param dataDirectory the server's data directory
	 * @param executor runs the starts of sandboxes
	 * @param uidBase the first host uid of the sandboxes' ranges (a root server)
	 * @return the factory
	 * @throws IllegalStateException when isolation was required but does not work
	 */
	static VmFactory create(Isolation isolation, Templates templates, Limits limits, Path dataDirectory,
			Executor executor, long uidBase) {
		Path etc = templates.generatedEtc();
		if (isolation == Isolation.NONE) {
			return new VmFactory(null, "isolation was turned off", true, limits, dataDirectory, etc, executor, uidBase);
		}
		String problem;
		HostTools tools = null;
		try {
			tools = HostTools.find();
			Files.createDirectories(dataDirectory.resolve("mnt"));
			if (tools.privileged()) {
				for (Path directory : templates.hostDirectories()) {
					requireOpenToOthers(directory);
				}
				requireOpenToOthers(dataDirectory.resolve("mnt"));
			}
			VmFactory isolated = new VmFactory(tools, null, false, limits, dataDirectory, etc, executor, uidBase);
			problem = isolated.trial(templates);
			if (problem == null) {
				isolated.tryNetwork(templates);
				return isolated;
			}
		}
		catch (IllegalStateException | IOException ex) {
			problem = ex.getMessage();
		}
		if (isolation == Isolation.BUBBLEWRAP) {
			throw new IllegalStateException("Isolation was required but does not work here: " + problem);
		}
		return new VmFactory(tools, problem, false, limits, dataDirectory, etc, executor, uidBase);
	}

	/**
	 * Check that sandboxes, which start as other host users than the server, can reach a
	 * directory their mounts come from.
	 */
	private static void requireOpenToOthers(Path directory) throws IOException {
		for (Path path = directory.toAbsolutePath(); path != null; path = path.getParent()) {
			if (Files.exists(path)
					&& !Files.getPosixFilePermissions(path).contains(PosixFilePermission.OTHERS_EXECUTE)) {
				throw new IllegalStateException("sandboxes run as other users than the server and cannot reach "
						+ directory + ": " + path + " is closed to them (chmod o+x " + path + ")");
			}
		}
	}

	/**
	 * Start a sandbox from {@code base} and run {@code true} in it.
	 * @return why that failed, or {@code null} when it worked
	 */
	private @Nullable String trial(Templates templates) {
		Template base = templates.find(Templates.BASE);
		if (base == null) {
			return "no base template";
		}
		try (SandboxVm vm = create("isolation-trial", base, false, true)) {
			awaitTrial(vm);
			Process process = vm.start(new SandboxVm.Command(List.of("true"), Map.of("PATH", "/usr/bin:/bin"),
					SandboxPath.ROOT, SandboxUser.USER, false));
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return "a trial process did not finish";
			}
			if (process.exitValue() != 0) {
				return "a trial process failed: " + read(process.getErrorStream());
			}
			return null;
		}
		catch (IOException | BadRequestException ex) {
			return String.valueOf(ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/**
	 * Start a sandbox with a network of its own; where that fails, sandboxes get only
	 * {@code lo}, and the server says why once.
	 */
	private void tryNetwork(Templates templates) {
		Template base = templates.find(Templates.BASE);
		try (SandboxVm vm = create("network-trial", Objects.requireNonNull(base), true, true)) {
			awaitTrial(vm);
		}
		catch (IOException | BadRequestException ex) {
			this.networkProblem = String.valueOf(ex.getMessage());
			logger.log(System.Logger.Level.WARNING, "Sandboxes get no network but lo, even when they may use the"
					+ " internet: " + this.networkProblem);
		}
	}

	/**
	 * Wait for a trial sandbox, failing with the whole reason when it does not start.
	 */
	private static void awaitTrial(SandboxVm vm) throws IOException {
		try {
			vm.awaitReady();
		}
		catch (BadRequestException ex) {
			String failure = (vm instanceof IsolatedVm isolated) ? isolated.failure() : null;
			throw new IOException((failure != null) ? failure : ex.getMessage());
		}
	}

	private static String read(InputStream in) throws IOException {
		return new String(in.readNBytes(2048), StandardCharsets.UTF_8).strip();
	}

	/**
	 * Return whether sandboxes run in namespaces of their own.
	 */
	boolean isolated() {
		return this.notIsolated == null;
	}

	/**
	 * Return why sandboxes are not isolated, or {@code null} when they are.
	 */
	@Nullable String whyNotIsolated() {
		return this.notIsolated;
	}

	/**
	 * Return whether sandbox processes run directly on the host (isolation turned off).
	 */
	boolean processesOnHost() {
		return this.processesOnHost;
	}

	/**
	 * Make the place a sandbox runs in; an isolated one starts in the background.
	 * @param id the sandbox ID
	 * @param template its template
	 * @param internet whether it may reach the internet
	 * @return the place
	 */
	SandboxVm create(String id, Template template, boolean internet) throws IOException {
		return create(id, template, internet, false);
	}

	private SandboxVm create(String id, Template template, boolean internet, boolean trial) throws IOException {
		HostTools tools = this.tools;
		if (this.notIsolated != null || tools == null) {
			if (this.processesOnHost) {
				logger.log(System.Logger.Level.WARNING, "Sandbox " + id + " runs WITHOUT isolation (" + this.notIsolated
						+ "): its code runs on this machine as the server's user and sees what the server sees");
				return new HostVm(this.dataDirectory.resolve(id), null);
			}
			return new HostVm(this.dataDirectory.resolve(id), refusal());
		}
		boolean network = internet && this.networkProblem == null;
		IsolatedVm[] made = new IsolatedVm[1];
		if (!tools.privileged()) {
			made[0] = new IsolatedVm(id, template, this.generatedEtc, this.mountPoint, tools,
					IdMap.shared(tools.userName()), this.limits, network, trial, this.executor,
					() -> this.open.remove(made[0]));
		}
		else {
			int slot = takeSlot();
			made[0] = new IsolatedVm(id, template, this.generatedEtc, this.mountPoint, tools,
					IdMap.range(this.uidBase + (long) slot * IdMap.RANGE), this.limits, network, trial, this.executor,
					() -> {
						this.open.remove(made[0]);
						releaseSlot(slot);
					});
		}
		this.open.add(made[0]);
		if (this.closed) {
			made[0].close();
		}
		return made[0];
	}

	/**
	 * Close every sandbox this factory made and that is still open, also one whose create
	 * has not reached the registry yet; sandboxes made after this are closed at once.
	 */
	void closeAll() {
		this.closed = true;
		List.copyOf(this.open).forEach(SandboxVm::close);
	}

	private String refusal() {
		return "This e2b-local cannot isolate sandbox processes, so it runs none (its log says why). " + HOW_TO_ISOLATE;
	}

	private synchronized int takeSlot() {
		int slot = this.slots.nextClearBit(0);
		if (this.uidBase + (long) (slot + 1) * IdMap.RANGE > 0xFFFF_FFFEL) {
			throw new BadRequestException(429, "resource_exhausted", "no host uids are left for another sandbox");
		}
		this.slots.set(slot);
		return slot;
	}

	private synchronized void releaseSlot(int slot) {
		this.slots.clear(slot);
	}

}
