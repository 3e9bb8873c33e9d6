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

/**
 * How the processes of a sandbox are kept apart from the host and from other sandboxes.
 */
public enum Isolation {

	/** Bubblewrap when it works on this machine, otherwise none (with a warning). */
	AUTO,

	/**
	 * Each process in its own user, mount, PID, IPC and UTS namespaces (bubblewrap),
	 * where {@code /home}, {@code /root}, {@code /tmp} and every directory the sandbox
	 * created are the sandbox's own, at their real paths. Starting fails when bubblewrap
	 * does not work.
	 */
	BUBBLEWRAP,

	/**
	 * Processes run directly on the host, in the sandbox's directory tree: absolute paths
	 * such as {@code /home/user} are the host's, and sandboxes can see each other.
	 */
	NONE

}
