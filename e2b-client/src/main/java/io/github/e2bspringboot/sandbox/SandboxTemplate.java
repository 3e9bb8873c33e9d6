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

import io.github.e2bspringboot.wire.Blocking;
import org.jspecify.annotations.Nullable;

/**
 * The blocking implementation of {@link SandboxOperations}: each call delegates to a
 * {@link ReactiveSandboxOperations} and waits for its result, adding nothing else. Do not
 * call it from a reactive (event-loop) thread.
 * <p>
 * Without Spring Boot, two lines are enough:
 *
 * <pre class="code">
 * SandboxTemplate sandboxes = SandboxTemplate.create(E2bConnectionConfig.fromEnvironment());
 * try (Sandbox sandbox = sandboxes.create()) {
 *     sandbox.files().write("/home/user/main.py", code);
 * }
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class SandboxTemplate implements SandboxOperations {

	private final ReactiveSandboxOperations reactive;

	/**
	 * Create a blocking template over a reactive one.
	 * @param reactive the reactive operations
	 */
	public SandboxTemplate(ReactiveSandboxOperations reactive) {
		this.reactive = reactive;
	}

	/**
	 * Create a template for plain Java use: its own HTTP client, no observations, and the
	 * official SDKs' defaults for what a sandbox leaves unset.
	 * @param config how to reach E2B, for example
	 * {@link E2bConnectionConfig#fromEnvironment()}
	 * @return the template
	 */
	public static SandboxTemplate create(E2bConnectionConfig config) {
		return new SandboxTemplate(ReactiveSandboxTemplate.create(config));
	}

	@Override
	public Sandbox create() {
		return new Sandbox(Blocking.get(this.reactive.create()));
	}

	@Override
	public Sandbox create(String template) {
		return new Sandbox(Blocking.get(this.reactive.create(template)));
	}

	@Override
	public Sandbox create(SandboxSpec spec) {
		return new Sandbox(Blocking.get(this.reactive.create(spec)));
	}

	@Override
	public Sandbox createForCode() {
		return new Sandbox(Blocking.get(this.reactive.createForCode()));
	}

	@Override
	public Sandbox createForCode(SandboxSpec spec) {
		return new Sandbox(Blocking.get(this.reactive.createForCode(spec)));
	}

	@Override
	public Sandbox connect(String sandboxId) {
		return new Sandbox(Blocking.get(this.reactive.connect(sandboxId)));
	}

	@Override
	public Sandbox connect(String sandboxId, Duration timeout) {
		return new Sandbox(Blocking.get(this.reactive.connect(sandboxId, timeout)));
	}

	@Override
	public boolean kill(String sandboxId) {
		return Blocking.get(this.reactive.kill(sandboxId));
	}

	@Override
	public SandboxInfo getInfo(String sandboxId) {
		return Blocking.get(this.reactive.getInfo(sandboxId));
	}

	@Override
	public void setTimeout(String sandboxId, Duration timeout) {
		Blocking.run(this.reactive.setTimeout(sandboxId, timeout));
	}

	@Override
	public boolean pause(String sandboxId) {
		return Blocking.get(this.reactive.pause(sandboxId));
	}

	@Override
	public List<SandboxMetrics> getMetrics(String sandboxId) {
		return Blocking.get(this.reactive.getMetrics(sandboxId));
	}

	@Override
	public SandboxPaginator list(SandboxQuery query, @Nullable Integer limit, @Nullable String nextToken) {
		return new SandboxPaginator(this.reactive.list(query, limit, nextToken));
	}

}
