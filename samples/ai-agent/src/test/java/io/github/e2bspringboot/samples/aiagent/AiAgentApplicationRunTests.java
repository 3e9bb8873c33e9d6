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
package io.github.e2bspringboot.samples.aiagent;

import java.nio.file.Path;

import io.github.e2bspringboot.local.E2bLocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as {@code main} runs it, on the embedded e2b-local: with the scripted
 * model it prints the question, the answer and the chart it saved; without any model it
 * says how to configure one.
 */
@ExtendWith(OutputCaptureExtension.class)
class AiAgentApplicationRunTests {

	@TempDir
	Path charts;

	@Test
	void printsTheAnswerAndTheSavedChart(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AiAgentApplication.class,
				ScriptedModelConfiguration.class)
			.run(arguments())) {
			assertThat(context.getBean(E2bLocalServer.class).sandboxCount()).as("the conversation's sandbox was killed")
				.isZero();
		}

		assertThat(output).contains("Question: Which month had the highest sales? Plot them.",
				"Answer: The highest sales were in 2025-11, with 21350",
				"Chart saved: " + this.charts.toAbsolutePath());
		assertThat(this.charts).isDirectoryRecursivelyContaining("glob:**/chart-1.png");
	}

	@Test
	void withoutAChatModelSaysHowToConfigureOne(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AiAgentApplication.class)
			.run(arguments())) {
			assertThat(context.getBean(E2bLocalServer.class).sandboxCount()).isZero();
		}

		assertThat(output).contains("No chat model is configured").doesNotContain("Answer:");
	}

	private String[] arguments() {
		return new String[] { "--e2b.api-key=", "--e2b.local.enabled=true", "--spring.ai.model.chat=none",
				"--agent.charts-directory=" + this.charts };
	}

}
