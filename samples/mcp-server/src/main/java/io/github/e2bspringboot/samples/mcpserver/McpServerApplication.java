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

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An MCP server that gives any MCP client the E2B sandbox tools ({@code run_code},
 * {@code run_command}, {@code write_file}, {@code read_file}, {@code list_files}) over
 * streamable HTTP at {@code /mcp}.
 * <p>
 * There is no code to write: the starter auto-configures the tools as a
 * {@code ToolCallbackProvider} bean once Spring AI is on the classpath, and Spring AI's
 * MCP server starter exposes every such bean as MCP tools. {@code application.yml} names
 * the server and selects the transport.
 */
@SpringBootApplication
public class McpServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(McpServerApplication.class, args);
	}

}
