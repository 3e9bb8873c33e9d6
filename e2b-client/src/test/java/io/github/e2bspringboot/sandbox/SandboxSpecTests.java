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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a spec combines with the defaults.
 */
class SandboxSpecTests {

	private final SandboxSpec defaults = SandboxSpec.builder()
		.template("base")
		.timeout(Duration.ofMinutes(5))
		.secure(true)
		.metadata("app", "demo")
		.build();

	@Test
	void unsetValuesComeFromTheDefaults() {
		SandboxSpec spec = SandboxSpec.builder().template("python").build().withDefaults(this.defaults);

		assertThat(spec.template()).isEqualTo("python");
		assertThat(spec.timeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(spec.secure()).isTrue();
		assertThat(spec.allowInternetAccess()).isNull();
	}

	@Test
	void metadataAndEnvsAreMergedWithTheSpecWinning() {
		SandboxSpec spec = SandboxSpec.builder()
			.metadata("app", "other")
			.metadata("user", "alice")
			.build()
			.withDefaults(this.defaults);

		assertThat(spec.metadata()).containsOnly(java.util.Map.entry("app", "other"),
				java.util.Map.entry("user", "alice"));
	}

	@Test
	void toStringHidesEnvironmentValues() {
		SandboxSpec spec = SandboxSpec.builder().env("TOKEN", "s3cr3t").build();

		assertThat(spec.toString()).contains("TOKEN").doesNotContain("s3cr3t");
	}

	@Test
	void versionsCompareNumerically() {
		assertThat(io.github.e2bspringboot.wire.Versions.compare("0.10.0", "0.9.9")).isPositive();
		assertThat(io.github.e2bspringboot.wire.Versions.compare("0.1.0", "0.1")).isZero();
		assertThat(io.github.e2bspringboot.wire.Versions.compare("0.0.9", "0.1.0")).isNegative();
	}

}
