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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The code interpreter of one sandbox: its contexts, and the bridge program that runs
 * inside the sandbox as its user and drives one Jupyter kernel per context
 * ({@code interpreter/kernel_bridge.py}), spoken to over the bridge's standard input and
 * output.
 * <p>
 * Sandbox code runs as the same user as the bridge, so it can write into the bridge's
 * output: what comes from there is parsed defensively (bounded lines, unknown requests
 * ignored), and can only affect this sandbox's own answers. A bridge that dies is started
 * again by the next request, with no contexts.
 */
final class CodeInterpreter implements AutoCloseable {

	/** Where contexts start when the request names no directory, as on E2B. */
	static final String DEFAULT_CWD = "/home/user";

	/** The bridge refuses to write longer lines; longer ones come from sandbox code. */
	private static final int MAX_LINE_BYTES = 16 * 1024 * 1024 + 4096;

	/** Starting a kernel takes a second or two; this bounds a bridge that hangs. */
	private static final long ANSWER_TIMEOUT_SECONDS = 180;

	private static final String PYTHON = "/usr/bin/python3";

	private static final System.Logger logger = System.getLogger(CodeInterpreter.class.getName());

	private final LocalSandbox sandbox;

	private final Executor executor;

	private final int maxContexts;

	/** Contexts being started, counted against the limit with those that run. */
	private int starting;

	private final AtomicLong nextRequest = new AtomicLong();

	private final Map<Long, Consumer<JsonNode>> waiting = new ConcurrentHashMap<>();

	/** Every context, in the order created, including the per-language defaults. */
	private final Map<String, Context> contexts = new LinkedHashMap<>();

	private final Map<String, CompletableFuture<Context>> defaults = new ConcurrentHashMap<>();

	private @Nullable Bridge bridge;

	private boolean closed;

	CodeInterpreter(LocalSandbox sandbox, Executor executor, int maxContexts) {
		this.sandbox = sandbox;
		this.executor = executor;
		this.maxContexts = maxContexts;
	}

	/**
	 * Start the bridge and the default Python context behind the caller's back, as E2B's
	 * template does at boot, so that the first execution finds a warm kernel.
	 */
	void startInBackground() {
		this.executor.execute(() -> {
			try {
				defaultContext("python");
			}
			catch (RuntimeException ex) {
				// the first request reports it
				logger.log(System.Logger.Level.DEBUG, "Code interpreter of " + this.sandbox.id() + " did not start",
						ex);
			}
		});
	}

	/**
	 * Return every context.
	 * @return the contexts, oldest first
	 */
	List<Context> contexts() {
		synchronized (this.contexts) {
			forgetDeadBridge();
			return new ArrayList<>(this.contexts.values());
		}
	}

	/**
	 * Return a context by its id.
	 * @throws BadRequestException (404) when there is none
	 */
	Context context(String id) {
		synchronized (this.contexts) {
			forgetDeadBridge();
			Context context = this.contexts.get(id);
			if (context == null) {
				throw new BadRequestException(404, "not_found", "Context " + id + " not found");
			}
			return context;
		}
	}

	/**
	 * Return the default context of a language, starting it on first use.
	 * @param language the normalised language
	 * @return the context
	 * @throws BadRequestException when its kernel cannot start
	 */
	Context defaultContext(String language) {
		synchronized (this.contexts) {
			forgetDeadBridge();
		}
		CompletableFuture<Context> future = new CompletableFuture<>();
		CompletableFuture<Context> existing = this.defaults.putIfAbsent(language, future);
		if (existing != null) {
			return join(existing);
		}
		try {
			future.complete(create(language, DEFAULT_CWD));
		}
		catch (RuntimeException ex) {
			// the next request tries again
			this.defaults.remove(language, future);
			future.completeExceptionally(ex);
		}
		return join(future);
	}

	/**
	 * Start a context: a new kernel.
	 * @param language the normalised language
	 * @param cwd the directory it starts in
	 * @return the context
	 * @throws BadRequestException (400) when the template has no kernel for the language,
	 * (429) when the sandbox has as many contexts as it may, (500) when the kernel did
	 * not start
	 */
	Context create(String language, String cwd) {
		SandboxPath directory = SandboxPath.parse(cwd, SandboxUser.USER);
		Context context = new Context(UUID.randomUUID().toString(), language, directory.toString());
		synchronized (this.contexts) {
			forgetDeadBridge();
			if (this.contexts.size() + this.starting >= this.maxContexts) {
				throw new BadRequestException(429, "resource_exhausted", "The sandbox has " + this.maxContexts
						+ " code contexts, as many as it may (each is a kernel): remove one first");
			}
			this.starting++;
		}
		try {
			Bridge bridge = bridge();
			ask(bridge, Json.obj("op", "create", "id", context.id(), "language", language, "cwd",
					this.sandbox.vm().processPath(directory)));
			synchronized (this.contexts) {
				if (this.bridge == bridge) {
					this.contexts.put(context.id(), context);
				}
			}
			return context;
		}
		finally {
			synchronized (this.contexts) {
				this.starting--;
			}
		}
	}

	/**
	 * Restart a context's kernel, which loses its state.
	 * @throws BadRequestException (404) for an unknown context
	 */
	void restart(String id) {
		context(id);
		ask(bridge(), Json.obj("op", "restart", "id", id));
	}

	/**
	 * Remove a context and shut its kernel down.
	 * @throws BadRequestException (404) for an unknown context
	 */
	void remove(String id) {
		Context context = context(id);
		ask(bridge(), Json.obj("op", "remove", "id", id));
		synchronized (this.contexts) {
			this.contexts.remove(id);
		}
		this.defaults.values()
			.removeIf((future) -> future.isDone() && !future.isCompletedExceptionally()
					&& context.equals(future.getNow(null)));
	}

	/**
	 * Run code in a context, sending what it produces to a stream; the stream ends when
	 * the execution does.
	 * @param context where to run it
	 * @param code the code
	 * @param env variables for this execution only
	 * @param stream where its events go
	 * @return what to do when the client goes away first: interrupt the execution
	 */
	Runnable execute(Context context, String code, Map<String, String> env, EventStream stream) {
		Bridge bridge = bridge();
		long request = this.nextRequest.incrementAndGet();
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.waiting.put(request, (event) -> forward(event, stream, done, request));
		bridge.send(Json.obj("op", "execute", "req", request, "id", context.id(), "code", code, "env", env));
		return () -> {
			if (!done.isDone() && this.waiting.remove(request) != null) {
				// the server interrupts the kernel so that the context's next execution
				// does not wait behind this one
				bridge.send(Json.obj("op", "cancel", "req", request));
			}
		};
	}

	private void forward(JsonNode event, EventStream stream, CompletableFuture<Void> done, long request) {
		String type = event.path("type").asString("");
		try {
			switch (type) {
				case "done" -> {
					done.complete(null);
					this.waiting.remove(request);
					stream.end();
				}
				case "failed" -> {
					done.complete(null);
					this.waiting.remove(request);
					stream.fail("ExecutionError", event.path("message").asString(""));
				}
				case "number_of_executions", "stdout", "stderr", "result", "error" -> {
					((ObjectNode) event).remove("req");
					stream.sendWhenWanted(event);
				}
				default -> {
					// not part of an execution's stream
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		Bridge bridge;
		synchronized (this.contexts) {
			this.closed = true;
			bridge = this.bridge;
			this.bridge = null;
		}
		if (bridge != null) {
			bridge.stop();
		}
	}

	/**
	 * Send a command and wait for its answer.
	 * @throws BadRequestException with the bridge's status when it failed
	 */
	private JsonNode ask(Bridge bridge, Map<String, Object> command) {
		long request = this.nextRequest.incrementAndGet();
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.waiting.put(request, answer::complete);
		command.put("req", request);
		try {
			bridge.send(command);
			JsonNode reply = answer.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			if (reply.path("type").asString("").equals("failed")) {
				throw new BadRequestException(reply.path("status").asInt(500), "internal",
						reply.path("message").asString("the code interpreter failed"));
			}
			return reply;
		}
		catch (TimeoutException ex) {
			throw new BadRequestException(500, "internal",
					"the code interpreter did not answer within " + ANSWER_TIMEOUT_SECONDS + " s");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BadRequestException(500, "internal", "interrupted");
		}
		catch (ExecutionException ex) {
			throw new BadRequestException(500, "internal", "the code interpreter failed");
		}
		finally {
			this.waiting.remove(request);
		}
	}

	private static Context join(CompletableFuture<Context> future) {
		try {
			return future.join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			if (ex.getCause() instanceof BadRequestException bad) {
				throw bad;
			}
			throw ex;
		}
	}

	/**
	 * Return the running bridge, starting one when there is none or the last one died
	 * (its contexts died with it).
	 */
	private Bridge bridge() {
		Bridge chosen;
		boolean fresh = false;
		synchronized (this.contexts) {
			if (this.closed) {
				throw new BadRequestException(502, "unavailable", "the sandbox is gone");
			}
			forgetDeadBridge();
			chosen = this.bridge;
			if (chosen == null) {
				chosen = new Bridge();
				this.bridge = chosen;
				fresh = true;
			}
		}
		if (fresh) {
			chosen.start();
		}
		chosen.awaitReady();
		return chosen;
	}

	/**
	 * Forget a bridge that ended, and the contexts whose kernels died with it; called
	 * holding the lock on the contexts.
	 */
	private void forgetDeadBridge() {
		if (this.bridge != null && !this.bridge.isAlive()) {
			this.bridge = null;
			this.contexts.clear();
			this.defaults.clear();
		}
	}

	/**
	 * A code-interpreter context.
	 *
	 * @param id its id (a UUID, as Jupyter's kernel ids are)
	 * @param language the language of its kernel
	 * @param cwd the directory it started in
	 */
	record Context(String id, String language, String cwd) {

		Map<String, Object> toJson() {
			return Json.obj("id", this.id, "language", this.language, "cwd", this.cwd);
		}

	}

	/**
	 * One run of the bridge program.
	 */
	private final class Bridge {

		private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();

		private volatile @Nullable Process process;

		/** Whether it is starting or running: not when it ended or could not start. */
		private boolean isAlive() {
			Process running = this.process;
			return !this.ready.isDone()
					|| (running != null && running.isAlive() && !this.ready.isCompletedExceptionally());
		}

		/**
		 * Start the program, without waiting for it.
		 */
		private void start() {
			try {
				CodeInterpreter.this.sandbox.vm().awaitReady();
				SandboxUser user = SandboxUser.USER;
				Process started = CodeInterpreter.this.sandbox.vm()
					.start(new SandboxVm.Command(
							List.of(PYTHON, "-I", "-c", BridgeSources.BRIDGE, BridgeSources.KERNEL_SETUP),
							ProcessRpc.environment(CodeInterpreter.this.sandbox, user, Map.of()),
							SandboxPath.parse(user.home(), user), user, true));
				this.process = started;
				Thread reader = new Thread(() -> read(started), "e2b-local-interpreter");
				reader.setDaemon(true);
				reader.start();
				CodeInterpreter.this.executor.execute(() -> drain(started.getErrorStream()));
			}
			catch (IOException | RuntimeException ex) {
				this.ready.completeExceptionally(ex);
			}
		}

		/**
		 * Wait until the program found its kernels.
		 * @throws BadRequestException (500) when it cannot run here
		 */
		private void awaitReady() {
			JsonNode status;
			try {
				status = this.ready.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new BadRequestException(500, "internal", "interrupted");
			}
			catch (ExecutionException | TimeoutException ex) {
				stop();
				throw new BadRequestException(500, "internal",
						"the code interpreter could not start in this sandbox: " + describe(ex));
			}
			if (!status.path("type").asString("").equals("ready")) {
				throw new BadRequestException(500, "internal", status.path("message").asString(""));
			}
		}

		private String describe(Exception ex) {
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			if (cause instanceof TimeoutException) {
				return "it did not start within " + ANSWER_TIMEOUT_SECONDS + " s";
			}
			return (cause != null && cause.getMessage() != null) ? cause.getMessage() : String.valueOf(cause);
		}

		private synchronized void send(Map<String, Object> command) {
			Process running = this.process;
			if (running == null) {
				throw new BadRequestException(500, "internal", "the code interpreter is not running");
			}
			try {
				OutputStream input = running.getOutputStream();
				input.write(Json.write(command));
				input.write('\n');
				input.flush();
			}
			catch (IOException ex) {
				throw new BadRequestException(500, "internal", "the code interpreter stopped");
			}
		}

		private void stop() {
			Process running = this.process;
			if (running != null) {
				running.destroyForcibly();
			}
		}

		/** Read the bridge's events until it ends, then fail whatever still waits. */
		private void read(Process started) {
			try (InputStream events = started.getInputStream()) {
				byte[] line;
				while ((line = readLine(events)) != null) {
					dispatch(line);
				}
			}
			catch (IOException | UncheckedIOException ex) {
				// the bridge is gone
			}
			finally {
				stop();
				this.ready.completeExceptionally(new IllegalStateException(
						"it stopped before it was ready: does the template have " + PYTHON + " with ipykernel?"));
				JsonNode stopped = Json.readObject(Json.write(Json.obj("type", "failed", "status", 500, "message",
						"the code interpreter stopped (the sandbox ended, or its code killed the interpreter)")));
				List.copyOf(CodeInterpreter.this.waiting.values()).forEach((consumer) -> consumer.accept(stopped));
			}
		}

		private void dispatch(byte[] line) {
			JsonNode event;
			try {
				event = Json.readObject(line);
			}
			catch (BadRequestException ex) {
				// not from the bridge: sandbox code writing into its output
				return;
			}
			JsonNode request = event.get("req");
			if (request == null) {
				String type = event.path("type").asString("");
				if (type.equals("ready") || type.equals("fatal")) {
					this.ready.complete(event);
				}
				return;
			}
			Consumer<JsonNode> consumer = CodeInterpreter.this.waiting.get(request.asLong(-1));
			if (consumer != null) {
				consumer.accept(event);
			}
		}

		private void drain(InputStream errors) {
			try (errors) {
				errors.transferTo(OutputStream.nullOutputStream());
			}
			catch (IOException ex) {
				// the bridge is gone
			}
		}

	}

	/**
	 * Read one line, without its end; a line longer than the limit is skipped whole.
	 * @return the line, or {@code null} at the end of the stream
	 */
	static byte @Nullable [] readLine(InputStream input) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		boolean skipping = false;
		int next;
		while ((next = input.read()) != -1) {
			if (next == '\n') {
				if (skipping) {
					skipping = false;
					line.reset();
					continue;
				}
				return line.toByteArray();
			}
			if (!skipping) {
				if (line.size() >= MAX_LINE_BYTES) {
					skipping = true;
					line = new ByteArrayOutputStream();
				}
				else {
					line.write(next);
				}
			}
		}
		return (line.size() > 0 && !skipping) ? line.toByteArray() : null;
	}

}
