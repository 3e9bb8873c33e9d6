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
 * ({@code e2b.sandboxes.active}) and counters of creates, kills and expirations
 * ({@code e2b.sandbox.creations}, {@code e2b.sandbox.kills},
 * {@code e2b.sandbox.expirations}) by template and outcome. For each template, the gauge
 * equals the successful creations less the kills that ended a tracked sandbox (outcome
 * {@code SUCCESS} or {@code NOT_FOUND}) less the expirations. Operation timings come from
 * the observations ({@code e2b.sandbox.operation}).
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
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
				counter("e2b.sandbox.creations", "Sandbox creations", template)
					.tag("outcome", success ? "SUCCESS" : "ERROR")
					.register(registry)
					.increment();
			}

			@Override
			public void killed(String template, SandboxTracker.KillOutcome outcome) {
				counter("e2b.sandbox.kills", "Sandbox kills", template).tag("outcome", outcome.name())
					.register(registry)
					.increment();
			}

			@Override
			public void expired(String template) {
				counter("e2b.sandbox.expirations",
						"Sandboxes this application created whose lifetime passed without a kill", template)
					.register(registry)
					.increment();
			}

		});
	}

	private static Counter.Builder counter(String name, String description, String template) {
		return Counter.builder(name).description(description).tag("template", template);
	}

}
