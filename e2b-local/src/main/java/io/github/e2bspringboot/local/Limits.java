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
 * What one sandbox may use.
 *
 * @param processes the most processes each of its users may run at once
 * @param diskBytes the size of its writable file system, for its processes and uploads
 * together
 * @param watchers the most directory watches open at once
 * @param envVars the most environment variables of the sandbox and of one process
 * together
 * @param envBytes the most bytes those environment variables take, names and values
 * @param codeContexts the most code-interpreter contexts, each a kernel process, at once
 */
record Limits(int processes, long diskBytes, int watchers, int envVars, int envBytes, int codeContexts) {

	static final Limits DEFAULTS = new Limits(512, 2L * 1024 * 1024 * 1024, 16, 256, 128 * 1024, 8);

}
