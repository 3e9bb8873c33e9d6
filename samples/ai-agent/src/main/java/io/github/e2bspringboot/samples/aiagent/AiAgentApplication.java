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

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * The agent: asks {@link DataAnalyst} one question about the sales data, prints the
 * answer and the charts it saved, and exits.
 */
@SpringBootApplication
public class AiAgentApplication {

	public static void main(String[] args) {
		SpringApplication.exit(SpringApplication.run(AiAgentApplication.class, args));
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "agent.run-on-startup", matchIfMissing = true)
	ApplicationRunner agent(ObjectProvider<ChatModel> models, ObjectProvider<DataAnalyst> analyst,
			@Value("${agent.question}") String question) {
		return (args) -> {
			if (models.stream().findAny().isEmpty()) {
				System.out.println("No chat model is configured, so there is nobody to ask. Set OPENAI_API_KEY or"
						+ " ANTHROPIC_API_KEY and build again: the sample's Maven profiles then add that provider's"
						+ " Spring AI starter (see samples/ai-agent/README.md).");
				return;
			}
			System.out.println("Question: " + question);
			DataAnalyst.Answer answer = analyst.getObject().ask(question);
			System.out.println("Answer: " + answer.text());
			for (Path chart : answer.charts()) {
				System.out.println("Chart saved: " + chart);
			}
		};
	}

}
