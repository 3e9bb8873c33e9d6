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

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage.ToolResponse;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat model that plays the model's part from a script: its decisions (which tool to
 * call, with which code, and the wording of the answer) are fixed here, so the test needs
 * no provider and no key. Everything it asks for is real: Spring AI's tool loop calls the
 * E2B tools, which run the code in the conversation's sandbox on e2b-local, where pandas
 * reads the CSV and matplotlib draws the chart.
 * <p>
 * Like a real model, it reads each tool result from the {@link ToolResponseMessage} in
 * the prompt and builds its next step and its answer from it; it checks each result as it
 * goes, so a wrong one fails the test at the step that made it.
 */
class ScriptedAnalystModel implements ChatModel {

	/** Look at the data, as a model would before writing code. */
	static final String INSPECT = "head -n 3 " + DataAnalyst.DATA_FILE + " && wc -l < " + DataAnalyst.DATA_FILE;

	/** Compute the answer with pandas. */
	static final String COMPUTE = String.join("\n", "import pandas as pd",
			"sales = pd.read_csv('" + DataAnalyst.DATA_FILE + "')", "best = sales.loc[sales['sales'].idxmax()]",
			"print(f\"months: {len(sales)}\")", "print(f\"highest: {best['month']} with {best['sales']}\")");

	/** Plot, using the variables of the previous call: the kernel keeps them. */
	static final String PLOT = String.join("\n", "import matplotlib.pyplot as plt",
			"colors = ['tab:orange' if m == best['month'] else 'tab:blue' for m in sales['month']]",
			"plt.figure(figsize=(9, 4))", "plt.bar(sales['month'], sales['sales'], color=colors)",
			"plt.title('Monthly sales, 2025')", "plt.ylabel('sales')", "plt.xticks(rotation=45)", "plt.tight_layout()",
			"plt.show()", "print('plotted', len(sales), 'months')");

	private static final Pattern HIGHEST = Pattern.compile("highest: (\\S+) with (\\d+)");

	private static final Pattern SAVED_CHART = Pattern.compile("Saved chart: (/home/user/artifacts/\\S+\\.png)");

	private final JsonMapper json = JsonMapper.builder().build();

	/** The tool calls made and their results, in order, for the test to look at. */
	final List<ToolResponse> toolResults = new CopyOnWriteArrayList<>();

	@Override
	public ChatOptions getOptions() {
		// the tool loop runs only with tool-calling options
		return ToolCallingChatOptions.builder().build();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		List<Message> messages = prompt.getInstructions();
		List<ToolResponse> results = messages.stream()
			.filter(ToolResponseMessage.class::isInstance)
			.flatMap((message) -> ((ToolResponseMessage) message).getResponses().stream())
			.toList();
		switch (results.size()) {
			case 0 -> {
				assertThat(messages).first().isInstanceOf(SystemMessage.class);
				assertThat(messages.get(0).getText()).contains(DataAnalyst.DATA_FILE);
				assertThat(messages).filteredOn(UserMessage.class::isInstance)
					.singleElement()
					.extracting(Message::getText)
					.asString()
					.containsIgnoringCase("highest sales");
				return toolCall("call-1", "run_command", Map.of("command", INSPECT));
			}
			case 1 -> {
				String inspected = result(results, "call-1", "run_command");
				assertThat(inspected).as("the uploaded file, seen from the sandbox").contains("month,sales", "13");
				return toolCall("call-2", "run_code", Map.of("code", COMPUTE));
			}
			case 2 -> {
				String computed = result(results, "call-2", "run_code");
				assertThat(computed).contains("months: 12");
				assertThat(HIGHEST.matcher(computed).find()).as("pandas printed the best month: %s", computed).isTrue();
				return toolCall("call-3", "run_code", Map.of("code", PLOT));
			}
			case 3 -> {
				Matcher highest = HIGHEST.matcher(result(results, "call-2", "run_code"));
				assertThat(highest.find()).isTrue();
				String plotted = result(results, "call-3", "run_code");
				assertThat(plotted).contains("plotted 12 months");
				Matcher chart = SAVED_CHART.matcher(plotted);
				assertThat(chart.find()).as("the result names the saved chart: %s", plotted).isTrue();
				return answer("The highest sales were in " + highest.group(1) + ", with " + highest.group(2)
						+ " (the code printed \"" + highest.group() + "\"). The bar chart of all 12 months is "
						+ chart.group(1) + ", with " + highest.group(1) + " highlighted.");
			}
			default -> throw new AssertionError("the script has no step after " + results);
		}
	}

	private String result(List<ToolResponse> results, String id, String tool) {
		ToolResponse response = results.stream()
			.filter((candidate) -> candidate.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no result of " + id + " in " + results));
		assertThat(response.name()).isEqualTo(tool);
		if (!this.toolResults.contains(response)) {
			this.toolResults.add(response);
		}
		assertThat(response.responseData()).as("the result of %s", tool).doesNotStartWith("Error: ");
		return response.responseData();
	}

	private ChatResponse toolCall(String id, String tool, Map<String, Object> arguments) {
		AssistantMessage message = AssistantMessage.builder()
			.content("")
			.toolCalls(List
				.of(new AssistantMessage.ToolCall(id, "function", tool, this.json.writeValueAsString(arguments))))
			.build();
		return new ChatResponse(List.of(new Generation(message)));
	}

	private static ChatResponse answer(String text) {
		return new ChatResponse(List.of(new Generation(new AssistantMessage(text))));
	}

}
