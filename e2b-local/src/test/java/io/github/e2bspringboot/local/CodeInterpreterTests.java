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
package io.github.e2bspringboot.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.github.e2bspringboot.local.LocalClient.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The code interpreter of e2b-local, over raw HTTP: its wire format, its kernels inside
 * the sandbox, and what it does when sandbox code or a client misbehaves.
 */
class CodeInterpreterTests {

	@TempDir
	static Path host;

	private static E2bLocalServer server;

	private static LocalClient client;

	/** Killed after each test, so that no test's kernels slow the next one down. */
	private final List<Sandbox> sandboxes = new ArrayList<>();

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeAll
	static void start() throws IOException {
		assumeTrue(Files.isRegularFile(Path.of("/usr/share/jupyter/kernels/python3/kernel.json"))
				|| "true".equalsIgnoreCase(System.getenv("CI")), "Python's Jupyter kernel is not installed");
		Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwx--x--x"));
		server = E2bLocalServer.builder()
			.isolation(IsolationRequirement.forTests())
			.dataDirectory(host.resolve("data"))
			.build()
			.start();
		client = new LocalClient(server);
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@AfterEach
	void killSandboxes() {
		this.sandboxes.forEach((sandbox) -> client.control("DELETE", "/sandboxes/" + sandbox.id(), null));
	}

	@Test
	void anExecutionStreamsItsCountOutputAndResultAndAlwaysEndsWithEndOfExecution() {
		Sandbox sandbox = create();
		List<JsonNode> lines = execute(sandbox,
				"{\"code\":\"import sys\\nprint('out')\\nprint('err', file=sys.stderr)\\n40 + 2\"}");

		assertThat(types(lines)).containsExactly("number_of_executions", "stdout", "stderr", "result",
				"end_of_execution");
		assertThat(lines.get(0).get("execution_count").asInt()).isPositive();
		assertThat(lines.get(1).get("text").asString()).isEqualTo("out\n");
		assertThat(lines.get(1).get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
		assertThat(lines.get(2).get("text").asString()).isEqualTo("err\n");
		assertThat(lines.get(3).get("text").asString()).isEqualTo("42");
		assertThat(lines.get(3).get("is_main_result").asBoolean()).isTrue();
		assertThat(lines.get(3).get("extra").isObject()).isTrue();
	}

	@Test
	void stateStaysInAContextAndAnErrorIsALineNotAFailure() {
		Sandbox sandbox = create();
		execute(sandbox, "{\"code\":\"x = 20\"}");
		assertThat(resultText(execute(sandbox, "{\"code\":\"x + 1\"}"))).isEqualTo("21");

		List<JsonNode> failed = execute(sandbox, "{\"code\":\"1 / 0\\n1 / 0\"}");
		List<JsonNode> errors = failed.stream().filter((line) -> type(line).equals("error")).toList();
		assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.get("name").asString()).isEqualTo("ZeroDivisionError");
			assertThat(error.get("value").asString()).isEqualTo("division by zero");
			assertThat(error.get("traceback").asString()).contains("1 / 0").doesNotContain("\u001b[");
		});
		assertThat(types(failed)).endsWith("end_of_execution");
	}

	@Test
	void kernelsSeeTheSandboxsEnvironmentAndAnExecutionsOwnVariablesOnlyWhileItRuns() {
		Sandbox sandbox = Sandbox.of(client
			.createSandbox("{\"templateID\":\"code-interpreter-v1\",\"envVars\":{\"SANDBOX_WIDE\":\"yes\"}}"));
		String code = "import os\nprint(os.environ.get('SANDBOX_WIDE'), os.environ.get('ONCE'))";
		assertThat(stdout(execute(sandbox, "{\"code\":" + quoted(code) + ",\"env_vars\":{\"ONCE\":\"1\"}}")))
			.isEqualTo("yes 1\n");
		assertThat(stdout(execute(sandbox, "{\"code\":" + quoted(code) + "}")))
			.as("an execution's variables end with it")
			.isEqualTo("yes None\n");
	}

	@Test
	void kernelsRunInsideTheSandboxAsItsUserAndSeeNothingOfTheHost() throws IOException {
		assumeTrue(server.isolated(), "kernels are kept from the host only when sandboxes are isolated");
		Path canary = host.resolve("canary-" + UUID.randomUUID());
		Files.writeString(canary, "host secret");
		Sandbox sandbox = create();
		client.run(sandbox, "echo from-the-sandbox > /home/user/note.txt");

		String code = "import os\nprint(os.getuid(), open('/home/user/note.txt').read().strip(), os.path.exists("
				+ quoted(canary.toString()) + "), os.path.exists(" + quoted(host.toString()) + "))";
		assertThat(stdout(execute(sandbox, "{\"code\":" + quoted(code) + "}")))
			.isEqualTo("1000 from-the-sandbox False False\n");
	}

	@Test
	void contextsAreSeparateAndCanBeListedRestartedAndRemoved() {
		Sandbox sandbox = create();
		JsonNode first = json(call(sandbox, "POST", "/contexts", "{\"cwd\":\"/tmp\"}"));
		JsonNode second = json(call(sandbox, "POST", "/contexts", "{\"language\":\"Python \"}"));
		assertThat(first.get("cwd").asString()).isEqualTo("/tmp");
		assertThat(second.get("language").asString()).isEqualTo("python");
		String one = first.get("id").asString();
		String two = second.get("id").asString();

		execute(sandbox, contextCode(one, "secret = 7"));
		assertThat(resultText(execute(sandbox, contextCode(one, "import os; (secret, os.getcwd())"))))
			.isEqualTo("(7, '/tmp')");
		assertThat(errorName(execute(sandbox, contextCode(two, "secret")))).isEqualTo("NameError");
		assertThat(json(call(sandbox, "GET", "/contexts", null)).findValuesAsString("id")).contains(one, two);

		HttpResponse<byte[]> restarted = call(sandbox, "POST", "/contexts/" + one + "/restart", null);
		assertThat(restarted.statusCode()).isEqualTo(200);
		assertThat(LocalClient.text(restarted)).isEqualTo("null");
		assertThat(errorName(execute(sandbox, contextCode(one, "secret")))).isEqualTo("NameError");

		assertThat(call(sandbox, "DELETE", "/contexts/" + one, null).statusCode()).isEqualTo(200);
		assertThat(json(call(sandbox, "GET", "/contexts", null)).findValuesAsString("id")).doesNotContain(one)
			.contains(two);
		HttpResponse<byte[]> gone = call(sandbox, "POST", "/execute", contextCode(one, "1"));
		assertThat(gone.statusCode()).isEqualTo(404);
		assertThat(gone.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(LocalClient.text(gone)).isEqualTo("Context " + one + " not found");
		assertThat(call(sandbox, "DELETE", "/contexts/" + one, null).statusCode()).isEqualTo(404);
		assertThat(call(sandbox, "POST", "/contexts/" + one + "/restart", null).statusCode()).isEqualTo(404);
	}

	@Test
	void badRequestsGetAPlainTextAnswerAndRunNothing() {
		Sandbox sandbox = create();
		Map<String, Integer> requests = Map.of("{\"code\":\"1\",\"language\":\"python\",\"context_id\":\"x\"}", 400,
				"{\"language\":\"python\"}", 400, "{\"code\":7}", 400, "not json", 400, "[1]", 400,
				"{\"code\":\"1\",\"env_vars\":{\"A\":1}}", 400, "{\"code\":\"1\",\"language\":\"cobol\"}", 400,
				"{\"code\":\"1\",\"context_id\":\"no-such-context\"}", 404);
		requests.forEach((body, status) -> {
			HttpResponse<byte[]> response = call(sandbox, "POST", "/execute", body);
			assertThat(response.statusCode()).as(body).isEqualTo(status);
			assertThat(response.headers().firstValue("Content-Type")).as(body)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		});
		assertThat(LocalClient.text(call(sandbox, "POST", "/execute", "{\"code\":\"1\",\"language\":\"bash\"}")))
			.contains("No Jupyter kernel for 'bash'")
			.contains("python");
		String huge = "{\"code\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
		assertThat(call(sandbox, "POST", "/execute", huge).statusCode()).isEqualTo(413);
		assertThat(resultText(execute(sandbox, "{\"code\":\"'still fine'\"}"))).isEqualTo("still fine");
	}

	@Test
	void onlyCodeInterpreterSandboxesServeThePort() {
		Sandbox base = create("{\"templateID\":\"base\"}");
		HttpResponse<byte[]> response = call(base, "GET", "/health", null);
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(LocalClient.text(response)).contains("port is not open");
		assertThat(LocalClient.text(call(create(), "GET", "/health", null))).isEqualTo("\"OK\"");
	}

	@Test
	void theHostNameRoutesToThePortAsOnE2b() throws Exception {
		Sandbox sandbox = create();
		try (Socket socket = new Socket("127.0.0.1", URI.create(server.url()).getPort())) {
			socket.getOutputStream()
				.write(("GET /contexts HTTP/1.1\r\nHost: 49999-" + sandbox.id()
						+ ".e2b.local\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(response).startsWith("HTTP/1.1 200").contains("\r\n\r\n[").endsWith("]");
		}
	}

	@Test
	void executionsInOneContextRunOneAtATimeAndContextsRunInParallel() throws Exception {
		Sandbox sandbox = create();
		String other = json(call(sandbox, "POST", "/contexts", "{}")).get("id").asString();
		try (Stream<String> waiting = open(sandbox,
				"{\"code\":\"import os, time\\nwhile not os.path.exists('/tmp/go'): time.sleep(0.02)\\nvalue = 'set by the first'\"}")) {
			Iterator<String> first = waiting.iterator();
			assertThat(type(LocalClient.JSON.readTree(first.next()))).isEqualTo("number_of_executions");
			try (Stream<String> queued = open(sandbox, "{\"code\":\"value\"}")) {
				// another context answers while the default one is busy
				assertThat(resultText(execute(sandbox, contextCode(other, "'parallel'")))).isEqualTo("parallel");
				client.run(sandbox, "touch /tmp/go");
				List<JsonNode> second = queued.map(LocalClient.JSON::readTree).toList();
				assertThat(resultText(second)).as("the queued execution ran after the first ended")
					.isEqualTo("set by the first");
			}
		}
	}

	@Test
	void aKeepaliveLineIsSentWhileACellIsSilent() throws Exception {
		Sandbox sandbox = create();
		try (Stream<String> lines = open(sandbox,
				"{\"code\":\"import os, time\\nwhile not os.path.exists('/tmp/go'): time.sleep(0.02)\\n'released'\"}")) {
			Iterator<String> reader = lines.iterator();
			List<String> seen = new ArrayList<>();
			while (!seen.contains("keepalive")) {
				seen.add(type(LocalClient.JSON.readTree(reader.next())));
			}
			client.run(sandbox, "touch /tmp/go");
			reader.forEachRemaining((line) -> seen.add(type(LocalClient.JSON.readTree(line))));
			assertThat(seen).startsWith("number_of_executions").endsWith("result", "end_of_execution");
		}
	}

	@Test
	void aClientThatGoesAwayInterruptsItsExecutionSoTheNextOneRuns() throws Exception {
		Sandbox sandbox = create();
		try (Socket socket = new Socket("127.0.0.1", URI.create(server.url()).getPort())) {
			String body = "{\"code\":\"import time\\nprint('started', flush=True)\\ntime.sleep(3600)\"}";
			OutputStream out = socket.getOutputStream();
			out.write(("POST /execute HTTP/1.1\r\nHost: 127.0.0.1\r\nE2b-Sandbox-Id: " + sandbox.id()
					+ "\r\nE2b-Sandbox-Port: 49999\r\nContent-Type: application/json\r\nContent-Length: "
					+ body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String line;
			while ((line = in.readLine()) != null && !line.contains("started")) {
				// headers, the count, then the output that says the cell is running
			}
		}
		List<JsonNode> next = execute(sandbox, "{\"code\":\"'next'\"}");
		assertThat(resultText(next)).isEqualTo("next");
	}

	@Test
	void aKernelThatDiesIsReportedAndRestarted() {
		Sandbox sandbox = create();
		List<JsonNode> died = execute(sandbox, "{\"code\":\"import os\\nos._exit(3)\"}");
		assertThat(errorName(died)).isEqualTo("DeadKernelError");
		assertThat(types(died)).endsWith("end_of_execution");
		assertThat(resultText(execute(sandbox, "{\"code\":\"'alive'\"}"))).isEqualTo("alive");
	}

	@Test
	void sandboxCodeThatKillsTheBridgeEndsTheExecutionAndTheNextRequestStartsAFreshOne() {
		Sandbox sandbox = create();
		String context = json(call(sandbox, "POST", "/contexts", "{}")).get("id").asString();
		List<JsonNode> killed = execute(sandbox,
				"{\"code\":\"import os, signal\\nos.kill(os.getppid(), signal.SIGKILL)\\nimport time\\ntime.sleep(60)\"}");
		assertThat(types(killed)).as("the stream ends with an error, not by hanging")
			.endsWith("error", "end_of_execution");
		assertThat(resultText(execute(sandbox, "{\"code\":\"'fresh'\"}"))).isEqualTo("fresh");
		assertThat(call(sandbox, "POST", "/execute", contextCode(context, "1")).statusCode())
			.as("contexts died with their bridge")
			.isEqualTo(404);
	}

	@Test
	void garbageWrittenIntoTheBridgesOutputIsIgnored() {
		Sandbox sandbox = create();
		// sandbox code runs as the bridge's user, so it can write into the pipes the
		// bridge holds: its output (the protocol, its descriptor 3) gets an endless line,
		// broken JSON and a made-up event; its input gets broken commands
		String attack = String.join("\n", "import os", "bridge = f'/proc/{os.getppid()}/fd'",
				"assert os.readlink(f'{bridge}/3').startswith('pipe:'), os.readlink(f'{bridge}/3')",
				"with open(f'{bridge}/3', 'wb') as output:", "    output.write(b'{' * (20 * 1024 * 1024) + b'\\n')",
				"    output.write(b'not json\\n[1,2]\\n{\"req\": 999999, \"type\": \"done\"}\\n{\"type\": \"ready\"}\\n')",
				"fd = os.open(f'{bridge}/0', os.O_WRONLY | os.O_NONBLOCK)",
				"os.write(fd, b'not json\\n{\"op\": \"cancel\"}\\n{\"op\": \"remove\", \"req\": 1}\\n')",
				"os.close(fd)", "1");
		List<JsonNode> lines = execute(sandbox, "{\"code\":" + quoted(attack) + "}");
		if (types(lines).contains("error")) {
			// where sandboxes have uids of their own, the pipes (made by the server, as a
			// user the sandbox does not map) cannot be opened from inside at all
			assertThat(errorName(lines)).as("%s", lines).isEqualTo("PermissionError");
		}
		else {
			assertThat(resultText(lines)).as("the attack ran to its end: %s", lines).isEqualTo("1");
		}
		assertThat(resultText(execute(sandbox, "{\"code\":\"'unharmed'\"}"))).isEqualTo("unharmed");
		assertThat(resultText(execute(create(), "{\"code\":\"'others unharmed'\"}"))).isEqualTo("others unharmed");
	}

	@Test
	void aFloodOfContextsStopsAtTheLimitWithA429AndRemovingOneMakesRoom() throws Exception {
		try (E2bLocalServer small = E2bLocalServer.builder()
			.isolation(IsolationRequirement.forTests())
			.dataDirectory(host.resolve("small"))
			.maxCodeContexts(2)
			.build()
			.start()) {
			LocalClient smallClient = new LocalClient(small);
			Sandbox sandbox = Sandbox.of(smallClient.createSandbox("{\"templateID\":\"code-interpreter-v1\"}"));
			// ten at once, racing the default context that the sandbox starts by itself
			List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				flood.add(http.sendAsync(request(small.url(), sandbox, "POST", "/contexts", "{}").build(),
						HttpResponse.BodyHandlers.ofString()));
			}
			List<HttpResponse<String>> answers = new ArrayList<>();
			for (java.util.concurrent.CompletableFuture<HttpResponse<String>> answer : flood) {
				answers.add(answer.get());
			}
			List<HttpResponse<String>> refused = answers.stream().filter((r) -> r.statusCode() == 429).toList();
			assertThat(answers).allSatisfy((answer) -> assertThat(answer.statusCode()).isIn(200, 429));
			assertThat(refused).isNotEmpty()
				.allSatisfy((answer) -> assertThat(answer.body()).contains("2 code contexts, as many as it may"));
			HttpResponse<String> listed = http.send(request(small.url(), sandbox, "GET", "/contexts", null).build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode contexts = LocalClient.JSON.readTree(listed.body());
			assertThat(contexts.size()).as("contexts that live").isLessThanOrEqualTo(2);

			String removed = contexts.get(0).get("id").asString();
			assertThat(http
				.send(request(small.url(), sandbox, "DELETE", "/contexts/" + removed, null).build(),
						HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(200);
			assertThat(http
				.send(request(small.url(), sandbox, "POST", "/contexts", "{}").build(),
						HttpResponse.BodyHandlers.ofString())
				.statusCode()).as("room again").isEqualTo(200);
		}
	}

	@Test
	void pausingCutsAnExecutionAndTheContextWorksAfterTheResume() throws Exception {
		Sandbox sandbox = create();
		execute(sandbox, "{\"code\":\"kept = 'before the pause'\"}");
		try (Stream<String> lines = open(sandbox,
				"{\"code\":\"import time\\nprint('running', flush=True)\\ntime.sleep(3600)\"}")) {
			Iterator<String> reader = lines.iterator();
			while (!reader.next().contains("running")) {
				// until the cell runs
			}
			assertThat(client.control("POST", "/sandboxes/" + sandbox.id() + "/pause", "{}").statusCode())
				.isEqualTo(204);
			List<String> rest = new ArrayList<>();
			try {
				reader.forEachRemaining(rest::add);
			}
			catch (RuntimeException ex) {
				// the connection was cut mid-body
			}
			assertThat(rest).noneMatch((line) -> line.contains("end_of_execution"));
		}
		assertThat(call(sandbox, "GET", "/health", null).statusCode()).isEqualTo(502);
		assertThat(client.control("POST", "/sandboxes/" + sandbox.id() + "/connect", "{\"timeout\":60}").statusCode())
			.isBetween(200, 201);
		assertThat(resultText(execute(sandbox, "{\"code\":\"kept\"}"))).isEqualTo("before the pause");
	}

	private Sandbox create() {
		return create("{\"templateID\":\"code-interpreter-v1\"}");
	}

	private Sandbox create(String json) {
		Sandbox sandbox = Sandbox.of(client.createSandbox(json));
		this.sandboxes.add(sandbox);
		return sandbox;
	}

	private static HttpResponse<byte[]> call(Sandbox sandbox, String method, String path, String body) {
		try {
			return http.send(request(sandbox, method, path, body).build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private static HttpRequest.Builder request(Sandbox sandbox, String method, String path, String body) {
		return request(server.url(), sandbox, method, path, body);
	}

	private static HttpRequest.Builder request(String url, Sandbox sandbox, String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
			.header("E2b-Sandbox-Id", sandbox.id())
			.header("E2b-Sandbox-Port", "49999")
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (path.equals("/execute") && sandbox.token() != null) {
			request.header("X-Access-Token", sandbox.token());
		}
		return request;
	}

	private static List<JsonNode> execute(Sandbox sandbox, String body) {
		HttpResponse<byte[]> response = call(sandbox, "POST", "/execute", body);
		assertThat(response.statusCode()).as(LocalClient.text(response)).isEqualTo(200);
		return LocalClient.text(response).lines().map(LocalClient.JSON::readTree).toList();
	}

	/** Start an execution and read its lines as they come. */
	private static Stream<String> open(Sandbox sandbox, String body) throws Exception {
		HttpResponse<Stream<String>> response = http.send(request(sandbox, "POST", "/execute", body).build(),
				HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static JsonNode json(HttpResponse<byte[]> response) {
		assertThat(response.statusCode()).as(LocalClient.text(response)).isEqualTo(200);
		return LocalClient.json(response);
	}

	private static String contextCode(String context, String code) {
		return "{\"context_id\":\"" + context + "\",\"code\":" + quoted(code) + "}";
	}

	private static String quoted(String text) {
		return LocalClient.JSON.writeValueAsString(text);
	}

	private static String type(JsonNode line) {
		return line.get("type").asString();
	}

	private static List<String> types(List<JsonNode> lines) {
		return lines.stream().map(CodeInterpreterTests::type).toList();
	}

	private static String resultText(List<JsonNode> lines) {
		return lines.stream()
			.filter((line) -> type(line).equals("result") && line.get("is_main_result").asBoolean())
			.map((line) -> line.get("text").asString())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no main result in " + lines));
	}

	private static String errorName(List<JsonNode> lines) {
		return lines.stream()
			.filter((line) -> type(line).equals("error"))
			.map((line) -> line.get("name").asString())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no error in " + lines));
	}

	private static String stdout(List<JsonNode> lines) {
		StringBuilder out = new StringBuilder();
		lines.stream()
			.filter((line) -> type(line).equals("stdout"))
			.forEach((line) -> out.append(line.get("text").asString()));
		return out.toString();
	}

}
