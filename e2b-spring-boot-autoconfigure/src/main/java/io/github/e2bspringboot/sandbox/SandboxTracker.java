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
 * listed and, on shutdown, cleaned up. Sandboxes whose lifetime has passed are forgotten:
 * E2B has ended them.
 *
 * @author e2b-spring-boot contributors
 */
public class SandboxTracker {

	private final Map<String, TrackedSandbox> sandboxes = new ConcurrentHashMap<>();

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

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
	 * Hears what happens to sandboxes, for metrics.
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
		 * @param template the template, or {@code unknown} for a sandbox created
		 * elsewhere
		 * @param success whether the call succeeded (a sandbox that no longer existed is
		 * a success)
		 */
		default void killed(String template, boolean success) {
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
		Instant now = Instant.now();
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
		this.sandboxes.computeIfPresent(sandboxId, (id, tracked) -> new TrackedSandbox(id, tracked.template(),
				tracked.startedAt(), Instant.now().plus(timeout)));
	}

	/**
	 * Record a kill.
	 * @param sandboxId the sandbox ID
	 * @param success whether the call succeeded
	 */
	public void killed(String sandboxId, boolean success) {
		TrackedSandbox tracked = success ? this.sandboxes.remove(sandboxId) : this.sandboxes.get(sandboxId);
		String template = (tracked != null) ? tracked.template() : "unknown";
		this.listeners.forEach((listener) -> listener.killed(template, success));
	}

	/**
	 * Return the tracked sandboxes whose lifetime has not passed, oldest first.
	 * @return the sandboxes
	 */
	public List<TrackedSandbox> sandboxes() {
		Instant now = Instant.now();
		this.sandboxes.values().removeIf((tracked) -> tracked.endAt().isBefore(now));
		return this.sandboxes.values().stream().sorted(Comparator.comparing(TrackedSandbox::startedAt)).toList();
	}

	/**
	 * Return how many tracked sandboxes are alive.
	 * @return the count
	 */
	public int count() {
		return sandboxes().size();
	}

	/**
	 * Return a tracked sandbox.
	 * @param sandboxId the sandbox ID
	 * @return the sandbox, or {@code null} when not tracked
	 */
	public @Nullable TrackedSandbox get(String sandboxId) {
		return this.sandboxes.get(sandboxId);
	}

}
