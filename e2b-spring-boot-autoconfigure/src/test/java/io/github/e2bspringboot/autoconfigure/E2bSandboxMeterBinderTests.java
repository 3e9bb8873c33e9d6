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

import java.time.Duration;

import io.github.e2bspringboot.sandbox.SandboxTracker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link E2bSandboxMeterBinder}.
 */
class E2bSandboxMeterBinderTests {

	private final SandboxTracker tracker = new SandboxTracker();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void countsCreatesAndKillsAndGaugesTheLiveSandboxes() {
		new E2bSandboxMeterBinder(this.tracker).bindTo(this.registry);

		this.tracker.created("a", "base", Duration.ofMinutes(5));
		this.tracker.created("b", "python", Duration.ofMinutes(5));
		this.tracker.createFailed("base");
		this.tracker.killed("a", true);
		this.tracker.killed("zzz", false);

		assertThat(this.registry.get("e2b.sandboxes.active").gauge().value()).isEqualTo(1);
		assertThat(this.registry.get("e2b.sandbox.creations")
			.tags("template", "base", "outcome", "SUCCESS")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("e2b.sandbox.creations")
			.tags("template", "base", "outcome", "ERROR")
			.counter()
			.count()).isEqualTo(1);
		assertThat(
				this.registry.get("e2b.sandbox.kills").tags("template", "base", "outcome", "SUCCESS").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("e2b.sandbox.kills")
			.tags("template", "unknown", "outcome", "ERROR")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void sandboxesWhoseLifetimePassedAreNoLongerCounted() {
		new E2bSandboxMeterBinder(this.tracker).bindTo(this.registry);

		this.tracker.created("short", "base", Duration.ofMillis(-1));
		this.tracker.created("long", "base", Duration.ofMinutes(5));

		assertThat(this.registry.get("e2b.sandboxes.active").gauge().value()).isEqualTo(1);
	}

}
