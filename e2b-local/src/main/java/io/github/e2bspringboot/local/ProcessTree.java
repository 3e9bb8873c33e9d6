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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Signals a process together with every process it started, including one forked while
 * the signal is under way. The JDK sends only {@code SIGTERM} and {@code SIGKILL}, hence
 * the shell's {@code kill}.
 */
final class ProcessTree {

	private static final System.Logger logger = System.getLogger(ProcessTree.class.getName());

	/**
	 * Enough for any real tree; a bound only against a tree that forks faster than we
	 * scan.
	 */
	private static final int MAX_ROUNDS = 100;

	private ProcessTree() {
	}

	/**
	 * Kill the process and all its descendants with {@code SIGKILL}.
	 * <p>
	 * Killing a snapshot of the tree is not enough: a child forked after the snapshot
	 * outlives its killed parent, is adopted by the sandbox's init and keeps the
	 * command's output pipes open. So the tree is stopped first (a stopped process cannot
	 * fork), then killed.
	 * @param root the process
	 */
	static void kill(ProcessHandle root) {
		signal(root, "STOP").forEach(ProcessHandle::destroyForcibly);
	}

	/**
	 * Send a signal to the process and its descendants, again to those that appear
	 * meanwhile, until no new one does.
	 * @param root the process
	 * @param signal the signal's name without {@code SIG}
	 * @return every process signalled
	 */
	static List<ProcessHandle> signal(ProcessHandle root, String signal) {
		Map<Long, ProcessHandle> signalled = new LinkedHashMap<>();
		for (int round = 0; round < MAX_ROUNDS; round++) {
			List<ProcessHandle> added = Stream.concat(Stream.of(root), root.descendants())
				.filter(ProcessHandle::isAlive)
				.filter((process) -> signalled.putIfAbsent(process.pid(), process) == null)
				.toList();
			if (added.isEmpty()) {
				break;
			}
			send(signal, added);
		}
		return List.copyOf(signalled.values());
	}

	private static void send(String signal, List<ProcessHandle> processes) {
		List<String> argv = new ArrayList<>(
				List.of("bash", "-c", "kill -s " + signal + " \"$@\" 2>/dev/null; true", "e2b-signal"));
		processes.forEach((process) -> argv.add(Long.toString(process.pid())));
		try {
			new ProcessBuilder(argv).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor();
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.WARNING, "Could not send SIG" + signal + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
