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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.github.e2bspringboot.sandbox.SandboxOperations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.ai.tool.ToolCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Model-made bad arguments for each tool: every one is an {@code Error: } result that
 * says what is wrong, never an exception, and none reaches a sandbox (the sandbox
 * operations here record any call).
 */
class ToolArgumentSafetyTests {

	private static final SandboxToolsSettings SETTINGS = SandboxToolsSettings.builder()
		.maxCodeChars(100)
		.maxFileBytes(50)
		.defaultTimeout(Duration.ofSeconds(30))
		.maxTimeout(Duration.ofSeconds(120))
		.build();

	private final List<String> sandboxCalls = new CopyOnWriteArrayList<>();

	private final E2bSandboxTools tools = new E2bSandboxTools(
			new ConversationSandboxes(recordingOperations(), SETTINGS, Clock.systemUTC()), SETTINGS, List.of(), null);

	static Stream<Arguments> badArguments() {
		String longCode = "x".repeat(101);
		String bigContent = "é".repeat(26); // 52 bytes in UTF-8
		return Stream.of(
				// run_code
				arguments("run_code", "", "run_code got no arguments; send one JSON object with code (a string)"),
				arguments("run_code", "   ", "run_code got no arguments"),
				arguments("run_code", "print(1)", "the arguments are not valid JSON"),
				arguments("run_code", "{\"code\":", "the arguments are not valid JSON"),
				arguments("run_code", "{\"code\":\"1\"} {}", "send one JSON object with code"),
				arguments("run_code", "[\"print(1)\"]",
						"the arguments are not a JSON object; send one JSON object with code"),
				arguments("run_code", "null", "the arguments are not a JSON object; send one JSON object with code"),
				arguments("run_code", "{}", "argument 'code' is required"),
				arguments("run_code", "{\"code\":null}", "argument 'code' is required"),
				arguments("run_code", "{\"code\":\"  \"}", "argument 'code' is empty"),
				arguments("run_code", "{\"code\":{\"a\":1}}",
						"argument 'code' has the wrong type; it must be a string"),
				arguments("run_code", "{\"code\":\"1\",\"timeoutSeconds\":\"soon\"}",
						"argument 'timeoutSeconds' has the wrong type; it must be an integer"),
				arguments("run_code", "{\"code\":\"" + longCode + "\"}",
						"argument 'code' has 101 characters, more than the limit of 100"),
				arguments("run_code", "{\"code\":\"1\",\"timeoutSeconds\":121}",
						"argument 'timeoutSeconds' is 121, more than the maximum of 120"),
				arguments("run_code", "{\"code\":\"1\",\"timeoutSeconds\":-5}",
						"argument 'timeoutSeconds' is -5; it must be between 1 and 120, or left out for 30"),
				arguments("run_code", "{\"code\":\"1\",\"timeoutSeconds\":0}", "it must be between 1 and 120"),
				arguments("run_code", "{\"code\":\"1\",\"timeoutSeconds\":99999999999}",
						"argument 'timeoutSeconds' has the wrong type"),
				arguments("run_code", "{\"code\":\"1\",\"language\":\"python; rm -rf /\"}",
						"argument 'language' is not a language name"),
				arguments("run_code", "{\"code\":\"1\",\"sandboxId\":\"abc\"}",
						"unknown argument 'sandboxId'; run_code takes only code (a string), language (a string), "
								+ "timeoutSeconds (an integer)"),
				// run_command
				arguments("run_command", "ls -la", "the arguments are not valid JSON"),
				arguments("run_command", "{}", "argument 'command' is required"),
				arguments("run_command", "{\"command\":[\"ls\"]}", "argument 'command' has the wrong type"),
				arguments("run_command", "{\"command\":\"" + longCode + "\"}", "more than the limit of 100"),
				arguments("run_command", "{\"command\":\"ls\",\"timeoutSeconds\":600}", "more than the maximum of 120"),
				arguments("run_command", "{\"command\":\"ls\",\"timeoutSeconds\":-1}", "it must be between 1 and 120"),
				arguments("run_command", "{\"command\":\"ls\",\"cwd\":\"\"}", "argument 'cwd' is empty"),
				arguments("run_command", "{\"command\":\"ls\",\"cwd\":{}}", "argument 'cwd' has the wrong type"),
				arguments("run_command", "{\"command\":\"ls\",\"env\":{}}", "unknown argument 'env'"),
				// write_file
				arguments("write_file", "{\"path\":\"/home/user/a\"", "the arguments are not valid JSON"),
				arguments("write_file", "{\"content\":\"x\"}", "argument 'path' is required"),
				arguments("write_file", "{\"path\":\"/home/user/a\"}", "argument 'content' is required"),
				arguments("write_file", "{\"path\":[1],\"content\":\"x\"}", "argument 'path' has the wrong type"),
				arguments("write_file", "{\"path\":\"/home/user/a\",\"content\":\"" + bigContent + "\"}",
						"argument 'content' has 52 bytes, more than the limit of 50"),
				arguments("write_file", "{\"path\":\"a\\u0000b\",\"content\":\"x\"}",
						"argument 'path' is not a valid path"),
				arguments("write_file", "{\"path\":\" \",\"content\":\"x\"}", "argument 'path' is empty"),
				// read_file
				arguments("read_file", "not json", "the arguments are not valid JSON"),
				arguments("read_file", "{}", "argument 'path' is required"),
				arguments("read_file", "{\"path\":{\"p\":1}}", "argument 'path' has the wrong type"),
				arguments("read_file", "{\"path\":\"" + "a".repeat(5000) + "\"}",
						"argument 'path' is not a valid path"),
				arguments("read_file", "{\"path\":\"/a\",\"offset\":3}", "unknown argument 'offset'"),
				// list_files
				arguments("list_files", "{", "the arguments are not valid JSON"),
				arguments("list_files", "{\"depth\":0}", "argument 'depth' is 0; it must be between 1 and 5"),
				arguments("list_files", "{\"depth\":6}", "argument 'depth' is 6; it must be between 1 and 5"),
				arguments("list_files", "{\"depth\":-1}", "argument 'depth' is -1"),
				arguments("list_files", "{\"depth\":\"deep\"}",
						"argument 'depth' has the wrong type; it must be an integer"),
				arguments("list_files", "{\"path\":[true]}", "argument 'path' has the wrong type"),
				arguments("list_files", "{\"recursive\":true}", "unknown argument 'recursive'"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("badArguments")
	void aBadArgumentIsAnErrorResultThatExplains(String tool, String json, String explanation) {
		ToolCallback callback = Tools.named(this.tools, tool);
		String[] results = new String[2];

		assertThatNoException().isThrownBy(() -> {
			results[0] = callback.call(json, Tools.conversation("c1"));
			results[1] = callback.call(json);
		});

		for (String result : results) {
			assertThat(result).startsWith("Error: ").contains(explanation);
		}
		assertThat(this.sandboxCalls).as("calls that reached the sandbox operations").isEmpty();
	}

	@Test
	void aNullInputIsAnErrorResult() {
		for (ToolCallback callback : this.tools.getToolCallbacks()) {
			assertThat(callback.call(null, null)).startsWith("Error: ")
				.contains(callback.getToolDefinition().name() + " got no arguments");
		}
	}

	@Test
	void aSandboxFailureIsAnErrorResult() {
		// the recording operations throw on create, as an unreachable service would
		String result = Tools.named(this.tools, "run_code").call("{\"code\":\"1\"}", Tools.conversation("c1"));

		assertThat(result).startsWith("Error: ").contains("no sandbox here");
		assertThat(this.sandboxCalls).containsExactly("createForCode");
	}

	private SandboxOperations recordingOperations() {
		return (SandboxOperations) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { SandboxOperations.class }, (proxy, method, args) -> {
					this.sandboxCalls.add(method.getName());
					throw new IllegalArgumentException("no sandbox here");
				});
	}

}
