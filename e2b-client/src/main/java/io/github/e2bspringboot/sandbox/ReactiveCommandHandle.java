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
import io.github.e2bspringboot.sandbox.commands.CommandOutput;
import io.github.e2bspringboot.sandbox.commands.CommandResult;
import io.github.e2bspringboot.errors.E2bException;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A process running in the background, without blocking: its output as it arrives, its
 * result when it ends, and control over it. Disconnecting stops listening but leaves the
 * process running; {@link ReactiveCommands#connect(int)} attaches again.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class ReactiveCommandHandle {

	private final int pid;

	private final ReactiveCommands commands;

	private final CommandOptions options;

	private final StringBuilder stdout = new StringBuilder();

	private final StringBuilder stderr = new StringBuilder();

	private final Sinks.Many<CommandOutput> output = Sinks.many().multicast().directBestEffort();

	private final Sinks.One<CommandResult> result = Sinks.one();

	private final Disposable connection;

	private ReactiveCommandHandle(int pid, ReactiveCommands commands, CommandOptions options, Disposable connection) {
		this.pid = pid;
		this.commands = commands;
		this.options = options;
		this.connection = connection;
	}

	/**
	 * Listen to a process stream and complete once the process has started.
	 */
	static Mono<ReactiveCommandHandle> attach(Flux<ProcessEvent> events, ReactiveCommands commands,
			CommandOptions options) {
		return Mono.create((sink) -> {
			ReactiveCommandHandle[] handle = new ReactiveCommandHandle[1];
			Disposable.Swap connection = Disposables.swap();
			connection.update(events.subscribe((event) -> {
				if (event instanceof ProcessEvent.Started started) {
					handle[0] = new ReactiveCommandHandle(started.pid(), commands, options, connection);
					sink.success(handle[0]);
				}
				else if (handle[0] != null) {
					handle[0].accept(event);
				}
			}, (error) -> {
				if (handle[0] == null) {
					sink.error(error);
				}
				else {
					handle[0].fail(error);
				}
			}, () -> {
				if (handle[0] == null) {
					sink.error(new E2bException("The process stream ended before the process started"));
				}
				else {
					handle[0].fail(new E2bException("The process ended without reporting a result"));
				}
			}));
			// cancelling before the start stops listening; after it, the handle owns the
			// stream
			sink.onCancel(() -> {
				if (handle[0] == null) {
					connection.dispose();
				}
			});
		});
	}

	/**
	 * Return the process ID.
	 * @return the PID
	 */
	public int pid() {
		return this.pid;
	}

	/**
	 * Return the output from now on, live; earlier output is in {@link #stdout()} and
	 * {@link #stderr()}.
	 * @return the output
	 */
	public Flux<CommandOutput> output() {
		return this.output.asFlux();
	}

	/**
	 * Return what the process wrote to standard output so far.
	 * @return the output
	 */
	public synchronized String stdout() {
		return this.stdout.toString();
	}

	/**
	 * Return what the process wrote to standard error so far.
	 * @return the output
	 */
	public synchronized String stderr() {
		return this.stderr.toString();
	}

	/**
	 * Return the result once the process ends; a non-zero exit fails with
	 * {@link CommandExitException}.
	 * @return the result
	 */
	public Mono<CommandResult> result() {
		return this.result.asMono()
			.flatMap((result) -> (result.exitCode() != 0) ? Mono.error(new CommandExitException(result))
					: Mono.just(result));
	}

	/**
	 * Kill the process with SIGKILL.
	 * @return {@code true} when killed, {@code false} when it had already ended
	 */
	public Mono<Boolean> kill() {
		return this.commands.kill(this.pid);
	}

	/**
	 * Write to the process's stdin (started with {@code stdin(true)}).
	 * @param data the text, sent as UTF-8
	 * @return completion
	 */
	public Mono<Void> sendStdin(String data) {
		return this.commands.sendStdin(this.pid, data);
	}

	/**
	 * Close the process's stdin, so it reads end of file.
	 * @return completion
	 */
	public Mono<Void> closeStdin() {
		return this.commands.closeStdin(this.pid);
	}

	/**
	 * Stop listening without killing the process.
	 */
	public void disconnect() {
		this.connection.dispose();
		fail(new E2bException("Disconnected from process " + this.pid + "; connect again to follow it"));
	}

	private void accept(ProcessEvent event) {
		if (event instanceof ProcessEvent.Output chunk) {
			CommandOutput piece = chunk.output();
			synchronized (this) {
				(piece.channel() == CommandOutput.Channel.STDOUT ? this.stdout : this.stderr).append(piece.text());
			}
			ReactiveCommands.callback(this.options, piece);
			this.output.tryEmitNext(piece);
		}
		else if (event instanceof ProcessEvent.Ended ended) {
			this.result.tryEmitValue(new CommandResult(ended.exitCode(), stdout(), stderr(), ended.error()));
			this.output.tryEmitComplete();
		}
	}

	private void fail(Throwable error) {
		this.result.tryEmitError(error);
		this.output.tryEmitError(error);
	}

	@Override
	public String toString() {
		return "ReactiveCommandHandle[pid=" + this.pid + "]";
	}

}
