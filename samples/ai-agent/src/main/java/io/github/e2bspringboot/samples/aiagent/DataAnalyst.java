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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.e2bspringboot.ai.ConversationSandboxes;
import io.github.e2bspringboot.ai.E2bSandboxTools;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Answers questions about a CSV file with a {@link ChatClient} that has the E2B sandbox
 * tools: each question is a conversation with its own sandbox, where the application
 * uploads the data first, the model writes and runs Python to compute the answer and draw
 * charts, and the sandbox is killed when the answer is in.
 * <p>
 * Lazy, since it needs a {@code ChatModel}, which only a provider's starter (or a test)
 * brings.
 */
@Component
@Lazy
class DataAnalyst {

	/** Where the data is uploaded in the conversation's sandbox. */
	static final String DATA_FILE = "/home/user/data/sales.csv";

	static final String SYSTEM_PROMPT = """
			You are a data analyst with a sandboxed Linux machine. The user's data is the CSV file \
			%s (columns: month, sales). Answer by running Python with the run_code tool: pandas and \
			matplotlib are installed, and variables persist between calls. Compute every number \
			from the data, never guess. To plot, draw with matplotlib and call plt.show(): the chart \
			is saved as a PNG and the tool result names its path. Answer in a few sentences, quoting \
			the numbers your code printed, and name the saved charts.""".formatted(DATA_FILE);

	private final ChatClient chatClient;

	private final ConversationSandboxes sandboxes;

	private final ChartSaver charts;

	private final Resource data;

	DataAnalyst(ChatClient.Builder chatClient, @Qualifier("e2bSandboxTools") ToolCallbackProvider tools,
			ConversationSandboxes sandboxes, ChartSaver charts,
			@Value("${agent.data:classpath:data/sales.csv}") Resource data) {
		this.chatClient = chatClient.defaultSystem(SYSTEM_PROMPT).defaultTools(tools).build();
		this.sandboxes = sandboxes;
		this.charts = charts;
		this.data = data;
	}

	/**
	 * Answer a question about the data.
	 * @param question the question
	 * @return the model's answer and the charts its code drew
	 */
	Answer ask(String question) {
		String conversationId = "analysis-" + UUID.randomUUID().toString().substring(0, 8);
		try {
			// the conversation's sandbox, the one the tools use for this id, gets the
			// data
			this.sandboxes.sandboxFor(conversationId).files().write(DATA_FILE, read(this.data));
			String text = this.chatClient.prompt()
				.user(question)
				.toolContext(Map.of(E2bSandboxTools.CONVERSATION_ID, conversationId))
				.call()
				.content();
			return new Answer(conversationId, (text != null) ? text : "", this.charts.takeCharts(conversationId));
		}
		finally {
			// done with this conversation: kill its sandbox now rather than when it idles
			// out
			this.sandboxes.end(conversationId);
		}
	}

	private static String read(Resource resource) {
		try {
			return resource.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param conversationId the conversation, whose sandbox ran the model's code
	 * @param text the model's answer
	 * @param charts the charts the model's code drew, saved locally
	 */
	record Answer(String conversationId, String text, List<Path> charts) {
	}

}
