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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.e2bspringboot.sandbox.SandboxTracker;
import io.github.e2bspringboot.sandbox.SandboxTracker.KillOutcome;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link E2bSandboxMeterBinder}: the counters add up to the gauge.
 */
class E2bSandboxMeterBinderTests {

	private final MutableClock clock = new MutableClock();

	private final SandboxTracker tracker = new SandboxTracker(this.clock);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void creationsLessTrackedKillsLessExpirationsIsTheGauge() {
		new E2bSandboxMeterBinder(this.tracker).bindTo(this.registry);

		this.tracker.created("a", "base", Duration.ofMinutes(5));
		this.tracker.created("b", "base", Duration.ofMinutes(5));
		this.tracker.created("c", "base", Duration.ofMinutes(5));
		this.tracker.created("d", "base", Duration.ofSeconds(30));
		this.tracker.created("p", "python", Duration.ofMinutes(5));
		this.tracker.createFailed("base");
		this.tracker.killed("a", KillOutcome.SUCCESS);
		// b was killed elsewhere: the kill found nothing, and b is gone all the same
		this.tracker.killed("b", KillOutcome.NOT_FOUND);
		// a kill that failed leaves c alive
		this.tracker.killed("c", KillOutcome.ERROR);
		// sandboxes this application did not create
		this.tracker.killed("other", KillOutcome.SUCCESS);
		this.tracker.killed("gone", KillOutcome.NOT_FOUND);
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(count("e2b.sandbox.creations", "base", "SUCCESS")).isEqualTo(4);
		assertThat(count("e2b.sandbox.creations", "base", "ERROR")).isEqualTo(1);
		assertThat(count("e2b.sandbox.kills", "base", "SUCCESS")).isEqualTo(1);
		assertThat(count("e2b.sandbox.kills", "base", "NOT_FOUND")).isEqualTo(1);
		assertThat(count("e2b.sandbox.kills", "base", "ERROR")).isEqualTo(1);
		assertThat(count("e2b.sandbox.kills", SandboxTracker.UNTRACKED_TEMPLATE, "SUCCESS")).isEqualTo(1);
		assertThat(count("e2b.sandbox.kills", SandboxTracker.UNTRACKED_TEMPLATE, "NOT_FOUND")).isEqualTo(1);
		double active = this.registry.get("e2b.sandboxes.active").gauge().value();
		assertThat(active).as("c (its kill failed) and p").isEqualTo(2);
		assertThat(this.registry.get("e2b.sandbox.expirations").tags("template", "base").counter().count())
			.as("d, whose 30 s passed")
			.isEqualTo(1);

		double created = count("e2b.sandbox.creations", "base", "SUCCESS")
				+ count("e2b.sandbox.creations", "python", "SUCCESS");
		double ended = count("e2b.sandbox.kills", "base", "SUCCESS") + count("e2b.sandbox.kills", "base", "NOT_FOUND")
				+ this.registry.get("e2b.sandbox.expirations").counter().count();
		assertThat(created - ended).isEqualTo(active);
	}

	@Test
	void expiredSandboxesAreForgottenWhenTheTrackerChangesEvenIfNobodyReadsIt() {
		new E2bSandboxMeterBinder(this.tracker).bindTo(this.registry);
		for (int i = 0; i < 10_000; i++) {
			this.tracker.created("s" + i, "base", Duration.ofSeconds(1));
		}
		this.clock.advance(Duration.ofSeconds(2));

		this.tracker.created("last", "base", Duration.ofMinutes(5));

		assertThat(this.tracker.get("s0")).as("an expired sandbox is no longer held").isNull();
		assertThat(this.tracker.get("s9999")).isNull();
		assertThat(this.registry.get("e2b.sandbox.expirations").counter().count()).isEqualTo(10_000);
		assertThat(this.tracker.count()).isEqualTo(1);
	}

	private double count(String name, String template, String outcome) {
		Search search = this.registry.find(name).tags("template", template, "outcome", outcome);
		return (search.counter() != null) ? search.counter().count() : 0;
	}

	/**
	 * A clock the test moves.
	 */
	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-29T12:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
