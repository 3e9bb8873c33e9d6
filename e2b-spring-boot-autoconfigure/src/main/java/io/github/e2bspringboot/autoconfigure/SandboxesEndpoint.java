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
import java.time.Instant;
import java.util.List;

import io.github.e2bspringboot.sandbox.ReactiveSandboxOperations;
import io.github.e2bspringboot.sandbox.SandboxTracker;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code sandboxes} Actuator endpoint: lists the sandboxes this application created
 * and kills one of them by ID. It acts on those sandboxes only (any other ID is not
 * found), and a kill answers within {@link #KILL_TIMEOUT}. Not exposed over the web
 * unless the application exposes it;
 * {@code management.endpoint.sandboxes.access=read-only} keeps the list and drops the
 * kill.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
@Endpoint(id = "sandboxes")
public class SandboxesEndpoint {

	/** The longest a kill may take before the endpoint answers that it timed out. */
	public static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

	private final SandboxTracker tracker;

	private final ReactiveSandboxOperations sandboxes;

	private final Duration killTimeout;

	/**
	 * Create the endpoint.
	 * @param tracker the tracked sandboxes
	 * @param sandboxes the operations used to kill
	 */
	public SandboxesEndpoint(SandboxTracker tracker, ReactiveSandboxOperations sandboxes) {
		this(tracker, sandboxes, KILL_TIMEOUT);
	}

	SandboxesEndpoint(SandboxTracker tracker, ReactiveSandboxOperations sandboxes, Duration killTimeout) {
		this.tracker = tracker;
		this.sandboxes = sandboxes;
		this.killTimeout = killTimeout;
	}

	/**
	 * List the sandboxes this application created and did not kill.
	 * @return the sandboxes
	 */
	@ReadOperation
	public SandboxesDescriptor sandboxes() {
		return new SandboxesDescriptor(this.tracker.sandboxes()
			.stream()
			.map((tracked) -> new SandboxDescriptor(tracked.sandboxId(), tracked.template(), tracked.startedAt(),
					tracked.endAt()))
			.toList());
	}

	/**
	 * Kill a sandbox this application created.
	 * @param id the sandbox ID
	 * @return whether it was killed, or {@code null} (not found) for a sandbox this
	 * application does not hold
	 * @throws IllegalStateException when the kill did not finish within
	 * {@link #KILL_TIMEOUT}
	 */
	@DeleteOperation
	public @Nullable KillDescriptor kill(@Selector String id) {
		if (this.tracker.get(id) == null) {
			return null;
		}
		Boolean killed = this.sandboxes.kill(id).block(this.killTimeout);
		return new KillDescriptor(id, Boolean.TRUE.equals(killed));
	}

	/**
	 * The sandboxes an application holds.
	 *
	 * @param sandboxes the sandboxes, oldest first
	 */
	public record SandboxesDescriptor(List<SandboxDescriptor> sandboxes) {
	}

	/**
	 * One sandbox.
	 *
	 * @param id its ID
	 * @param template its template
	 * @param started when it was created
	 * @param ends when its lifetime ends unless extended
	 */
	public record SandboxDescriptor(String id, String template, Instant started, Instant ends) {
	}

	/**
	 * The outcome of a kill.
	 *
	 * @param id the sandbox ID
	 * @param killed {@code true} when killed, {@code false} when it had already ended
	 */
	public record KillDescriptor(String id, boolean killed) {
	}

}
