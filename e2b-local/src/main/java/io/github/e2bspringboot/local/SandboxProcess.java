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
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

import org.jspecify.annotations.Nullable;

/**
 * A process started in a sandbox: pumps its output to the streams attached to it, takes
 * input, and reports its end once. The end is retained so a late {@code Connect} can
 * replay it. Output is read only as fast as the attached clients take it: the pump waits
 * for the slowest one, so the process waits at its pipe rather than the server buffering
 * what it prints.
 */
final class SandboxProcess {

	private static final int CHUNK_SIZE = 32 * 1024;

	/** Receives a process's events, serialized. */
	interface Listener {

		/**
		 * An event: output or the end. May wait until the client takes it.
		 * @param event the event
		 */
		void onEvent(Map<String, Object> event) throws InterruptedException;

		/**
		 * The process ended: a {@code null} error code is a normal end after its end
		 * event.
		 */
		void onClose(@Nullable String errorCode, @Nullable String errorMessage);

	}

	private final int pid;

	private final Map<String, Object> config;

	private final @Nullable String tag;

	private final Process process;

	private final @Nullable OutputStream stdin;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private volatile boolean killed;

	private volatile boolean deadlineExceeded;

	private volatile @Nullable Map<String, Object> endEvent;

	private boolean closed;

	SandboxProcess(int pid, Map<String, Object> config, @Nullable String tag, Process process, boolean stdinOpen) {
		this.pid = pid;
		this.config = config;
		this.tag = tag;
		this.process = process;
		this.stdin = stdinOpen ? process.getOutputStream() : null;
		if (!stdinOpen) {
			closeQuietly(process.getOutputStream());
		}
	}

	int pid() {
		return this.pid;
	}

	Map<String, Object> config() {
		return this.config;
	}

	@Nullable String tag() {
		return this.tag;
	}

	boolean hasExited() {
		return this.endEvent != null || this.closed;
	}

	/**
	 * Start pumping output on the given executor; listeners added before see everything.
	 */
	void startPumping(ExecutorService executor) {
		java.util.concurrent.CountDownLatch pumps = new java.util.concurrent.CountDownLatch(2);
		executor.execute(() -> pump(this.process.getInputStream(), "stdout", pumps));
		executor.execute(() -> pump(this.process.getErrorStream(), "stderr", pumps));
		executor.execute(() -> {
			try {
				int exit = this.process.waitFor();
				pumps.await();
				finish(exit);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	/**
	 * Attach a listener. When the process already ended, the listener gets its retained
	 * end at once.
	 */
	synchronized void attach(Listener listener) {
		attach(listener, () -> {
		});
	}

	/**
	 * Attach a listener, first running what must come before any event it hears (the
	 * start event of a {@code Connect}), with no event in between.
	 */
	synchronized void attach(Listener listener, Runnable first) {
		first.run();
		if (this.closed) {
			Map<String, Object> end = this.endEvent;
			if (end != null) {
				deliver(listener, end);
				listener.onClose(null, null);
			}
			else {
				listener.onClose("not_found", "process with pid " + this.pid + " not found");
			}
			return;
		}
		this.listeners.add(listener);
	}

	void detach(Listener listener) {
		this.listeners.remove(listener);
	}

	void writeStdin(byte[] input) {
		OutputStream in = this.stdin;
		if (in == null) {
			throw new BadRequestException(400, "failed_precondition",
					"stdin is not enabled for process with pid " + this.pid);
		}
		try {
			in.write(input);
			in.flush();
		}
		catch (IOException ex) {
			throw new BadRequestException(400, "failed_precondition",
					"stdin of process with pid " + this.pid + " is closed");
		}
	}

	void closeStdin() {
		OutputStream in = this.stdin;
		if (in != null) {
			closeQuietly(in);
		}
	}

	/** Kill with SIGKILL, the whole process tree. */
	void kill() {
		this.killed = true;
		ProcessTree.kill(this.process.toHandle());
	}

	/** Ask the process tree to terminate (SIGTERM). */
	void terminate() {
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
	}

	/** Kill because the {@code Connect-Timeout-Ms} of its start elapsed. */
	void killForDeadline() {
		this.deadlineExceeded = true;
		kill();
	}

	private void pump(InputStream in, String stream, java.util.concurrent.CountDownLatch done) {
		byte[] buffer = new byte[CHUNK_SIZE];
		try (in) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				if (read > 0) {
					String data = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer, read));
					emit(Map.of("data", Map.of(stream, data)));
				}
			}
		}
		catch (IOException ex) {
			// the process was killed: its pipes closed
		}
		finally {
			done.countDown();
		}
	}

	private void emit(Map<String, Object> event) {
		// delivered outside the lock: a listener may wait for its client, and that must
		// not hold up an attach or the end
		for (Listener listener : this.listeners) {
			deliver(listener, event);
		}
	}

	private static void deliver(Listener listener, Map<String, Object> event) {
		try {
			listener.onEvent(event);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void finish(int exit) {
		closeQuietly(this.process.getOutputStream());
		List<Listener> attached;
		Map<String, Object> event = null;
		synchronized (this) {
			attached = List.copyOf(this.listeners);
			this.listeners.clear();
			if (!this.deadlineExceeded) {
				Map<String, Object> end;
				if (this.killed) {
					end = Json.obj("exitCode", -1, "status", "signal: killed", "error", "signal: killed");
				}
				else if (exit == 0) {
					end = Json.obj("exited", true, "status", "exit status 0");
				}
				else {
					end = Json.obj("exitCode", exit, "exited", true, "status", "exit status " + exit, "error",
							"exit status " + exit);
				}
				event = Map.of("end", end);
				this.endEvent = event;
			}
			this.closed = true;
		}
		for (Listener listener : attached) {
			if (event == null) {
				listener.onClose("deadline_exceeded", "context deadline exceeded");
			}
			else {
				deliver(listener, event);
				listener.onClose(null, null);
			}
		}
	}

	private static void closeQuietly(OutputStream out) {
		try {
			out.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
