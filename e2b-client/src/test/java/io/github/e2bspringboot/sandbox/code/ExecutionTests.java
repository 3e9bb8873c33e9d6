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

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An execution gathered from its events, and what a result says about itself.
 */
class ExecutionTests {

	private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

	@Test
	void eventsGatherIntoAnExecution() {
		Result display = result("chart", false);
		Result main = result("42", true);
		ExecutionError error = new ExecutionError("E", "v", "t");

		Execution execution = Execution.of(List.of(new ExecutionCount(2), new OutputMessage("a", NOW, false), display,
				new OutputMessage("b", NOW, true), new OutputMessage("c", NOW, false), main, error));

		assertThat(execution.executionCount()).isEqualTo(2);
		assertThat(execution.logs()).isEqualTo(new Logs(List.of("a", "c"), List.of("b")));
		assertThat(execution.results()).containsExactly(display, main);
		assertThat(execution.error()).isEqualTo(error);
		assertThat(execution.text()).isEqualTo("42");
	}

	@Test
	void withoutAMainResultThereIsNoText() {
		Execution execution = Execution.of(List.of(result("shown", false)));

		assertThat(execution.text()).isNull();
		assertThat(execution.executionCount()).isNull();
		assertThat(Execution.of(List.of()).results()).isEmpty();
	}

	@Test
	void formatsLeaveOutWhatIsEmpty() {
		Result result = new Result("", null, null, null, null, null, null, null, Map.of(), null, Map.of(), null,
				Map.of("text/x-custom", "x"), false);

		assertThat(result.formats()).containsExactly("text/x-custom");
	}

	private static Result result(String text, boolean main) {
		return new Result(text, null, null, null, null, null, null, null, null, null, null, null, Map.of(), main);
	}

}
