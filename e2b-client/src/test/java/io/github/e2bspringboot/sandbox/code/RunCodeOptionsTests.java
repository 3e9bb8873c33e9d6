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
package io.github.e2bspringboot.sandbox.code;

import java.time.Duration;

import io.github.e2bspringboot.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The options of a code run: the JS SDK's defaults, and no options that contradict
 * themselves.
 */
class RunCodeOptionsTests {

	@Test
	void theDefaultsAreTheJsSdks() {
		RunCodeOptions options = RunCodeOptions.defaults();

		assertThat(options.language()).isNull();
		assertThat(options.context()).isNull();
		assertThat(options.envs()).isEmpty();
		assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.requestTimeout()).as("the connection's").isNull();
		assertThat(options.onStdout()).isNull();
		assertThat(options.onStderr()).isNull();
		assertThat(options.onResult()).isNull();
		assertThat(options.onError()).isNull();
	}

	@Test
	void aLanguageAndAContextExcludeEachOther() {
		CodeContext context = new CodeContext("c1", "python", "/home/user");

		assertThatExceptionOfType(InvalidArgumentException.class)
			.isThrownBy(() -> RunCodeOptions.builder().context(context).language("python").build())
			.withMessage("Provide a context or a language, not both");
		assertThat(RunCodeOptions.builder().context(context).build().context()).isEqualTo(context);
		assertThat(RunCodeOptions.builder().language("r").build().language()).isEqualTo("r");
	}

	@Test
	void negativeTimeoutsAreRefused() {
		assertThatExceptionOfType(InvalidArgumentException.class)
			.isThrownBy(() -> RunCodeOptions.builder().timeout(Duration.ofSeconds(-1)).build());
		assertThatExceptionOfType(InvalidArgumentException.class)
			.isThrownBy(() -> RunCodeOptions.builder().requestTimeout(Duration.ofSeconds(-1)).build());
		assertThat(RunCodeOptions.builder().timeout(Duration.ZERO).requestTimeout(Duration.ZERO).build().timeout())
			.isZero();
	}

	@Test
	void toStringShowsTheNamesOfEnvironmentVariablesButNotTheirValues() {
		RunCodeOptions options = RunCodeOptions.builder().env("TOKEN", "s3cret").build();

		assertThat(options.toString()).contains("TOKEN").doesNotContain("s3cret");
	}

}
