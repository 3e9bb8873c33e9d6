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
import io.github.e2bspringboot.sandbox.commands.CommandOptions;
import io.github.e2bspringboot.sandbox.commands.CommandResult;
import io.github.e2bspringboot.sandbox.commands.ProcessInfo;
import java.time.Duration;
import java.util.List;

import io.github.e2bspringboot.wire.Blocking;

/**
 * The processes of one sandbox, blocking. Commands run as
 * {@code /bin/bash -l -c <command>}.
 *
 * <pre class="code">
 * CommandResult result = sandbox.commands().run("python3 /home/user/main.py");
 * String output = result.stdout();
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 * @see ReactiveCommands
 */
public final class Commands {

	private final ReactiveCommands reactive;

	/**
	 * Create the blocking view over reactive commands.
	 * @param reactive the reactive commands
	 */
	Commands(ReactiveCommands reactive) {
		this.reactive = reactive;
	}

	/**
	 * Run a command and wait for it to end.
	 * @param command the shell command
	 * @return its result
	 * @throws CommandExitException when it exits with a non-zero code
	 */
	public CommandResult run(String command) {
		return Blocking.get(this.reactive.run(command));
	}

	/**
	 * Run a command and wait for it to end.
	 * @param command the shell command
	 * @param options how to run it
	 * @return its result
	 * @throws CommandExitException when it exits with a non-zero code
	 */
	public CommandResult run(String command, CommandOptions options) {
		return Blocking.get(this.reactive.run(command, options));
	}

	/**
	 * Start a command in the background.
	 * @param command the shell command
	 * @return a handle, once the process has started
	 */
	public CommandHandle start(String command) {
		return new CommandHandle(Blocking.get(this.reactive.start(command)));
	}

	/**
	 * Start a command in the background.
	 * @param command the shell command
	 * @param options how to run it; the timeout still bounds its life
	 * @return a handle, once the process has started
	 */
	public CommandHandle start(String command, CommandOptions options) {
		return new CommandHandle(Blocking.get(this.reactive.start(command, options)));
	}

	/**
	 * Attach to a running process and follow its further output.
	 * @param pid the process ID
	 * @return a handle
	 */
	public CommandHandle connect(int pid) {
		return new CommandHandle(Blocking.get(this.reactive.connect(pid)));
	}

	/**
	 * Attach to a running process for at most the given time.
	 * @param pid the process ID
	 * @param timeout how long to follow it; zero for no limit
	 * @return a handle
	 */
	public CommandHandle connect(int pid, Duration timeout) {
		return new CommandHandle(Blocking.get(this.reactive.connect(pid, timeout)));
	}

	/**
	 * List the running processes.
	 * @return the processes
	 */
	public List<ProcessInfo> list() {
		return Blocking.get(this.reactive.list());
	}

	/**
	 * Kill a process with SIGKILL.
	 * @param pid the process ID
	 * @return {@code true} when killed, {@code false} when no such process runs
	 */
	public boolean kill(int pid) {
		return Blocking.get(this.reactive.kill(pid));
	}

	/**
	 * Write to a process's stdin (started with {@code stdin(true)}).
	 * @param pid the process ID
	 * @param data the text, sent as UTF-8
	 */
	public void sendStdin(int pid, String data) {
		Blocking.run(this.reactive.sendStdin(pid, data));
	}

	/**
	 * Close a process's stdin.
	 * @param pid the process ID
	 */
	public void closeStdin(int pid) {
		Blocking.run(this.reactive.closeStdin(pid));
	}

	/**
	 * Return the reactive view of these commands.
	 * @return the reactive commands
	 */
	public ReactiveCommands reactive() {
		return this.reactive;
	}

}
