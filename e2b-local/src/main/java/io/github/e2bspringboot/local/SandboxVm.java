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
import java.util.List;
import java.util.Map;

/**
 * Where one sandbox's processes run and its files live: its own namespaces and file
 * system ({@link IsolatedVm}), or, without isolation, a directory of the host
 * ({@link HostVm}).
 */
interface SandboxVm extends AutoCloseable {

	/**
	 * Wait until the sandbox can run processes and serve files.
	 * @throws BadRequestException when it could not start
	 */
	void awaitReady();

	/**
	 * Return the sandbox's files.
	 * @return the files
	 */
	SandboxFiles files();

	/**
	 * Start a process in the sandbox.
	 * @param command what to run, where and as whom
	 * @return the process, its standard streams piped
	 * @throws BadRequestException when the sandbox cannot run processes
	 */
	Process start(Command command) throws IOException;

	/**
	 * Return how the sandbox's processes name one of its paths: the path itself where
	 * they run inside the sandbox's own root.
	 * @param path the path in the sandbox
	 * @return the name its processes use
	 */
	default String processPath(SandboxPath path) {
		return path.toString();
	}

	/**
	 * Stop every process where it stands (a paused sandbox).
	 */
	void freeze();

	/**
	 * Let frozen processes go on.
	 */
	void thaw();

	/**
	 * Return how many bytes the sandbox's files take.
	 * @return the bytes used
	 */
	long diskUsed();

	/**
	 * Kill every process and free the sandbox's files.
	 */
	@Override
	void close();

	/**
	 * A process to start.
	 *
	 * @param argv the program and its arguments
	 * @param env its whole environment
	 * @param cwd its working directory
	 * @param user who runs it
	 * @param stdin whether its standard input is a pipe (otherwise it reads nothing)
	 */
	record Command(List<String> argv, Map<String, String> env, SandboxPath cwd, SandboxUser user, boolean stdin) {
	}

}
