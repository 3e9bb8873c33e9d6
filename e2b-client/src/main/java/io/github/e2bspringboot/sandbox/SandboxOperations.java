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

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The operations on E2B sandboxes, blocking. Implemented by {@link SandboxTemplate},
 * which delegates to {@link ReactiveSandboxOperations}.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public interface SandboxOperations {

	/**
	 * Create a sandbox from the default template with the default options.
	 * @return the new sandbox; close it to kill it
	 */
	Sandbox create();

	/**
	 * Create a sandbox from a template with the default options.
	 * @param template the template name, alias or ID
	 * @return the new sandbox; close it to kill it
	 */
	Sandbox create(String template);

	/**
	 * Create a sandbox; whatever the spec leaves unset takes the defaults.
	 * @param spec the spec
	 * @return the new sandbox; close it to kill it
	 */
	Sandbox create(SandboxSpec spec);

	/**
	 * Create a sandbox to run code in, from the code-interpreter template
	 * ({@link E2bConnectionConfig#codeInterpreterTemplate()}), with the default options.
	 * @return the new sandbox, whose {@link Sandbox#codeInterpreter()} runs code; close
	 * it to kill it
	 */
	Sandbox createForCode();

	/**
	 * Create a sandbox to run code in: from the spec's template, or the code-interpreter
	 * template ({@link E2bConnectionConfig#codeInterpreterTemplate()}) when it names
	 * none; whatever else it leaves unset takes the defaults.
	 * @param spec the spec
	 * @return the new sandbox, whose {@link Sandbox#codeInterpreter()} runs code; close
	 * it to kill it
	 */
	Sandbox createForCode(SandboxSpec spec);

	/**
	 * Connect to a running sandbox, or resume a paused one.
	 * @param sandboxId the sandbox ID
	 * @return the sandbox
	 */
	Sandbox connect(String sandboxId);

	/**
	 * Connect to a sandbox and make sure it lives at least the given time from now.
	 * @param sandboxId the sandbox ID
	 * @param timeout the minimum remaining lifetime
	 * @return the sandbox
	 */
	Sandbox connect(String sandboxId, Duration timeout);

	/**
	 * Kill a sandbox.
	 * @param sandboxId the sandbox ID
	 * @return {@code true} when killed, {@code false} when no such sandbox existed
	 */
	boolean kill(String sandboxId);

	/**
	 * Describe a sandbox.
	 * @param sandboxId the sandbox ID
	 * @return its description
	 */
	SandboxInfo getInfo(String sandboxId);

	/**
	 * Set the remaining lifetime of a sandbox; this may shorten it.
	 * @param sandboxId the sandbox ID
	 * @param timeout the lifetime from now
	 */
	void setTimeout(String sandboxId, Duration timeout);

	/**
	 * Pause a sandbox; {@link #connect(String)} resumes it.
	 * @param sandboxId the sandbox ID
	 * @return {@code true} when paused, {@code false} when it already was
	 */
	boolean pause(String sandboxId);

	/**
	 * Read the resource-usage samples of a sandbox.
	 * @param sandboxId the sandbox ID
	 * @return the samples
	 */
	List<SandboxMetrics> getMetrics(String sandboxId);

	/**
	 * List all sandboxes of the team, page by page.
	 * @return a paginator; no request is sent until it is used
	 */
	default SandboxPaginator list() {
		return list(SandboxQuery.all(), null, null);
	}

	/**
	 * List sandboxes matching a query, page by page.
	 * @param query the filter
	 * @return a paginator; no request is sent until it is used
	 */
	default SandboxPaginator list(SandboxQuery query) {
		return list(query, null, null);
	}

	/**
	 * List sandboxes matching a query, page by page.
	 * @param query the filter
	 * @param limit the page size (1 to 100), or {@code null} for the server's default
	 * @param nextToken the cursor to start from, or {@code null} for the first page
	 * @return a paginator; no request is sent until it is used
	 */
	SandboxPaginator list(SandboxQuery query, @Nullable Integer limit, @Nullable String nextToken);

}
