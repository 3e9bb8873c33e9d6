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

import io.github.e2bspringboot.sandbox.ReactiveSandboxOperations;
import io.github.e2bspringboot.sandbox.SandboxTracker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.DisposableBean;

/**
 * Kills the sandboxes this application created when its context closes, so none keeps
 * running (and billing) after the application is gone.
 *
 * @author e2b-spring-boot contributors
 */
class E2bSandboxReaper implements DisposableBean {

	private static final Log logger = LogFactory.getLog(E2bSandboxReaper.class);

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	private final SandboxTracker tracker;

	private final ReactiveSandboxOperations sandboxes;

	E2bSandboxReaper(SandboxTracker tracker, ReactiveSandboxOperations sandboxes) {
		this.tracker = tracker;
		this.sandboxes = sandboxes;
	}

	@Override
	public void destroy() {
		var remaining = this.tracker.sandboxes();
		if (remaining.isEmpty()) {
			return;
		}
		logger.info("Killing " + remaining.size() + " sandbox(es) this application created");
		try {
			Flux.fromIterable(remaining)
				.flatMap((tracked) -> this.sandboxes.kill(tracked.sandboxId()).onErrorResume((ex) -> {
					logger.warn("Could not kill sandbox " + tracked.sandboxId() + " on shutdown: " + ex.getMessage());
					return reactor.core.publisher.Mono.empty();
				}), 8)
				.blockLast(SHUTDOWN_TIMEOUT);
		}
		catch (IllegalStateException ex) {
			logger.warn("Gave up killing sandboxes after " + SHUTDOWN_TIMEOUT.toSeconds() + " s: " + ex.getMessage());
		}
	}

}
