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

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the handlers of one server share.
 *
 * @param apiKey the API key clients must send
 * @param templates the templates sandboxes may be created from
 * @param registry the sandboxes
 * @param limits what one sandbox may use
 * @param executor runs blocking work: output pumps, file transfers
 * @param scheduler runs timed work: expiry, keepalives, deadlines, watches
 * @param maxJsonBytes the largest JSON request body accepted
 */
record ServerContext(String apiKey, Templates templates, SandboxRegistry registry, Limits limits,
		ExecutorService executor, ScheduledExecutorService scheduler, int maxJsonBytes) {
}
