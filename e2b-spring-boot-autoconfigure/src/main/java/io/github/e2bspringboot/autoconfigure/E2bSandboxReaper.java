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
package io.github.e2bspringboot.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.e2bspringboot.sandbox.ReactiveSandboxOperations;
import io.github.e2bspringboot.sandbox.SandboxTracker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Kills the sandboxes this application created when its context closes, so none keeps
 * running (and billing) after the application is gone. It stops in a lifecycle phase
 * after the web server has finished its requests and before the HTTP client's resources
 * (Reactor Netty's event loops and connection pool, phase 0) are disposed, which a plain
 * destroy callback would come too late for.
 *
 * @author e2b-spring-boot contributors
 */
class E2bSandboxReaper implements SmartLifecycle {

	/**
	 * After the web server's graceful shutdown and stop (the highest phases), before
	 * {@code ReactorResourceFactory} (phase 0).
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(E2bSandboxReaper.class);

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	private final SandboxTracker tracker;

	private final ReactiveSandboxOperations sandboxes;

	private volatile boolean running;

	E2bSandboxReaper(SandboxTracker tracker, ReactiveSandboxOperations sandboxes) {
		this.tracker = tracker;
		this.sandboxes = sandboxes;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		killTracked();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void killTracked() {
		List<SandboxTracker.TrackedSandbox> remaining = this.tracker.sandboxes();
		if (remaining.isEmpty()) {
			return;
		}
		logger.info("Killing " + remaining.size() + " sandbox(es) this application created");
		try {
			Flux.fromIterable(remaining)
				.flatMap((tracked) -> this.sandboxes.kill(tracked.sandboxId()).onErrorResume((ex) -> {
					logger.warn("Could not kill sandbox " + tracked.sandboxId() + " on shutdown: " + ex.getMessage());
					return Mono.empty();
				}), 8)
				.blockLast(SHUTDOWN_TIMEOUT);
		}
		catch (IllegalStateException ex) {
			logger.warn("Gave up killing sandboxes after " + SHUTDOWN_TIMEOUT.toSeconds() + " s: " + ex.getMessage());
		}
	}

}
