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
package io.github.e2bspringboot.autoconfigure;

import io.github.e2bspringboot.sandbox.SandboxTracker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The sandbox metrics: a gauge of the live sandboxes this application created
 * ({@code e2b.sandboxes.active}) and counters of creates and kills
 * ({@code e2b.sandbox.creations}, {@code e2b.sandbox.kills}) by template and outcome.
 * Operation timings come from the observations ({@code e2b.sandbox.operation}).
 *
 * @author e2b-spring-boot contributors
 */
public class E2bSandboxMeterBinder implements MeterBinder {

	private final SandboxTracker tracker;

	/**
	 * Create a binder.
	 * @param tracker the tracked sandboxes
	 */
	public E2bSandboxMeterBinder(SandboxTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("e2b.sandboxes.active", this.tracker, SandboxTracker::count)
			.description("Sandboxes this application created that are still alive")
			.register(registry);
		this.tracker.addListener(new SandboxTracker.Listener() {

			@Override
			public void created(String template, boolean success) {
				count(registry, "e2b.sandbox.creations", "Sandbox creations", template, success);
			}

			@Override
			public void killed(String template, boolean success) {
				count(registry, "e2b.sandbox.kills", "Sandbox kills", template, success);
			}

		});
	}

	private static void count(MeterRegistry registry, String name, String description, String template,
			boolean success) {
		Counter.builder(name)
			.description(description)
			.tag("template", template)
			.tag("outcome", success ? "SUCCESS" : "ERROR")
			.register(registry)
			.increment();
	}

}
