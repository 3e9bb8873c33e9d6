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

import java.util.List;
import java.util.Objects;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * The E2B sandbox tools for Spring AI: {@code run_code}, {@code run_command},
 * {@code write_file}, {@code read_file} and {@code list_files}. Each call runs in the
 * sandbox of its conversation, named by {@link #CONVERSATION_ID} (or Spring AI's
 * {@code ChatMemory.CONVERSATION_ID}) in the {@code ToolContext}; calls without one share
 * {@link ConversationSandboxes#DEFAULT_CONVERSATION}.
 * <p>
 * A tool never throws: a bad argument, a limit, a timeout or a sandbox failure becomes a
 * result that starts with {@code Error: } and says what to change. Each call is an
 * {@code e2b.ai.tool} observation, nested in Spring AI's {@code spring.ai.tool} one.
 *
 * <pre class="code">
 * ChatClient chat = ChatClient.builder(chatModel).defaultTools(tools).build();
 * chat.prompt().user(question).toolContext(Map.of(E2bSandboxTools.CONVERSATION_ID, id)).call().content();
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class E2bSandboxTools implements ToolCallbackProvider {

	/** The {@code ToolContext} key of the conversation id. */
	public static final String CONVERSATION_ID = "conversationId";

	private final ToolCallback[] callbacks;

	/**
	 * Create the tools.
	 * @param sandboxes the conversations' sandboxes
	 * @param settings the limits and the artifacts directory
	 * @param listeners receive the charts and tables {@code run_code} saves
	 * @param observations records each tool call, or {@code null} for none
	 */
	public E2bSandboxTools(ConversationSandboxes sandboxes, SandboxToolsSettings settings,
			List<SandboxArtifactListener> listeners, @Nullable ObservationRegistry observations) {
		Objects.requireNonNull(sandboxes, "sandboxes");
		Objects.requireNonNull(settings, "settings");
		Objects.requireNonNull(listeners, "listeners");
		ObservationRegistry registry = (observations != null) ? observations : ObservationRegistry.NOOP;
		ArtifactSaver artifacts = new ArtifactSaver(settings.artifactsDirectory(), listeners);
		List<SandboxTool<?>> tools = List.of(new RunCodeTool(settings, artifacts), new RunCommandTool(settings),
				new WriteFileTool(settings), new ReadFileTool(settings), new ListFilesTool(settings));
		this.callbacks = tools.stream()
			.map((tool) -> new SandboxToolCallback(tool, sandboxes, settings.maxOutputChars(), registry))
			.toArray(ToolCallback[]::new);
	}

	/**
	 * Return the five tools.
	 * @return the tool callbacks, in a new array
	 */
	@Override
	public ToolCallback[] getToolCallbacks() {
		return this.callbacks.clone();
	}

}
