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
package io.github.e2bspringboot.observation;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of a sandbox operation knows.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class SandboxObservationContext extends Observation.Context {

	private final String operation;

	private @Nullable String template;

	private @Nullable String sandboxId;

	private @Nullable String language;

	private final AtomicInteger retries = new AtomicInteger();

	/**
	 * Create a context.
	 * @param operation the operation, such as {@code create}
	 * @param template the sandbox's template, if known
	 * @param sandboxId the sandbox's ID, if known
	 */
	public SandboxObservationContext(String operation, @Nullable String template, @Nullable String sandboxId) {
		this.operation = operation;
		this.template = template;
		this.sandboxId = sandboxId;
	}

	/**
	 * Return the operation.
	 * @return the operation, such as {@code create}
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * Return the sandbox's template.
	 * @return the template, or {@code null}
	 */
	public @Nullable String getTemplate() {
		return this.template;
	}

	/**
	 * Set the sandbox's template once it is known.
	 * @param template the template
	 */
	public void setTemplate(@Nullable String template) {
		this.template = template;
	}

	/**
	 * Return the sandbox's ID.
	 * @return the ID, or {@code null}
	 */
	public @Nullable String getSandboxId() {
		return this.sandboxId;
	}

	/**
	 * Set the sandbox's ID once it is known (after a create).
	 * @param sandboxId the ID
	 */
	public void setSandboxId(@Nullable String sandboxId) {
		this.sandboxId = sandboxId;
	}

	/**
	 * Return the language of the code an operation runs, for the code interpreter's
	 * operations.
	 * @return a low-cardinality language name, such as {@code python}, or {@code null}
	 */
	public @Nullable String getLanguage() {
		return this.language;
	}

	/**
	 * Set the language of the code the operation runs.
	 * @param language a low-cardinality language name, such as {@code python}
	 */
	public void setLanguage(@Nullable String language) {
		this.language = language;
	}

	/**
	 * Record that the operation's request was sent again after a failure.
	 */
	public void retried() {
		this.retries.incrementAndGet();
	}

	/**
	 * Return how many times the operation's request was sent again.
	 * @return the number of retries
	 */
	public int getRetries() {
		return this.retries.get();
	}

}
