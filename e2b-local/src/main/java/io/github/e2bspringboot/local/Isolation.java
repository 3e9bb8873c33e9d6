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
 * How the sandboxes of a server are kept apart from the host, the server and each other.
 *
 * @since 0.1.0
 */
public enum Isolation {

	/**
	 * Each sandbox in namespaces of its own when bubblewrap and user namespaces work on
	 * this machine; otherwise sandboxes serve files but run no commands, and say why.
	 */
	AUTO,

	/**
	 * Each sandbox in namespaces of its own: its own root file system from its template,
	 * host uids that own nothing, no capabilities, its own network. The server does not
	 * start when that does not work here.
	 */
	BUBBLEWRAP,

	/**
	 * No isolation, asked for explicitly: commands run directly on this machine as the
	 * server's user, in a directory of the server's, and see what the server sees. A
	 * warning is logged at every create.
	 */
	NONE

}
