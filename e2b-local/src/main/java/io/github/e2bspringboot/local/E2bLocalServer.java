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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
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
 * both set to {@link #url()}. For development and tests on one machine; never a security
 * boundary for production.
 *
 * <pre class="code">
 * try (E2bLocalServer server = E2bLocalServer.builder().build().start()) {
 *     String url = server.url();
 *     String apiKey = server.apiKey();
 * }
 * </pre>
 */
public final class E2bLocalServer implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(E2bLocalServer.class.getName());

	private static final Duration EXPIRY_CHECK = Duration.ofMillis(250);

	/** The template every server knows, as on E2B. */
	static final String BASE_TEMPLATE = "base";

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
		ProcessLauncher launcher = ProcessLauncher.create(this.settings.isolation);
		if (!launcher.isolated()) {
			logger.log(System.Logger.Level.WARNING, "e2b-local runs sandbox processes WITHOUT isolation ("
					+ launcher.whyNotIsolated() + "): commands run directly on this machine, absolute paths such"
					+ " as /home/user are the host's, and sandboxes can see each other. Install bubblewrap (in a"
					+ " container: allow user namespaces) for per-sandbox namespaces.");
		}
		try {
			Path configured = this.settings.dataDirectory;
			this.ownsDataDirectory = configured == null;
			this.dataDirectory = (configured != null) ? Files.createDirectories(configured)
					: Files.createTempDirectory("e2b-local-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the data directory of e2b-local", ex);
		}
		ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("e2b-local-io-"));
		ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemonThreads("e2b-local-timer-"));
		SandboxRegistry registry = new SandboxRegistry(this.dataDirectory);
		ServerContext context = new ServerContext(this.settings.apiKey, Set.of(BASE_TEMPLATE), registry, launcher,
				executor, scheduler, this.settings.maxJsonBytes, this.settings.sandboxDiskLimit);
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
		return Objects.requireNonNull(this.context, "not started").launcher().isolated();
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
			LocalSandbox.deleteTree(data);
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

		private long sandboxDiskLimit = 20L * 1024 * 1024 * 1024;

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
		 * Set the most bytes one sandbox's files may hold when written through the API;
		 * beyond it uploads fail with 507.
		 * @param sandboxDiskLimit the limit in bytes
		 * @return this builder
		 */
		public Builder sandboxDiskLimit(long sandboxDiskLimit) {
			this.sandboxDiskLimit = sandboxDiskLimit;
			return this;
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
