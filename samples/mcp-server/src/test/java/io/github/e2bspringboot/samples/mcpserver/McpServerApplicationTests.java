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
package io.github.e2bspringboot.samples.mcpserver;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An MCP client over streamable HTTP (the MCP Java SDK's, and Spring AI's MCP client on
 * top of it) uses the sandbox tools of the server on the embedded e2b-local: it lists
 * them, runs Python that draws a chart, finds and reads the files that run made, and sees
 * that the kernel kept its variables between calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "e2b.api-key=", "e2b.local.enabled=true" })
class McpServerApplicationTests {

	private static final Pattern SAVED_CHART = Pattern.compile("Saved chart: (/home/user/artifacts/\\S+\\.png)");

	@LocalServerPort
	private int port;

	@Autowired
	private E2bLocalServer server;

	@Test
	void anMcpClientRunsCodeThatDrawsAChartAndReadsItsFilesBack() {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
			.builder("http://localhost:" + this.port)
			.endpoint("/mcp")
			.build();
		try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofMinutes(2)).build()) {
			McpSchema.InitializeResult initialized = client.initialize();
			assertThat(initialized.serverInfo().name()).isEqualTo("e2b-sandboxes");
			assertThat(initialized.serverInfo().version()).isEqualTo("0.1.0");

			List<McpSchema.Tool> tools = client.listTools().tools();
			assertThat(tools).extracting(McpSchema.Tool::name)
				.containsExactlyInAnyOrder("run_code", "run_command", "write_file", "read_file", "list_files");
			assertThat(tools).allSatisfy((tool) -> {
				assertThat(tool.description()).as("the description of %s", tool.name()).hasSizeGreaterThan(80);
				assertThat(tool.inputSchema()).as("the parameters of %s", tool.name()).containsKey("properties");
			});

			// a notebook cell: a data frame, a CSV file and a chart
			String chart = call(client, "run_code",
					Map.of("code", String.join("\n", "import os", "import pandas as pd",
							"import matplotlib.pyplot as plt", "os.makedirs('/home/user/artifacts', exist_ok=True)",
							"squares = pd.DataFrame({'n': range(1, 11)})", "squares['square'] = squares['n'] ** 2",
							"squares.to_csv('/home/user/artifacts/squares.csv', index=False)",
							"plt.plot(squares['n'], squares['square'])", "plt.title('Squares')",
							"print('sum of squares:', squares['square'].sum())", "plt.show()")));
			assertThat(chart).contains("sum of squares: 385");
			Matcher saved = SAVED_CHART.matcher(chart);
			assertThat(saved.find()).as("the result names the saved chart: %s", chart).isTrue();
			String chartPath = saved.group(1);

			String listing = call(client, "list_files", Map.of("path", "/home/user/artifacts"));
			assertThat(listing).contains(chartPath, "/home/user/artifacts/squares.csv");

			String csv = call(client, "read_file", Map.of("path", "/home/user/artifacts/squares.csv"));
			assertThat(csv).contains("n,square", "10,100");

			String png = call(client, "read_file", Map.of("path", chartPath));
			assertThat(png).as("a PNG is not text; the result says so").containsIgnoringCase("binary");

			// the same conversation's kernel: the data frame is still there
			String again = call(client, "run_code", Map.of("code", "print('rows:', len(squares))"));
			assertThat(again).contains("rows: 10");

			String command = call(client, "run_command", Map.of("command", "wc -l < /home/user/artifacts/squares.csv"));
			assertThat(command).contains("11");

			// arguments outside the schema: the MCP server refuses them before the tool
			// runs
			McpSchema.CallToolResult missing = client.callTool(
					McpSchema.CallToolRequest.builder("run_code").arguments(Map.of("language", "python")).build());
			assertThat(missing.isError()).isTrue();
			assertThat(text(missing)).contains("code");

			// arguments the schema allows but the tool does not: a result that explains
			// it
			McpSchema.CallToolResult tooLong = client.callTool(McpSchema.CallToolRequest.builder("run_code")
				.arguments(Map.of("code", "print(1)", "timeoutSeconds", 86400))
				.build());
			assertThat(text(tooLong)).startsWith("Error: ").contains("timeout");
		}

		// over MCP the tool context carries no conversation id: one sandbox, the default
		// conversation's, served every call
		assertThat(this.server.sandboxCount()).isEqualTo(1);
	}

	@Test
	void springAisMcpClientTurnsTheServersToolsIntoToolCallbacksThatRunInTheSandbox() {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
			.builder("http://localhost:" + this.port)
			.endpoint("/mcp")
			.build();
		try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofMinutes(2)).build()) {
			client.initialize();
			// what an agent on the other side gets from Spring AI's MCP client: the
			// server's tools as its own ToolCallbacks, ready for a ChatClient
			ToolCallback[] callbacks = SyncMcpToolCallbackProvider.builder()
				.mcpClients(client)
				.build()
				.getToolCallbacks();
			assertThat(callbacks).extracting((callback) -> callback.getToolDefinition().name())
				.containsExactlyInAnyOrder("run_code", "run_command", "write_file", "read_file", "list_files");
			ToolCallback runCode = Arrays.stream(callbacks)
				.filter((callback) -> callback.getToolDefinition().name().equals("run_code"))
				.findFirst()
				.orElseThrow();

			String result = runCode.call("{\"code\":\"print(sum(range(101)))\"}");

			assertThat(result).contains("5050").doesNotContain("Error: ");
		}
	}

	private static String call(McpSyncClient client, String tool, Map<String, Object> arguments) {
		McpSchema.CallToolResult result = client
			.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
		String text = text(result);
		assertThat(result.isError()).as("%s failed: %s", tool, text).isNotEqualTo(Boolean.TRUE);
		assertThat(text).as("the result of %s", tool).doesNotStartWith("Error: ");
		return text;
	}

	private static String text(McpSchema.CallToolResult result) {
		assertThat(result.content()).hasSize(1).first().isInstanceOf(McpSchema.TextContent.class);
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

}
