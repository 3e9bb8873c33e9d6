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

import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.util.json.schema.JsonSchemaGenerator;

/**
 * One sandbox tool: its definition for the model, and how it turns checked arguments into
 * work on a conversation's sandbox.
 *
 * @param <I> the input record type, from which the JSON schema is generated
 * @author e2b-spring-boot contributors
 */
abstract class SandboxTool<I extends Record> {

	private final ToolDefinition definition;

	private final ToolArguments<I> arguments;

	SandboxTool(String name, String description, Class<I> inputType) {
		this.definition = ToolDefinition.builder()
			.name(name)
			.description(description)
			.inputSchema(JsonSchemaGenerator.generateForType(inputType))
			.build();
		this.arguments = new ToolArguments<>(name, inputType);
	}

	final ToolDefinition definition() {
		return this.definition;
	}

	final String name() {
		return this.definition.name();
	}

	/**
	 * Read and check the arguments before any sandbox is touched.
	 * @param json the model's arguments
	 * @return the work to do in the conversation's sandbox
	 * @throws ToolArgumentException when the arguments are wrong
	 */
	final Function<ConversationSession, String> prepare(String json) {
		return prepare(this.arguments.read(json));
	}

	/**
	 * Check the input and return the work to do with it.
	 * @param input the input
	 * @return the work, which returns the tool's result text
	 * @throws ToolArgumentException when the input is wrong
	 */
	abstract Function<ConversationSession, String> prepare(I input);

}
