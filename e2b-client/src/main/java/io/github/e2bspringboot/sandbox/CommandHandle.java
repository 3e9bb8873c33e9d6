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

import io.github.e2bspringboot.sandbox.commands.CommandExitException;
import io.github.e2bspringboot.sandbox.commands.CommandResult;
import io.github.e2bspringboot.wire.Blocking;

/**
 * A process running in the background, blocking.
 *
 * <pre class="code">
 * CommandHandle server = sandbox.commands().start("python3 -m http.server 8000");
 * ...
 * server.kill();
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 * @see ReactiveCommandHandle
 */
public final class CommandHandle {

	private final ReactiveCommandHandle reactive;

	/**
	 * Create the blocking view over a reactive handle.
	 * @param reactive the reactive handle
	 */
	CommandHandle(ReactiveCommandHandle reactive) {
		this.reactive = reactive;
	}

	/**
	 * Return the process ID.
	 * @return the PID
	 */
	public int pid() {
		return this.reactive.pid();
	}

	/**
	 * Wait for the process to end.
	 * @return its result
	 * @throws CommandExitException when it exits with a non-zero code (or is killed)
	 */
	public CommandResult waitFor() {
		return Blocking.get(this.reactive.result());
	}

	/**
	 * Return what the process wrote to standard output so far.
	 * @return the output
	 */
	public String stdout() {
		return this.reactive.stdout();
	}

	/**
	 * Return what the process wrote to standard error so far.
	 * @return the output
	 */
	public String stderr() {
		return this.reactive.stderr();
	}

	/**
	 * Kill the process with SIGKILL.
	 * @return {@code true} when killed, {@code false} when it had already ended
	 */
	public boolean kill() {
		return Blocking.get(this.reactive.kill());
	}

	/**
	 * Write to the process's stdin (started with {@code stdin(true)}).
	 * @param data the text, sent as UTF-8
	 */
	public void sendStdin(String data) {
		Blocking.run(this.reactive.sendStdin(data));
	}

	/**
	 * Close the process's stdin, so it reads end of file.
	 */
	public void closeStdin() {
		Blocking.run(this.reactive.closeStdin());
	}

	/**
	 * Stop following the process without killing it.
	 */
	public void disconnect() {
		this.reactive.disconnect();
	}

	/**
	 * Return the reactive view of this handle.
	 * @return the reactive handle
	 */
	public ReactiveCommandHandle reactive() {
		return this.reactive;
	}

	@Override
	public String toString() {
		return "CommandHandle[pid=" + pid() + "]";
	}

}
