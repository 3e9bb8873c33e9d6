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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * An E2B-compatible server on one port: the control plane and every sandbox's daemon. The
 * official SDKs and the starter talk to it unchanged with their API URL and sandbox URL
 * both set to {@link #url()}. Each sandbox runs in namespaces of its own (see
 * {@link Isolation}), so code in it cannot reach the host, the server or another sandbox.
 * For development and tests on one machine: it shares the host's kernel, where E2B's
 * cloud gives each sandbox a VM.
 *
 * <pre class="code">
 * try (E2bLocalServer server = E2bLocalServer.builder().build().start()) {
 *     String url = server.url();
 *     String apiKey = server.apiKey();
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class E2bLocalServer implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(E2bLocalServer.class.getName());

	private static final Duration EXPIRY_CHECK = Duration.ofMillis(250);

	private final Builder settings;

	private @Nullable DisposableServer server;

	private @Nullable LoopResources loops;

	private @Nullable ServerContext context;

	private @Nullable Path dataDirectory;

	private boolean ownsDataDirectory;

	private E2bLocalServer(Builder settings) {
		this.settings = settings;
	}

	/**
	 * Start a builder: a free loopback port, a random API key, isolation when available.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start serving.
	 * @return this server
	 * @throws IllegalStateException when bubblewrap was required but does not work
	 */
	public synchronized E2bLocalServer start() {
		if (this.server != null) {
			return this;
		}
		if (!"UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding", "UTF-8"))) {
			logger.log(System.Logger.Level.WARNING,
					"The JVM maps file names with " + System.getProperty("sun.jnu.encoding")
							+ ", so sandbox files whose names are not ASCII cannot"
							+ " be served: start it with LANG=C.UTF-8");
		}
		Path data;
		Templates templates;
		try {
			Path configured = this.settings.dataDirectory;
			this.ownsDataDirectory = configured == null;
			data = (configured != null) ? Files.createDirectories(configured) : Files.createTempDirectory("e2b-local-");
			// sandboxes run as other host users: they may pass through to the template
			// files bound from here, but not list it
			Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
			this.dataDirectory = data;
			templates = Templates.create(data, this.settings.templates);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot set up the data directory of e2b-local", ex);
		}
		ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("e2b-local-io-"));
		ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemonThreads("e2b-local-timer-"));
		VmFactory vms;
		try {
			vms = VmFactory.create(this.settings.isolation, templates, this.settings.limits(), data, executor,
					this.settings.uidBase);
		}
		catch (RuntimeException ex) {
			executor.shutdownNow();
			scheduler.shutdownNow();
			throw ex;
		}
		if (vms.processesOnHost()) {
			logger.log(System.Logger.Level.WARNING, "e2b-local runs sandbox processes WITHOUT isolation, as asked"
					+ " (isolation none): their code runs on this machine as the server's user and sees what the"
					+ " server sees. Use it only for code you trust.");
		}
		else if (!vms.isolated()) {
			logger.log(System.Logger.Level.WARNING, "e2b-local cannot isolate sandboxes here (" + vms.whyNotIsolated()
					+ "): it serves files but runs no commands. " + VmFactory.HOW_TO_ISOLATE);
		}
		SandboxRegistry registry = new SandboxRegistry(vms);
		ServerContext context = new ServerContext(this.settings.apiKey, templates, registry, this.settings.limits(),
				executor, scheduler, this.settings.maxJsonBytes);
		scheduler.scheduleWithFixedDelay(() -> registry.expire(Instant.now()), EXPIRY_CHECK.toMillis(),
				EXPIRY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
		this.context = context;
		// event loops of its own: an application's Reactor Netty resources, which its
		// shutdown disposes, must not take the server down with them
		this.loops = LoopResources.create("e2b-local", Math.max(2, Runtime.getRuntime().availableProcessors()), true);
		this.server = HttpServer.create()
			.runOn(this.loops)
			.host(this.settings.host)
			.port(this.settings.port)
			.httpRequestDecoder((spec) -> spec.maxHeaderSize(16 * 1024).maxInitialLineLength(16 * 1024))
			.handle(new Router(context))
			.bindNow(Duration.ofSeconds(30));
		return this;
	}

	/**
	 * Return the base URL, for both {@code E2B_API_URL} and {@code E2B_SANDBOX_URL}.
	 * @return the URL, such as {@code http://127.0.0.1:40123}
	 */
	public String url() {
		return "http://" + this.settings.host + ":" + port();
	}

	/**
	 * Return the port the server listens on.
	 * @return the port
	 */
	public int port() {
		return Objects.requireNonNull(this.server, "not started").port();
	}

	/**
	 * Return the API key clients must send.
	 * @return the API key
	 */
	public String apiKey() {
		return this.settings.apiKey;
	}

	/**
	 * Return whether sandbox processes run isolated under bubblewrap.
	 * @return {@code true} when isolated
	 */
	public boolean isolated() {
		return Objects.requireNonNull(this.context, "not started").registry().vms().isolated();
	}

	/**
	 * Return how many sandboxes exist (running or paused).
	 * @return the count
	 */
	public int sandboxCount() {
		return Objects.requireNonNull(this.context, "not started").registry().all().size();
	}

	/**
	 * Stop serving, kill every sandbox and delete their files.
	 */
	@Override
	public synchronized void close() {
		DisposableServer running = this.server;
		ServerContext context = this.context;
		if (running == null || context == null) {
			return;
		}
		running.disposeNow(Duration.ofSeconds(5));
		LoopResources loops = this.loops;
		if (loops != null) {
			loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
		}
		context.registry().killAll();
		context.scheduler().shutdownNow();
		context.executor().shutdownNow();
		Path data = this.dataDirectory;
		if (this.ownsDataDirectory && data != null) {
			HostVm.deleteTree(data);
		}
		else if (data != null) {
			// what the server made in a data directory of the caller's
			Templates.deleteGenerated(data);
			HostVm.deleteTree(data.resolve("mnt"));
		}
		this.server = null;
		this.loops = null;
		this.context = null;
	}

	@Override
	public String toString() {
		return "E2bLocalServer[" + ((this.server != null) ? url() : "stopped") + "]";
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Return a random API key of the shape E2B uses.
	 * @return the key
	 */
	public static String randomApiKey() {
		byte[] bytes = new byte[20];
		new SecureRandom().nextBytes(bytes);
		return "e2b_" + HexFormat.of().formatHex(bytes);
	}

	/**
	 * Builder for {@link E2bLocalServer}.
	 */
	public static final class Builder {

		private String host = "127.0.0.1";

		private int port;

		private String apiKey = randomApiKey();

		private @Nullable Path dataDirectory;

		private Isolation isolation = Isolation.AUTO;

		private int maxJsonBytes = 1024 * 1024;

		private final Map<String, Path> templates = new LinkedHashMap<>();

		private int maxProcesses = Limits.DEFAULTS.processes();

		private long diskLimit = Limits.DEFAULTS.diskBytes();

		private int maxWatchers = Limits.DEFAULTS.watchers();

		private int maxCodeContexts = Limits.DEFAULTS.codeContexts();

		private int maxEnvVars = Limits.DEFAULTS.envVars();

		private int maxEnvBytes = Limits.DEFAULTS.envBytes();

		private long uidBase = VmFactory.DEFAULT_UID_BASE;

		private Builder() {
		}

		/**
		 * Set the address to listen on; loopback by default.
		 * @param host the address
		 * @return this builder
		 */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host);
			return this;
		}

		/**
		 * Set the port; 0 (the default) picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Set the API key clients must send.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			if (apiKey.isBlank()) {
				throw new IllegalArgumentException("apiKey must not be blank");
			}
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Set where sandboxes keep their files; a temporary directory, deleted on close,
		 * by default.
		 * @param dataDirectory the directory
		 * @return this builder
		 */
		public Builder dataDirectory(@Nullable Path dataDirectory) {
			this.dataDirectory = dataDirectory;
			return this;
		}

		/**
		 * Set how sandbox processes are isolated.
		 * @param isolation the isolation
		 * @return this builder
		 */
		public Builder isolation(Isolation isolation) {
			this.isolation = Objects.requireNonNull(isolation);
			return this;
		}

		/**
		 * Set the largest JSON request body accepted.
		 * @param maxJsonBytes the limit in bytes
		 * @return this builder
		 */
		public Builder maxJsonBytes(int maxJsonBytes) {
			this.maxJsonBytes = maxJsonBytes;
			return this;
		}

		/**
		 * Register a template: a root file system whose system directories ({@code /usr},
		 * {@code /bin}, {@code /lib}, {@code /etc}, {@code /opt} and the like) sandboxes
		 * created from it see read-only. {@code base} is built in, from this machine's
		 * {@code /usr} with a generated {@code /etc}.
		 * @param name the template's name, as clients pass it on create
		 * @param root the root file system, such as a Debian tree made by debootstrap
		 * @return this builder
		 */
		public Builder template(String name, Path root) {
			if (name.isBlank()) {
				throw new IllegalArgumentException("a template name must not be blank");
			}
			this.templates.put(name, Objects.requireNonNull(root));
			return this;
		}

		/**
		 * Set the most processes each user of a sandbox may run at once (512 by default).
		 * @param maxProcesses the limit
		 * @return this builder
		 */
		public Builder maxProcesses(int maxProcesses) {
			this.maxProcesses = positive(maxProcesses, "maxProcesses");
			return this;
		}

		/**
		 * Set the size of each sandbox's writable file system, in memory, which its
		 * processes and uploads share (2 GiB by default); beyond it writes fail, with 507
		 * for uploads.
		 * @param diskLimit the limit in bytes
		 * @return this builder
		 */
		public Builder diskLimit(long diskLimit) {
			if (diskLimit < 1024 * 1024) {
				throw new IllegalArgumentException("diskLimit must be at least 1 MiB");
			}
			this.diskLimit = diskLimit;
			return this;
		}

		/**
		 * Set the most directory watches one sandbox may have open at once (16 by
		 * default).
		 * @param maxWatchers the limit
		 * @return this builder
		 */
		public Builder maxWatchers(int maxWatchers) {
			this.maxWatchers = positive(maxWatchers, "maxWatchers");
			return this;
		}

		/**
		 * Set the most code-interpreter contexts one sandbox may have at once (8 by
		 * default): each is a kernel process that holds its memory while it lives.
		 * @param maxCodeContexts the limit
		 * @return this builder
		 */
		public Builder maxCodeContexts(int maxCodeContexts) {
			this.maxCodeContexts = positive(maxCodeContexts, "maxCodeContexts");
			return this;
		}

		/**
		 * Set the most environment variables a sandbox and one of its processes may set
		 * together (256 by default).
		 * @param maxEnvVars the limit
		 * @return this builder
		 */
		public Builder maxEnvVars(int maxEnvVars) {
			this.maxEnvVars = positive(maxEnvVars, "maxEnvVars");
			return this;
		}

		/**
		 * Set the most bytes those environment variables may take, names and values (128
		 * KiB by default).
		 * @param maxEnvBytes the limit
		 * @return this builder
		 */
		public Builder maxEnvBytes(int maxEnvBytes) {
			this.maxEnvBytes = positive(maxEnvBytes, "maxEnvBytes");
			return this;
		}

		/**
		 * Set the first host uid of the sandboxes' users when the server runs as root:
		 * each sandbox takes 65,536 uids from there, which must belong to nobody on the
		 * host. Without root, sandboxes run as the server's own uid.
		 * @param uidBase the first uid
		 * @return this builder
		 */
		public Builder uidBase(long uidBase) {
			if (uidBase < IdMap.RANGE || uidBase > 0xFFFF_FFFEL - IdMap.RANGE) {
				throw new IllegalArgumentException(
						"uidBase must be between " + IdMap.RANGE + " and " + (0xFFFF_FFFEL - IdMap.RANGE));
			}
			this.uidBase = uidBase;
			return this;
		}

		private static int positive(int value, String name) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be at least 1");
			}
			return value;
		}

		Limits limits() {
			return new Limits(this.maxProcesses, this.diskLimit, this.maxWatchers, this.maxEnvVars, this.maxEnvBytes,
					this.maxCodeContexts);
		}

		/**
		 * Build a server, not yet started.
		 * @return the server
		 */
		public E2bLocalServer build() {
			return new E2bLocalServer(this);
		}

	}

}
