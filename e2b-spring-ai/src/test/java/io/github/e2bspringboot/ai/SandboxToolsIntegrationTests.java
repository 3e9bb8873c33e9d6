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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ToolContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each tool end to end against a real e2b-local with code-interpreter sandboxes. Two
 * sandboxes in all: conversation {@code c1} and the default conversation.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SandboxToolsIntegrationTests {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };

	private static final int MAX_OUTPUT_CHARS = 2_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ToolContext C1 = Tools.conversation("c1");

	private static final List<SandboxArtifact> artifacts = new CopyOnWriteArrayList<>();

	private static E2bLocalServer server;

	private static ConversationSandboxes conversations;

	private static E2bSandboxTools tools;

	@BeforeAll
	static void startServer() {
		server = LocalSandboxes.startServer();
		SandboxTemplate sandboxes = new SandboxTemplate(LocalSandboxes.reactiveTemplate(server));
		SandboxToolsSettings settings = SandboxToolsSettings.builder().maxOutputChars(MAX_OUTPUT_CHARS).build();
		conversations = new ConversationSandboxes(sandboxes, settings, Clock.systemUTC());
		tools = new E2bSandboxTools(conversations, settings, List.of(artifacts::add), null);
	}

	@AfterAll
	static void stopServer() {
		try {
			conversations.close();
			assertThat(server.sandboxCount()).as("sandboxes left after close").isZero();
		}
		finally {
			server.close();
		}
	}

	@Test
	void runCodeKeepsStateAcrossCallsOfAConversation() {
		String first = call("run_code", "{\"code\":\"state_a = 20\\nprint('set')\"}", C1);
		String second = call("run_code", "{\"code\":\"state_a + 22\"}", C1);

		assertThat(first).isEqualTo("stdout:\nset");
		assertThat(second).isEqualTo("result:\n42");
	}

	@Test
	void runCodeReportsTheErrorWithItsTraceback() {
		String result = call("run_code", "{\"code\":\"1/0\"}", C1);

		assertThat(result).startsWith("error: ZeroDivisionError: division by zero").contains("traceback:");
		assertThat(result).as("no terminal colours").doesNotContain("\u001B[");
	}

	@Test
	void runCodeSavesAChartAsPngAndHandsItToTheListeners() {
		artifacts.clear();
		String code = """
				import matplotlib.pyplot as plt
				plt.figure()
				plt.plot([1, 2, 3], [4, 5, 9])
				plt.show()""";

		String result = call("run_code", json(Map.of("code", code)), C1);

		assertThat(result).containsPattern("Saved chart: /home/user/artifacts/chart-\\d+\\.png");
		assertThat(artifacts).singleElement().satisfies((artifact) -> {
			assertThat(artifact.conversationId()).isEqualTo("c1");
			assertThat(artifact.mimeType()).isEqualTo("image/png");
			assertThat(artifact.content()).startsWith(PNG_SIGNATURE);
			assertThat(result).contains(artifact.path());
			assertThat(artifact.sandboxId()).isEqualTo(conversations.sandboxFor("c1").id());
			assertThat(conversations.sandboxFor("c1").files().readBytes(artifact.path())).isEqualTo(artifact.content());
			assertThat(artifact.toString()).doesNotContain("PNG").contains(artifact.content().length + " bytes");
		});
	}

	@Test
	void runCodeSavesADataFrameAsHtml() {
		artifacts.clear();
		String code = "import pandas as pd\npd.DataFrame({'city': ['Oslo', 'Rome'], 'temp': [4, 18]})";

		String result = call("run_code", json(Map.of("code", code)), C1);

		assertThat(result).contains("result:").contains("Oslo");
		assertThat(result).containsPattern("Saved table: /home/user/artifacts/table-\\d+\\.html");
		assertThat(artifacts).singleElement().satisfies((artifact) -> {
			assertThat(artifact.mimeType()).isEqualTo("text/html");
			assertThat(new String(artifact.content(), StandardCharsets.UTF_8)).contains("<table").contains("Rome");
		});
	}

	@Test
	void runCommandReportsANonZeroExitAsAResult() {
		String result = call("run_command", "{\"command\":\"echo out; echo err >&2; exit 3\"}", C1);

		assertThat(result).isEqualTo("exit code: 3\nstdout:\nout\nstderr:\nerr");
	}

	@Test
	void runCommandRunsInTheGivenDirectory() {
		String result = call("run_command", "{\"command\":\"pwd\",\"cwd\":\"/tmp\"}", C1);

		assertThat(result).isEqualTo("exit code: 0\nstdout:\n/tmp");
	}

	@Test
	void writeFileThenReadFile() {
		String text = "héllo\nwörld\n";
		int bytes = text.getBytes(StandardCharsets.UTF_8).length;

		String written = call("write_file", json(Map.of("path", "/home/user/notes/a.txt", "content", text)), C1);
		String read = call("read_file", "{\"path\":\"/home/user/notes/a.txt\"}", C1);

		assertThat(written).isEqualTo("Wrote " + bytes + " bytes to /home/user/notes/a.txt");
		assertThat(read).isEqualTo(text);
	}

	@Test
	void readFileDescribesABinaryFileAndRefusesADirectory() {
		call("run_command", "{\"command\":\"printf 'a\\\\000b' > /home/user/binary.dat\"}", C1);

		String binary = call("read_file", "{\"path\":\"/home/user/binary.dat\"}", C1);
		String directory = call("read_file", "{\"path\":\"/home/user\"}", C1);
		String missing = call("read_file", "{\"path\":\"/home/user/no-such-file\"}", C1);

		assertThat(binary).isEqualTo("/home/user/binary.dat is a binary file of 3 bytes; read_file returns text only "
				+ "(inspect it with run_code or run_command)");
		assertThat(directory).startsWith("Error: ").contains("is a directory");
		assertThat(missing).startsWith("Error: ");
	}

	@Test
	void listFilesListsOneEntryPerLine() {
		call("write_file", "{\"path\":\"/home/user/listing/one.txt\",\"content\":\"1\"}", C1);
		call("write_file", "{\"path\":\"/home/user/listing/sub/two.txt\",\"content\":\"22\"}", C1);

		String flat = call("list_files", "{\"path\":\"/home/user/listing\"}", C1);
		String deep = call("list_files", "{\"path\":\"/home/user/listing\",\"depth\":2}", C1);

		assertThat(flat.lines()).containsExactlyInAnyOrder("file 1 /home/user/listing/one.txt",
				"dir  - /home/user/listing/sub");
		assertThat(deep.lines()).containsExactlyInAnyOrder("file 1 /home/user/listing/one.txt",
				"dir  - /home/user/listing/sub", "file 2 /home/user/listing/sub/two.txt");
	}

	@Test
	void longOutputIsCutInTheMiddleSayingSo() {
		String result = call("run_command", "{\"command\":\"head -c 10000 /dev/zero | tr '\\\\0' a; echo END\"}", C1);

		assertThat(result).startsWith("exit code: 0\nstdout:\naaa").endsWith("aaaEND").contains(" characters cut ...]");
		int cut = 10_000 + "exit code: 0\nstdout:\nEND".length() - MAX_OUTPUT_CHARS;
		assertThat(result).contains("[... " + cut + " characters cut ...]");
		assertThat(result).hasSizeLessThanOrEqualTo(MAX_OUTPUT_CHARS + OutputTruncation.marker(cut).length());
	}

	@Test
	void twoConversationsHaveTwoSandboxesAndDoNotShareState() {
		call("run_code", "{\"code\":\"only_in_c1 = 1\"}", C1);

		// no tool context: the default conversation
		String inDefault = call("run_code", "{\"code\":\"only_in_c1\"}", null);
		// Spring AI's chat memory key names the same conversation
		String inC1 = call("run_code", "{\"code\":\"only_in_c1\"}",
				new ToolContext(Map.of(ChatMemory.CONVERSATION_ID, "c1")));

		assertThat(inDefault).startsWith("error: NameError");
		assertThat(inC1).isEqualTo("result:\n1");
		assertThat(conversations.conversations()).contains("c1", ConversationSandboxes.DEFAULT_CONVERSATION);
		String c1 = conversations.sandboxFor("c1").id();
		String other = conversations.sandboxFor(ConversationSandboxes.DEFAULT_CONVERSATION).id();
		assertThat(c1).isNotEqualTo(other);
		assertThat(conversations.sandboxFor("c1").getInfo().metadata())
			.containsEntry(ConversationSandboxes.CONVERSATION_METADATA_KEY, "c1");
	}

	@Test
	void aModelCannotChooseTheConversation() {
		String result = call("run_code", "{\"code\":\"1\",\"conversationId\":\"someone-else\"}", C1);
		String command = call("run_command", "{\"command\":\"echo\",\"conversationId\":\"someone-else\"}", C1);

		assertThat(result).startsWith("Error: unknown argument 'conversationId'");
		assertThat(command).startsWith("Error: unknown argument 'conversationId'");
		assertThat(conversations.conversations()).doesNotContain("someone-else");
	}

	private static String call(String tool, String json, ToolContext context) {
		return Tools.named(tools, tool).call(json, context);
	}

	private static String json(Map<String, String> arguments) {
		return JSON.writeValueAsString(arguments);
	}

}
