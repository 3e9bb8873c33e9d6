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
import io.github.e2bspringboot.sandbox.commands.ProcessInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.NotFoundException;
import io.github.e2bspringboot.observation.SandboxObservationScope;
import io.github.e2bspringboot.wire.Arguments;
import io.github.e2bspringboot.wire.EnvdClient;
import io.github.e2bspringboot.wire.EnvdMessages;
import io.github.e2bspringboot.wire.ProcessFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The processes of one sandbox, without blocking. Commands run as
 * {@code /bin/bash -l -c <command>}, like the official SDKs run them.
 *
 * <pre class="code">
 * sandbox.commands().run("python3 main.py").map(CommandResult::stdout);
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 * @see Commands
 */
public final class ReactiveCommands {

	private final EnvdClient envd;

	private final SandboxObservationScope observations;

	/**
	 * Create the commands of a sandbox. Obtained from a sandbox, not built by
	 * applications.
	 * @param envd the sandbox's daemon
	 * @param observations observes command runs
	 */
	ReactiveCommands(EnvdClient envd, SandboxObservationScope observations) {
		this.envd = envd;
		this.observations = observations;
	}

	/**
	 * Run a command and wait for it to end.
	 * @param command the shell command
	 * @return its result; a non-zero exit fails with {@link CommandExitException}
	 */
	public Mono<CommandResult> run(String command) {
		return run(command, CommandOptions.defaults());
	}

	/**
	 * Run a command and wait for it to end.
	 * @param command the shell command
	 * @param options how to run it
	 * @return its result; a non-zero exit fails with {@link CommandExitException}
	 */
	public Mono<CommandResult> run(String command, CommandOptions options) {
		return this.observations.observe("command.run", Mono.defer(() -> {
			StringBuilder stdout = new StringBuilder();
			StringBuilder stderr = new StringBuilder();
			return events(command, options)
				.handle((ProcessEvent event, reactor.core.publisher.SynchronousSink<CommandResult> sink) -> {
					if (event instanceof ProcessEvent.Output chunk) {
						(chunk.output().channel() == CommandOutput.Channel.STDOUT ? stdout : stderr)
							.append(chunk.output().text());
						callback(options, chunk.output());
					}
					else if (event instanceof ProcessEvent.Ended ended) {
						CommandResult result = new CommandResult(ended.exitCode(), stdout.toString(), stderr.toString(),
								ended.error());
						if (result.exitCode() != 0) {
							sink.error(new CommandExitException(result));
						}
						else {
							sink.next(result);
						}
					}
				})
				.next()
				.switchIfEmpty(Mono.error(() -> new E2bException("The process ended without reporting a result")));
		}));
	}

	/**
	 * Run a command and stream its output with backpressure: the sandbox's output is read
	 * only as fast as it is consumed. Completes when the command exits with 0; a non-zero
	 * exit fails with {@link CommandExitException} after the output.
	 * @param command the shell command
	 * @param options how to run it
	 * @return the output
	 */
	public Flux<CommandOutput> stream(String command, CommandOptions options) {
		return this.observations.observe("command.run", events(command, options).handle((event, sink) -> {
			if (event instanceof ProcessEvent.Output chunk) {
				sink.next(chunk.output());
			}
			else if (event instanceof ProcessEvent.Ended ended && ended.exitCode() != 0) {
				sink.error(new CommandExitException(new CommandResult(ended.exitCode(), "", "", ended.error())));
			}
		}));
	}

	/**
	 * Start a command in the background.
	 * @param command the shell command
	 * @return a handle, once the process has started
	 */
	public Mono<ReactiveCommandHandle> start(String command) {
		return start(command, CommandOptions.defaults());
	}

	/**
	 * Start a command in the background.
	 * @param command the shell command
	 * @param options how to run it; the timeout still bounds its life
	 * @return a handle, once the process has started
	 */
	public Mono<ReactiveCommandHandle> start(String command, CommandOptions options) {
		return this.observations.observe("command.start",
				ReactiveCommandHandle.attach(events(command, options), this, options));
	}

	/**
	 * Attach to a running process and follow its further output.
	 * @param pid the process ID
	 * @return a handle
	 */
	public Mono<ReactiveCommandHandle> connect(int pid) {
		return connect(pid, CommandOptions.DEFAULT_TIMEOUT);
	}

	/**
	 * Attach to a running process for at most the given time (zero for no limit); the
	 * process goes on after that.
	 * @param pid the process ID
	 * @param timeout how long to follow it
	 * @return a handle
	 */
	public Mono<ReactiveCommandHandle> connect(int pid, Duration timeout) {
		Flux<ProcessFrame> frames = Flux
			.defer(() -> EnvdMessages.processFrames(this.envd.stream("process.Process/Connect",
					Map.of("process", Map.of("pid", pid)), null, Arguments.requireNonNull(timeout, "timeout"), false)));
		return this.observations.observe("command.connect",
				ReactiveCommandHandle.attach(ProcessEvent.parse(frames), this, CommandOptions.defaults()));
	}

	/**
	 * List the running processes.
	 * @return the processes
	 */
	public Mono<List<ProcessInfo>> list() {
		return this.observations.observe("command.list",
				this.envd.unary("process.Process/List", Map.of(), null, false).map(EnvdMessages::processes));
	}

	/**
	 * Kill a process with SIGKILL.
	 * @param pid the process ID
	 * @return {@code true} when killed, {@code false} when no such process runs
	 */
	public Mono<Boolean> kill(int pid) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("process", Map.of("pid", pid));
		request.put("signal", "SIGNAL_SIGKILL");
		return this.observations.observe("command.kill",
				this.envd.unary("process.Process/SendSignal", request, null, false)
					.thenReturn(true)
					.onErrorResume(NotFoundException.class, (ex) -> Mono.just(false)));
	}

	/**
	 * Write to a process's stdin (started with {@code stdin(true)}).
	 * @param pid the process ID
	 * @param data the text, sent as UTF-8
	 * @return completion
	 */
	public Mono<Void> sendStdin(int pid, String data) {
		return sendStdin(pid, Arguments.requireNonNull(data, "data").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Write bytes to a process's stdin.
	 * @param pid the process ID
	 * @param data the bytes
	 * @return completion
	 */
	public Mono<Void> sendStdin(int pid, byte[] data) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("process", Map.of("pid", pid));
		request.put("input", Map.of("stdin", Base64.getEncoder().encodeToString(data)));
		return this.observations.observe("command.send_stdin",
				this.envd.unary("process.Process/SendInput", request, null, false).then());
	}

	/**
	 * Close a process's stdin, so it reads end of file.
	 * @param pid the process ID
	 * @return completion
	 */
	public Mono<Void> closeStdin(int pid) {
		return this.observations.observe("command.close_stdin",
				this.envd.unary("process.Process/CloseStdin", Map.of("process", Map.of("pid", pid)), null, false)
					.then());
	}

	private Flux<ProcessEvent> events(String command, CommandOptions options) {
		return ProcessEvent.parse(Flux.defer(() -> {
			Arguments.requireText(command, "command");
			Arguments.requireNonNull(options, "options");
			if (options.timeout().isNegative()) {
				throw new io.github.e2bspringboot.errors.InvalidArgumentException(
						"timeout must not be negative, got " + options.timeout());
			}
			Map<String, Object> process = new LinkedHashMap<>();
			process.put("cmd", "/bin/bash");
			process.put("args", List.of("-l", "-c", command));
			if (!options.envs().isEmpty()) {
				process.put("envs", options.envs());
			}
			if (options.cwd() != null) {
				process.put("cwd", options.cwd());
			}
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("process", process);
			request.put("stdin", options.stdin());
			return EnvdMessages.processFrames(
					this.envd.stream("process.Process/Start", request, options.user(), options.timeout(), false));
		}));
	}

	static void callback(CommandOptions options, CommandOutput output) {
		Consumer<String> callback = (output.channel() == CommandOutput.Channel.STDOUT) ? options.onStdout()
				: options.onStderr();
		if (callback != null) {
			callback.accept(output.text());
		}
	}

}
