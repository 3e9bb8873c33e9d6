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
package io.github.e2bspringboot.local;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * The {@code process.Process} Connect service of envd: start, attach to, list, feed and
 * signal the processes of a sandbox (PROTOCOL.md 6.4).
 */
final class ProcessRpc {

	private static final Map<String, Object> KEEPALIVE = Map.of("event", Map.of("keepalive", Map.of()));

	private static final Duration RETENTION = Duration.ofSeconds(60);

	private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

	private final ServerContext context;

	ProcessRpc(ServerContext context) {
		this.context = context;
	}

	Flux<byte[]> start(LocalSandbox sandbox, SandboxUser user, JsonNode request, long timeoutMillis,
			Duration keepalive) {
		JsonNode process = request.get("process");
		if (process == null || !process.isObject()) {
			throw new BadRequestException("'process' is required");
		}
		JsonNode pty = request.get("pty");
		if (pty != null && !pty.isNull()) {
			throw new BadRequestException(501, "unimplemented", "PTYs are not supported by e2b-local");
		}
		String cmd = Json.text(process, "cmd", "");
		if (cmd.isEmpty()) {
			throw new BadRequestException("'process.cmd' is required");
		}
		List<String> args = new ArrayList<>();
		JsonNode argsNode = process.get("args");
		if (argsNode != null && argsNode.isArray()) {
			argsNode.values().forEach((arg) -> args.add(arg.asString()));
		}
		Map<String, String> envs = Json.stringMap(process, "envs");
		String cwd = Json.text(process, "cwd", "");
		String tag = Json.text(request, "tag", "");
		JsonNode stdinNode = request.get("stdin");
		// envd keeps stdin open unless the client asks for none
		boolean stdinOpen = stdinNode == null || stdinNode.isNull() || stdinNode.asBoolean();
		SandboxPath workdir = SandboxPath.parse(cwd.isEmpty() ? user.home() : cwd, user);
		Environment.checked(sandbox.envs(), envs, this.context.limits());
		List<String> command = new ArrayList<>();
		command.add(cmd);
		command.addAll(args);
		Map<String, Object> config = Json.obj("cmd", cmd, "args", args, "envs", envs.isEmpty() ? null : envs, "cwd",
				cwd.isEmpty() ? null : cwd);
		return EventStream.create(Connect.FRAMING, this.context.scheduler(), keepalive, KEEPALIVE, sandbox.streams(),
				(stream) -> {
					Process started;
					try {
						requireDirectory(sandbox, workdir);
						started = sandbox.vm()
							.start(new SandboxVm.Command(command, environment(sandbox, user, envs), workdir, user,
									stdinOpen));
					}
					catch (IOException ex) {
						throw new BadRequestException(500, "internal", "failed to start '" + cmd + "'");
					}
					int pid = sandbox.nextPid();
					SandboxProcess sandboxProcess = new SandboxProcess(pid, config, tag.isEmpty() ? null : tag, started,
							stdinOpen);
					sandbox.processes().put(pid, sandboxProcess);
					stream.send(event("start", Map.of("pid", pid)));
					sandboxProcess.attach(forwardTo(stream));
					sandboxProcess.attach(forgetAfterRetention(sandbox, sandboxProcess));
					sandboxProcess.startPumping(this.context.executor());
					if (timeoutMillis > 0) {
						// envd uses the start call's deadline as the process's lifetime
						this.context.scheduler()
							.schedule(sandboxProcess::killForDeadline, timeoutMillis, TimeUnit.MILLISECONDS);
					}
					// a client that goes away leaves the process running, as envd does
					return () -> {
					};
				});
	}

	/**
	 * envd refuses a working directory that does not exist before it starts anything.
	 */
	private static void requireDirectory(LocalSandbox sandbox, SandboxPath workdir) throws IOException {
		try {
			if (!sandbox.files().stat(workdir, workdir.toString()).isDirectory()) {
				throw new BadRequestException("cwd '" + workdir + "' is not a directory");
			}
		}
		catch (java.nio.file.NoSuchFileException ex) {
			throw new BadRequestException("cwd '" + workdir + "' does not exist");
		}
	}

	/**
	 * The environment of a process: what envd sets, the sandbox's variables, then the
	 * process's own.
	 */
	static Map<String, String> environment(LocalSandbox sandbox, SandboxUser user, Map<String, String> envs) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("PATH", PATH);
		environment.put("HOME", user.home());
		environment.put("USER", user.name());
		environment.put("LOGNAME", user.name());
		environment.put("SHELL", "/bin/bash");
		environment.put("LANG", "C.UTF-8");
		environment.put("E2B_SANDBOX", "true");
		environment.put("E2B_SANDBOX_ID", sandbox.id());
		environment.putAll(sandbox.envs());
		environment.putAll(envs);
		return environment;
	}

	Flux<byte[]> connect(LocalSandbox sandbox, JsonNode request, long timeoutMillis, Duration keepalive) {
		int pid = pid(request);
		return EventStream.create(Connect.FRAMING, this.context.scheduler(), keepalive, KEEPALIVE, sandbox.streams(),
				(stream) -> {
					SandboxProcess process = sandbox.processes().get(pid);
					if (process == null) {
						throw BadRequestException.notFound("process with pid " + pid + " not found");
					}
					SandboxProcess.Listener listener = forwardTo(stream);
					// the start event once the listener hears everything: a client that
					// saw it
					// misses no output
					process.attach(listener, () -> stream.send(event("start", Map.of("pid", pid))));
					ScheduledFuture<?> deadline = (timeoutMillis > 0) ? this.context.scheduler()
						.schedule(() -> stream.fail("deadline_exceeded", "context deadline exceeded"), timeoutMillis,
								TimeUnit.MILLISECONDS)
							: null;
					return () -> {
						process.detach(listener);
						if (deadline != null) {
							deadline.cancel(false);
						}
					};
				});
	}

	Object list(LocalSandbox sandbox) {
		List<Object> processes = new ArrayList<>();
		sandbox.processes()
			.values()
			.stream()
			.filter((process) -> !process.hasExited())
			.sorted(java.util.Comparator.comparingInt(SandboxProcess::pid))
			.forEach((process) -> processes
				.add(Json.obj("config", process.config(), "pid", process.pid(), "tag", process.tag())));
		return Map.of("processes", processes);
	}

	Object sendInput(LocalSandbox sandbox, JsonNode request) {
		SandboxProcess process = running(sandbox, pid(request));
		JsonNode input = request.get("input");
		if (input == null || !input.isObject()) {
			throw new BadRequestException("'input' is required");
		}
		if (input.has("pty")) {
			throw new BadRequestException(400, "failed_precondition",
					"process with pid " + process.pid() + " has no PTY");
		}
		process.writeStdin(decode(Json.text(input, "stdin", "")));
		return Map.of();
	}

	Object sendSignal(LocalSandbox sandbox, JsonNode request) {
		SandboxProcess process = running(sandbox, pid(request));
		JsonNode signal = request.get("signal");
		String name = (signal == null) ? "" : signal.asString();
		switch (name) {
			case "SIGNAL_SIGKILL", "9" -> process.kill();
			case "SIGNAL_SIGTERM", "15" -> process.terminate();
			default -> throw new BadRequestException("unsupported signal '" + name + "'");
		}
		return Map.of();
	}

	Object closeStdin(LocalSandbox sandbox, JsonNode request) {
		running(sandbox, pid(request)).closeStdin();
		return Map.of();
	}

	Object update(LocalSandbox sandbox, JsonNode request) {
		SandboxProcess process = running(sandbox, pid(request));
		throw new BadRequestException(400, "failed_precondition", "process with pid " + process.pid() + " has no PTY");
	}

	private static SandboxProcess running(LocalSandbox sandbox, int pid) {
		SandboxProcess process = sandbox.processes().get(pid);
		if (process == null || process.hasExited()) {
			throw BadRequestException.notFound("process with pid " + pid + " not found");
		}
		return process;
	}

	private static int pid(JsonNode request) {
		JsonNode selector = request.get("process");
		if (selector == null || !selector.isObject() || !selector.has("pid")) {
			throw new BadRequestException("'process.pid' is required");
		}
		long pid = Json.number(selector, "pid", 0);
		if (pid < 0 || pid > Integer.MAX_VALUE) {
			throw new BadRequestException("'process.pid' must be a pid, got " + pid);
		}
		return (int) pid;
	}

	private static byte[] decode(String base64) {
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			try {
				return Base64.getUrlDecoder().decode(base64);
			}
			catch (IllegalArgumentException again) {
				throw new BadRequestException("input is not valid base64");
			}
		}
	}

	private static Map<String, Object> event(String type, Object payload) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put(type, payload);
		return Map.of("event", event);
	}

	private static SandboxProcess.Listener forwardTo(EventStream stream) {
		return new SandboxProcess.Listener() {

			@Override
			public void onEvent(Map<String, Object> event) throws InterruptedException {
				stream.sendWhenWanted(Map.of("event", event));
			}

			@Override
			public void onClose(@Nullable String errorCode, @Nullable String errorMessage) {
				if (errorCode == null) {
					stream.end();
				}
				else {
					stream.fail(errorCode, errorMessage);
				}
			}

		};
	}

	private SandboxProcess.Listener forgetAfterRetention(LocalSandbox sandbox, SandboxProcess process) {
		return new SandboxProcess.Listener() {

			@Override
			public void onEvent(Map<String, Object> event) {
			}

			@Override
			public void onClose(@Nullable String errorCode, @Nullable String errorMessage) {
				ProcessRpc.this.context.scheduler()
					.schedule(() -> sandbox.processes().remove(process.pid(), process), RETENTION.toMillis(),
							TimeUnit.MILLISECONDS);
			}

		};
	}

}
