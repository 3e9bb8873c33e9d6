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

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import io.github.e2bspringboot.sandbox.SandboxOperations;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a model is told about the tools: names, descriptions with the limits, and JSON
 * schemas whose required fields are the ones the tools require.
 */
class ToolDefinitionTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SandboxToolsSettings settings = SandboxToolsSettings.defaults();

	private final E2bSandboxTools tools = new E2bSandboxTools(
			new ConversationSandboxes(unusable(), this.settings, Clock.systemUTC()), this.settings, List.of(), null);

	@Test
	void theFiveToolsInOrder() {
		assertThat(Arrays.stream(this.tools.getToolCallbacks()).map((tool) -> tool.getToolDefinition().name()))
			.containsExactly("run_code", "run_command", "write_file", "read_file", "list_files");
	}

	@Test
	void schemasRequireWhatTheToolsRequire() {
		assertThat(required("run_code")).containsExactly("code");
		assertThat(properties("run_code")).containsExactlyInAnyOrder("code", "language", "timeoutSeconds");
		assertThat(required("run_command")).containsExactly("command");
		assertThat(properties("run_command")).containsExactlyInAnyOrder("command", "cwd", "timeoutSeconds");
		assertThat(required("write_file")).containsExactlyInAnyOrder("path", "content");
		assertThat(required("read_file")).containsExactly("path");
		assertThat(required("list_files")).isEmpty();
		assertThat(properties("list_files")).containsExactlyInAnyOrder("path", "depth");
	}

	@Test
	void descriptionsStateTheLimits() {
		assertThat(definition("run_code").description()).contains("persist between calls")
			.contains("default 60, maximum 300")
			.contains("100000 characters")
			.contains("/home/user/artifacts");
		assertThat(definition("write_file").description()).contains("1048576 bytes");
		assertThat(definition("list_files").description()).contains("up to 5");
	}

	private ToolDefinition definition(String name) {
		ToolCallback tool = Tools.named(this.tools, name);
		return tool.getToolDefinition();
	}

	private List<String> required(String name) {
		return names(schema(name).get("required"));
	}

	private List<String> properties(String name) {
		return List.copyOf(schema(name).get("properties").propertyNames());
	}

	private JsonNode schema(String name) {
		return JSON.readTree(definition(name).inputSchema());
	}

	private static SandboxOperations unusable() {
		return (SandboxOperations) Proxy.newProxyInstance(ToolDefinitionTests.class.getClassLoader(),
				new Class<?>[] { SandboxOperations.class }, (proxy, method, args) -> {
					throw new UnsupportedOperationException(method.getName());
				});
	}

	private static List<String> names(JsonNode array) {
		// no "required" at all when nothing is
		return (array == null) ? List.of() : array.valueStream().map(JsonNode::asString).toList();
	}

}
