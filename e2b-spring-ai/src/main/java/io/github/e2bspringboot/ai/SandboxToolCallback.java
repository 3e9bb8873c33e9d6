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

import java.util.function.Function;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * A {@link SandboxTool} as a Spring AI {@link ToolCallback} that never throws: it reads
 * the arguments, finds the conversation's sandbox, runs the tool in an
 * {@code e2b.ai.tool} observation, and turns every failure into a result that starts with
 * {@code Error: }. Spring AI's {@code FunctionToolCallback} is not used because a JSON
 * error there escapes the model loop.
 *
 * @author e2b-spring-boot contributors
 */
final class SandboxToolCallback implements ToolCallback {

	static final String OBSERVATION_NAME = "e2b.ai.tool";

	private final SandboxTool<?> tool;

	private final ConversationSandboxes sandboxes;

	private final int maxOutputChars;

	private final ObservationRegistry observations;

	SandboxToolCallback(SandboxTool<?> tool, ConversationSandboxes sandboxes, int maxOutputChars,
			ObservationRegistry observations) {
		this.tool = tool;
		this.sandboxes = sandboxes;
		this.maxOutputChars = maxOutputChars;
		this.observations = observations;
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.tool.definition();
	}

	@Override
	public String call(String toolInput) {
		return call(toolInput, null);
	}

	@Override
	public String call(String toolInput, @Nullable ToolContext toolContext) {
		String conversationId = ConversationIds.of(toolContext);
		// the registry's current observation (Spring AI's spring.ai.tool) becomes the
		// parent when it starts
		Observation observation = Observation.createNotStarted(OBSERVATION_NAME, this.observations)
			.contextualName(OBSERVATION_NAME + " " + this.tool.name())
			.lowCardinalityKeyValue(OBSERVATION_NAME, this.tool.name())
			.highCardinalityKeyValue("e2b.ai.conversation", conversationId)
			.start();
		String result;
		try (Observation.Scope scope = observation.openScope()) {
			result = run(toolInput, conversationId);
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			result = ToolErrors.describe(ex);
		}
		boolean failed = result.startsWith(ToolErrors.PREFIX);
		observation.lowCardinalityKeyValue(KeyValue.of("outcome", failed ? "ERROR" : "SUCCESS"));
		observation.stop();
		return OutputTruncation.truncate(result, this.maxOutputChars);
	}

	private String run(String toolInput, String conversationId) {
		Function<ConversationSession, String> work = this.tool.prepare(toolInput);
		return this.sandboxes.use(conversationId, work);
	}

	@Override
	public String toString() {
		return "SandboxToolCallback[" + this.tool.name() + "]";
	}

}
