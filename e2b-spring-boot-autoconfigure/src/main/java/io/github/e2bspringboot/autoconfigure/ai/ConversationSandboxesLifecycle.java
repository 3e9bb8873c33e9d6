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
package io.github.e2bspringboot.autoconfigure.ai;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.e2bspringboot.ai.ConversationSandboxes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Kills idle conversation sandboxes while the application runs, and every one of them
 * when it stops: just before the sandbox reaper, which then finds nothing of them left.
 *
 * @author e2b-spring-boot contributors
 */
class ConversationSandboxesLifecycle implements SmartLifecycle {

	/**
	 * One above the sandbox reaper's phase: stops right before it (a higher phase stops
	 * first).
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096 + 1;

	/** Often enough that a sandbox outlives its idle time by a quarter of it at most. */
	private static final Duration LONGEST_SWEEP_INTERVAL = Duration.ofSeconds(30);

	private static final Log logger = LogFactory.getLog(ConversationSandboxesLifecycle.class);

	private final ConversationSandboxes sandboxes;

	private final Duration sweepInterval;

	private volatile @Nullable ScheduledExecutorService sweeper;

	ConversationSandboxesLifecycle(ConversationSandboxes sandboxes, Duration idleTimeout) {
		this.sandboxes = sandboxes;
		Duration quarter = idleTimeout.dividedBy(4);
		this.sweepInterval = (quarter.compareTo(LONGEST_SWEEP_INTERVAL) < 0)
				? (quarter.isZero() ? Duration.ofMillis(100) : quarter) : LONGEST_SWEEP_INTERVAL;
	}

	@Override
	public void start() {
		ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "e2b-ai-conversation-sweeper");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.sweepInterval.toMillis();
		sweeper.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
		this.sweeper = sweeper;
	}

	private void sweep() {
		try {
			int killed = this.sandboxes.killIdle();
			if (killed > 0 && logger.isDebugEnabled()) {
				logger.debug("Killed " + killed + " idle conversation sandbox(es)");
			}
		}
		catch (RuntimeException ex) {
			// the next sweep tries again
			logger.warn("Could not kill idle conversation sandboxes: " + ex.getMessage());
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService sweeper = this.sweeper;
		this.sweeper = null;
		if (sweeper != null) {
			sweeper.shutdownNow();
		}
		this.sandboxes.close();
	}

	@Override
	public boolean isRunning() {
		return this.sweeper != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
