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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import javax.imageio.ImageIO;

import io.github.e2bspringboot.ai.ConversationSandboxes;
import io.github.e2bspringboot.autoconfigure.ai.SandboxArtifactEvent;
import io.github.e2bspringboot.local.E2bLocalServer;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.ToolResponseMessage.ToolResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole tool loop on the embedded e2b-local, with a {@link ScriptedAnalystModel} in
 * the model's place: the model's decisions are scripted, the rest is real. The
 * application uploads the CSV into the conversation's sandbox, Spring AI's tool loop runs
 * the E2B tools, pandas finds the month with the highest sales (checked here against the
 * CSV read in Java), matplotlib draws the chart, the application receives it as a
 * {@link SandboxArtifactEvent} and saves it, and the sandbox is killed when the answer is
 * in.
 */
@SpringBootTest(classes = { AiAgentApplication.class, ScriptedModelConfiguration.class },
		properties = { "e2b.api-key=", "e2b.local.enabled=true", "agent.run-on-startup=false",
				"agent.charts-directory=target/test-charts",
				// no provider's model, even where a build has a provider's starter and
				// key
				"spring.ai.model.chat=none" })
class AiAgentApplicationTests {

	@Autowired
	private DataAnalyst analyst;

	@Autowired
	private ScriptedAnalystModel model;

	@Autowired
	private ScriptedModelConfiguration.ArtifactEvents events;

	@Autowired
	private E2bLocalServer server;

	@Autowired
	private ConversationSandboxes conversations;

	@Test
	void answersTheDataQuestionByRunningPythonInTheConversationsSandbox() throws IOException {
		String[] best = bestMonthOfTheCsv();

		DataAnalyst.Answer answer = this.analyst.ask("Which month had the highest sales? Plot them.");

		// what the tools returned: real output of real code in the sandbox
		assertThat(this.model.toolResults).extracting(ToolResponse::name)
			.containsExactly("run_command", "run_code", "run_code");
		assertThat(this.model.toolResults.get(1).responseData()).contains("highest: " + best[0] + " with " + best[1]);
		assertThat(this.model.toolResults.get(2).responseData()).contains("Saved chart: /home/user/artifacts/");

		// the answer quotes them
		assertThat(answer.text()).contains("The highest sales were in " + best[0] + ", with " + best[1])
			.contains("/home/user/artifacts/");

		// the chart came to the application as an event of this conversation, and was
		// saved
		assertThat(this.events.artifacts).singleElement().satisfies((artifact) -> {
			assertThat(artifact.conversationId()).isEqualTo(answer.conversationId());
			assertThat(artifact.mimeType()).isEqualTo("image/png");
			assertThat(answer.text()).contains(artifact.path());
			assertThat(artifact.content()).startsWith(0x89, 'P', 'N', 'G');
		});
		assertThat(answer.charts()).singleElement().satisfies((chart) -> {
			assertThat(chart).startsWith(Path.of("target/test-charts").toAbsolutePath()).hasFileName("chart-1.png");
			assertThat(ImageIO.read(chart.toFile()).getWidth()).isGreaterThan(100);
		});

		// the conversation ended with the answer: its sandbox is gone
		assertThat(this.conversations.size()).isZero();
		assertThat(this.server.sandboxCount()).isZero();
	}

	/** The month with the highest sales and its sales, from the CSV read here in Java. */
	private static String[] bestMonthOfTheCsv() throws IOException {
		List<String[]> rows = new ClassPathResource("data/sales.csv").getContentAsString(StandardCharsets.UTF_8)
			.lines()
			.skip(1)
			.map((line) -> line.split(","))
			.toList();
		assertThat(rows).hasSize(12);
		return rows.stream().max(Comparator.comparingInt((row) -> Integer.parseInt(row[1]))).orElseThrow();
	}

}
