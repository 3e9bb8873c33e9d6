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
package io.github.e2bspringboot.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * The sandboxes this application created and has not killed, so they can be counted,
 * listed and, on shutdown, cleaned up. A sandbox whose lifetime has passed is forgotten
 * (E2B has ended it) the next time the tracker is read or changed, so the tracker holds
 * no more than the sandboxes that can still be alive.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class SandboxTracker {

	/** The template reported for a sandbox this application did not create. */
	public static final String UNTRACKED_TEMPLATE = "unknown";

	private final Map<String, TrackedSandbox> sandboxes = new ConcurrentHashMap<>();

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private final Clock clock;

	/**
	 * Create a tracker on the system clock.
	 */
	public SandboxTracker() {
		this(Clock.systemUTC());
	}

	/**
	 * Create a tracker.
	 * @param clock the clock that tells when lifetimes pass
	 */
	public SandboxTracker(Clock clock) {
		this.clock = clock;
	}

	/**
	 * A sandbox this application created.
	 *
	 * @param sandboxId the sandbox ID
	 * @param template the template it was created from
	 * @param startedAt when it was created
	 * @param endAt when its lifetime ends unless extended
	 */
	public record TrackedSandbox(String sandboxId, String template, Instant startedAt, Instant endAt) {
	}

	/**
	 * How a kill ended.
	 */
	public enum KillOutcome {

		/** The sandbox was killed. */
		SUCCESS,

		/** There was nothing to kill: the sandbox had already ended. */
		NOT_FOUND,

		/** The kill failed; the sandbox may still run. */
		ERROR

	}

	/**
	 * Hears what happens to sandboxes, for metrics. For the sandboxes of one template,
	 * the live count is the successful creates less the kills that ended a tracked
	 * sandbox ({@link KillOutcome#SUCCESS} or {@link KillOutcome#NOT_FOUND}) and the
	 * expirations.
	 */
	public interface Listener {

		/**
		 * A create finished.
		 * @param template the template
		 * @param success whether a sandbox was created
		 */
		default void created(String template, boolean success) {
		}

		/**
		 * A kill finished.
		 * @param template the template, or {@value #UNTRACKED_TEMPLATE} for a sandbox
		 * this application did not create
		 * @param outcome how it ended
		 */
		default void killed(String template, KillOutcome outcome) {
		}

		/**
		 * A tracked sandbox was forgotten because its lifetime passed.
		 * @param template the template
		 */
		default void expired(String template) {
		}

	}

	/**
	 * Add a listener.
	 * @param listener the listener
	 */
	public void addListener(Listener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Record a created sandbox.
	 * @param sandboxId its ID
	 * @param template its template
	 * @param timeout its lifetime
	 */
	public void created(String sandboxId, String template, Duration timeout) {
		Instant now = this.clock.instant();
		forgetExpired(now);
		this.sandboxes.put(sandboxId, new TrackedSandbox(sandboxId, template, now, now.plus(timeout)));
		this.listeners.forEach((listener) -> listener.created(template, true));
	}

	/**
	 * Record a create that failed.
	 * @param template the template
	 */
	public void createFailed(String template) {
		this.listeners.forEach((listener) -> listener.created(template, false));
	}

	/**
	 * Record a new lifetime.
	 * @param sandboxId the sandbox ID
	 * @param timeout the lifetime from now
	 */
	public void extended(String sandboxId, Duration timeout) {
		Instant now = this.clock.instant();
		this.sandboxes.computeIfPresent(sandboxId,
				(id, tracked) -> new TrackedSandbox(id, tracked.template(), tracked.startedAt(), now.plus(timeout)));
	}

	/**
	 * Record that a sandbox lives at least the given time from now (a connect, which
	 * never shortens a lifetime).
	 * @param sandboxId the sandbox ID
	 * @param timeout the least lifetime from now
	 */
	public void renewed(String sandboxId, Duration timeout) {
		Instant endAt = this.clock.instant().plus(timeout);
		this.sandboxes.computeIfPresent(sandboxId, (id, tracked) -> tracked.endAt().isBefore(endAt)
				? new TrackedSandbox(id, tracked.template(), tracked.startedAt(), endAt) : tracked);
	}

	/**
	 * Record a kill. A sandbox that was killed, or had already ended, is forgotten.
	 * @param sandboxId the sandbox ID
	 * @param outcome how the kill ended
	 */
	public void killed(String sandboxId, KillOutcome outcome) {
		TrackedSandbox tracked = (outcome != KillOutcome.ERROR) ? this.sandboxes.remove(sandboxId)
				: this.sandboxes.get(sandboxId);
		String template = (tracked != null) ? tracked.template() : UNTRACKED_TEMPLATE;
		this.listeners.forEach((listener) -> listener.killed(template, outcome));
		forgetExpired(this.clock.instant());
	}

	/**
	 * Return the tracked sandboxes whose lifetime has not passed, oldest first.
	 * @return the sandboxes
	 */
	public List<TrackedSandbox> sandboxes() {
		forgetExpired(this.clock.instant());
		return this.sandboxes.values().stream().sorted(Comparator.comparing(TrackedSandbox::startedAt)).toList();
	}

	/**
	 * Return how many tracked sandboxes are alive.
	 * @return the count
	 */
	public int count() {
		forgetExpired(this.clock.instant());
		return this.sandboxes.size();
	}

	/**
	 * Return a tracked sandbox.
	 * @param sandboxId the sandbox ID
	 * @return the sandbox, or {@code null} when not tracked
	 */
	public @Nullable TrackedSandbox get(String sandboxId) {
		return this.sandboxes.get(sandboxId);
	}

	private void forgetExpired(Instant now) {
		for (TrackedSandbox tracked : this.sandboxes.values()) {
			// remove(key, value): exactly one caller forgets it, even when several race
			if (tracked.endAt().isBefore(now) && this.sandboxes.remove(tracked.sandboxId(), tracked)) {
				this.listeners.forEach((listener) -> listener.expired(tracked.template()));
			}
		}
	}

}
