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
import java.util.List;

import io.github.e2bspringboot.observation.SandboxObservationScope;
import io.github.e2bspringboot.sandbox.ReactiveCommands;
import io.github.e2bspringboot.sandbox.ReactiveFilesystem;
import io.github.e2bspringboot.wire.CodeInterpreterClient;
import io.github.e2bspringboot.wire.CreatedSandbox;
import io.github.e2bspringboot.wire.EnvdClient;
import reactor.core.publisher.Mono;

/**
 * One live sandbox, without blocking: its identity, its files, processes and code
 * interpreter, and its lifecycle. Obtained from
 * {@link ReactiveSandboxOperations#create()} or
 * {@link ReactiveSandboxOperations#connect(String)}. {@link #toString()} never shows the
 * access token.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class ReactiveSandbox {

	private final CreatedSandbox sandbox;

	private final ReactiveSandboxOperations operations;

	private final EnvdClient envd;

	private final ReactiveFilesystem files;

	private final ReactiveCommands commands;

	private final ReactiveCodeInterpreter codeInterpreter;

	private final SandboxObservationScope observations;

	/**
	 * Create the handle of a sandbox. Obtained from the template, not built by
	 * applications.
	 * @param sandbox what the control plane returned
	 * @param operations the operations to delegate lifecycle calls to
	 * @param envd the sandbox's daemon
	 * @param directUrl the envd URL that needs no routing headers, for signed file URLs
	 * @param codeInterpreter the sandbox's code interpreter
	 * @param observations observes the sandbox's file transfers, commands and code runs
	 */
	ReactiveSandbox(CreatedSandbox sandbox, ReactiveSandboxOperations operations, EnvdClient envd, String directUrl,
			CodeInterpreterClient codeInterpreter, SandboxObservationScope observations) {
		this.sandbox = sandbox;
		this.operations = operations;
		this.envd = envd;
		this.files = new ReactiveFilesystem(envd,
				new ReactiveFilesystem.FileAccess(directUrl, sandbox.envdAccessToken(), sandbox.envdVersion()),
				observations);
		this.commands = new ReactiveCommands(envd, observations);
		this.codeInterpreter = new ReactiveCodeInterpreter(codeInterpreter, observations);
		this.observations = observations;
	}

	/**
	 * Return the sandbox ID.
	 * @return the ID
	 */
	public String id() {
		return this.sandbox.sandboxId();
	}

	/**
	 * Return the ID of the template the sandbox was created from.
	 * @return the template ID
	 */
	public String templateId() {
		return this.sandbox.templateId();
	}

	/**
	 * Return the version of the sandbox's daemon.
	 * @return the envd version
	 */
	public String envdVersion() {
		return this.sandbox.envdVersion();
	}

	/**
	 * Return whether the sandbox's daemon requires the access token this handle holds.
	 * @return whether the sandbox is secure
	 */
	public boolean isSecure() {
		return this.sandbox.envdAccessToken() != null;
	}

	/**
	 * Return the sandbox's files.
	 * @return the filesystem
	 */
	public ReactiveFilesystem files() {
		return this.files;
	}

	/**
	 * Return the sandbox's processes.
	 * @return the commands
	 */
	public ReactiveCommands commands() {
		return this.commands;
	}

	/**
	 * Return the sandbox's code interpreter, served by sandboxes of a code-interpreter
	 * template such as those {@link ReactiveSandboxOperations#createForCode()} creates.
	 * @return the code interpreter
	 */
	public ReactiveCodeInterpreter codeInterpreter() {
		return this.codeInterpreter;
	}

	/**
	 * Ask the sandbox's daemon whether it runs.
	 * @return {@code true} when it runs, {@code false} when it is paused, killed or
	 * expired
	 */
	public Mono<Boolean> isRunning() {
		return this.observations.observe("health", this.envd.health());
	}

	/**
	 * Set the remaining lifetime; this may shorten it.
	 * @param timeout the lifetime from now
	 * @return completion
	 */
	public Mono<Void> setTimeout(Duration timeout) {
		return this.operations.setTimeout(id(), timeout);
	}

	/**
	 * Describe the sandbox.
	 * @return its description
	 */
	public Mono<SandboxInfo> getInfo() {
		return this.operations.getInfo(id());
	}

	/**
	 * Read the sandbox's resource-usage samples.
	 * @return the samples
	 */
	public Mono<List<SandboxMetrics>> getMetrics() {
		return this.operations.getMetrics(id());
	}

	/**
	 * Pause the sandbox; {@link #resume()} brings it back.
	 * @return {@code true} when paused, {@code false} when it already was
	 */
	public Mono<Boolean> pause() {
		return this.operations.pause(id());
	}

	/**
	 * Resume the sandbox when it is paused; a running one is left as it is.
	 * @return completion
	 */
	public Mono<Void> resume() {
		return this.operations.connect(id()).then();
	}

	/**
	 * Kill the sandbox.
	 * @return {@code true} when killed, {@code false} when it no longer existed
	 */
	public Mono<Boolean> kill() {
		return this.operations.kill(id());
	}

	@Override
	public String toString() {
		return "ReactiveSandbox[id=" + id() + ", templateId=" + templateId() + ", secure=" + isSecure() + "]";
	}

}
