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
package io.github.e2bspringboot.ai;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tools in Spring AI's real tool loop: a {@link ChatClient} over a scripted
 * {@link ChatModel} that calls {@code run_code} with broken JSON, then with good code,
 * then answers with what the tools returned. The tool observations nest in Spring AI's.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ChatClientToolLoopIntegrationTests {

	private static E2bLocalServer server;

	private static ConversationSandboxes conversations;

	private static final TestObservationRegistry observations = TestObservationRegistry.create();

	private static E2bSandboxTools tools;

	@BeforeAll
	static void startServer() {
		server = LocalSandboxes.startServer();
		SandboxTemplate sandboxes = new SandboxTemplate(LocalSandboxes.reactiveTemplate(server));
		SandboxToolsSettings settings = SandboxToolsSettings.defaults();
		conversations = new ConversationSandboxes(sandboxes, settings, Clock.systemUTC());
		tools = new E2bSandboxTools(conversations, settings, List.of(), observations);
	}

	@AfterAll
	static void stopServer() {
		try {
			conversations.close();
		}
		finally {
			server.close();
		}
	}

	@Test
	void theModelGetsTheToolResultsAndTheObservationsNest() {
		ScriptedChatModel model = new ScriptedChatModel(List.of("{\"code\":", "{\"code\":\"print(6 * 7)\"}"));
		ChatClient chat = ChatClient.builder(model, observations, null, null).defaultTools(tools).build();

		String answer = chat.prompt()
			.user("What is six times seven?")
			.toolContext(Map.of(E2bSandboxTools.CONVERSATION_ID, "chat-1"))
			.call()
			.content();

		assertThat(model.toolResults).hasSize(2);
		assertThat(model.toolResults.get(0)).startsWith("Error: the arguments are not valid JSON");
		assertThat(model.toolResults.get(1)).isEqualTo("stdout:\n42");
		assertThat(answer).isEqualTo("The answer: stdout:\n42");
		assertThat(conversations.conversations()).containsExactly("chat-1");

		observations.assertThat().hasHandledContextsThatSatisfy((contexts) -> {
			List<Observation.Context> toolCalls = contexts.stream()
				.filter((context) -> "e2b.ai.tool".equals(context.getName()))
				.toList();
			assertThat(toolCalls).hasSize(2).allSatisfy((context) -> {
				assertThat(context.getContextualName()).isEqualTo("e2b.ai.tool run_code");
				assertThat(context.getLowCardinalityKeyValue("e2b.ai.tool").getValue()).isEqualTo("run_code");
				assertThat(context.getHighCardinalityKeyValue("e2b.ai.conversation").getValue()).isEqualTo("chat-1");
				assertThat(context.getParentObservation()).isNotNull();
				assertThat(context.getParentObservation().getContextView().getName()).isEqualTo("spring.ai.tool");
			});
			assertThat(toolCalls.get(0).getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("ERROR");
			assertThat(toolCalls.get(1).getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("SUCCESS");
		});
	}

	/**
	 * Calls {@code run_code} once per scripted argument string, then answers with the
	 * last tool result; records every tool result it sees.
	 */
	static final class ScriptedChatModel implements ChatModel {

		private final List<String> arguments;

		private final AtomicInteger calls = new AtomicInteger();

		final List<String> toolResults = new CopyOnWriteArrayList<>();

		ScriptedChatModel(List<String> arguments) {
			this.arguments = arguments;
		}

		@Override
		public ChatOptions getOptions() {
			// without tool-calling options the client drops the tools and runs no loop
			return ToolCallingChatOptions.builder().build();
		}

		@Override
		public ChatResponse call(Prompt prompt) {
			int call = this.calls.getAndIncrement();
			List<Message> messages = prompt.getInstructions();
			if (messages.get(messages.size() - 1) instanceof ToolResponseMessage response) {
				response.getResponses().forEach((toolResponse) -> this.toolResults.add(toolResponse.responseData()));
			}
			if (call < this.arguments.size()) {
				AssistantMessage toolCall = AssistantMessage.builder()
					.content("")
					.toolCalls(List.of(new AssistantMessage.ToolCall("call-" + call, "function", "run_code",
							this.arguments.get(call))))
					.build();
				return new ChatResponse(List.of(new Generation(toolCall)));
			}
			String last = this.toolResults.get(this.toolResults.size() - 1);
			return new ChatResponse(List.of(new Generation(new AssistantMessage("The answer: " + last))));
		}

	}

}
