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

import io.github.e2bspringboot.sandbox.Commands;
import io.github.e2bspringboot.sandbox.Filesystem;
import io.github.e2bspringboot.wire.Blocking;

/**
 * One live sandbox, blocking. Closing it kills it, so try-with-resources leaves nothing
 * running:
 *
 * <pre class="code">
 * try (Sandbox sandbox = sandboxes.create()) {
 *     sandbox.files().write("/home/user/data.txt", "hello");
 * }
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 * @see ReactiveSandbox
 */
public final class Sandbox implements AutoCloseable {

	private final ReactiveSandbox reactive;

	private final Filesystem files;

	private final Commands commands;

	private final CodeInterpreter codeInterpreter;

	/**
	 * Create the blocking view over a reactive sandbox.
	 * @param reactive the reactive sandbox
	 */
	Sandbox(ReactiveSandbox reactive) {
		this.reactive = reactive;
		this.files = new Filesystem(reactive.files());
		this.commands = new Commands(reactive.commands());
		this.codeInterpreter = new CodeInterpreter(reactive.codeInterpreter());
	}

	/**
	 * Return the sandbox ID.
	 * @return the ID
	 */
	public String id() {
		return this.reactive.id();
	}

	/**
	 * Return the ID of the template the sandbox was created from.
	 * @return the template ID
	 */
	public String templateId() {
		return this.reactive.templateId();
	}

	/**
	 * Return the version of the sandbox's daemon.
	 * @return the envd version
	 */
	public String envdVersion() {
		return this.reactive.envdVersion();
	}

	/**
	 * Return whether the sandbox's daemon requires the access token this handle holds.
	 * @return whether the sandbox is secure
	 */
	public boolean isSecure() {
		return this.reactive.isSecure();
	}

	/**
	 * Return the sandbox's files.
	 * @return the filesystem
	 */
	public Filesystem files() {
		return this.files;
	}

	/**
	 * Return the sandbox's processes.
	 * @return the commands
	 */
	public Commands commands() {
		return this.commands;
	}

	/**
	 * Return the sandbox's code interpreter, served by sandboxes of a code-interpreter
	 * template such as those {@link SandboxOperations#createForCode()} creates.
	 * @return the code interpreter
	 */
	public CodeInterpreter codeInterpreter() {
		return this.codeInterpreter;
	}

	/**
	 * Return the reactive view of this sandbox.
	 * @return the reactive sandbox
	 */
	public ReactiveSandbox reactive() {
		return this.reactive;
	}

	/**
	 * Ask the sandbox's daemon whether it runs.
	 * @return {@code true} when it runs, {@code false} when it is paused, killed or
	 * expired
	 */
	public boolean isRunning() {
		return Blocking.get(this.reactive.isRunning());
	}

	/**
	 * Set the remaining lifetime; this may shorten it.
	 * @param timeout the lifetime from now
	 */
	public void setTimeout(Duration timeout) {
		Blocking.run(this.reactive.setTimeout(timeout));
	}

	/**
	 * Describe the sandbox.
	 * @return its description
	 */
	public SandboxInfo getInfo() {
		return Blocking.get(this.reactive.getInfo());
	}

	/**
	 * Read the sandbox's resource-usage samples.
	 * @return the samples
	 */
	public List<SandboxMetrics> getMetrics() {
		return Blocking.get(this.reactive.getMetrics());
	}

	/**
	 * Pause the sandbox; {@link #resume()} brings it back.
	 * @return {@code true} when paused, {@code false} when it already was
	 */
	public boolean pause() {
		return Blocking.get(this.reactive.pause());
	}

	/**
	 * Resume the sandbox when it is paused; a running one is left as it is.
	 */
	public void resume() {
		Blocking.run(this.reactive.resume());
	}

	/**
	 * Kill the sandbox.
	 * @return {@code true} when killed, {@code false} when it no longer existed
	 */
	public boolean kill() {
		return Blocking.get(this.reactive.kill());
	}

	/**
	 * Kill the sandbox; a sandbox that is already gone is fine.
	 */
	@Override
	public void close() {
		kill();
	}

	@Override
	public String toString() {
		return "Sandbox[id=" + id() + ", templateId=" + templateId() + ", secure=" + isSecure() + "]";
	}

}
