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

import java.time.Instant;
import java.util.List;

import io.github.e2bspringboot.sandbox.ReactiveSandboxOperations;
import io.github.e2bspringboot.sandbox.SandboxTracker;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code sandboxes} Actuator endpoint: lists the sandboxes this application created
 * and kills one by ID. Not exposed over the web unless the application exposes it.
 *
 * @author e2b-spring-boot contributors
 */
@Endpoint(id = "sandboxes")
public class SandboxesEndpoint {

	private final SandboxTracker tracker;

	private final ReactiveSandboxOperations sandboxes;

	/**
	 * Create the endpoint.
	 * @param tracker the tracked sandboxes
	 * @param sandboxes the operations used to kill
	 */
	public SandboxesEndpoint(SandboxTracker tracker, ReactiveSandboxOperations sandboxes) {
		this.tracker = tracker;
		this.sandboxes = sandboxes;
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
	 * Kill a sandbox.
	 * @param id the sandbox ID
	 * @return whether it was killed
	 */
	@DeleteOperation
	public KillDescriptor kill(@Selector String id) {
		Boolean killed = this.sandboxes.kill(id).block();
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
	 * @param killed {@code true} when killed, {@code false} when it no longer existed
	 */
	public record KillDescriptor(String id, boolean killed) {
	}

}
