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
package io.github.e2bspringboot.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.e2bspringboot.errors.CodeContextNotFoundException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.InvalidArgumentException;
import io.github.e2bspringboot.errors.NotFoundException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.code.CodeContext;
import io.github.e2bspringboot.sandbox.code.Execution;
import io.github.e2bspringboot.sandbox.code.ExecutionCount;
import io.github.e2bspringboot.sandbox.code.ExecutionError;
import io.github.e2bspringboot.sandbox.code.ExecutionEvent;
import io.github.e2bspringboot.sandbox.code.OutputMessage;
import io.github.e2bspringboot.sandbox.code.Result;
import io.github.e2bspringboot.sandbox.code.RunCodeOptions;
import io.github.e2bspringboot.testsupport.RecordingServer;
import io.github.e2bspringboot.testsupport.RecordingServer.RecordedRequest;
import io.github.e2bspringboot.testsupport.RecordingServer.Response;
import io.github.e2bspringboot.testsupport.WireFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.e2bspringboot.testsupport.WireFixtures.ACCESS_TOKEN;
import static io.github.e2bspringboot.testsupport.WireFixtures.CREATED;
import static io.github.e2bspringboot.testsupport.WireFixtures.SANDBOX_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The code interpreter's requests, byte for byte as the official JS SDK
 * ({@code @e2b/code-interpreter} 2.8.0) sends them, and its answers read into executions
 * and contexts (PROTOCOL-NEXT.md 1.1 to 1.6).
 */
class CodeInterpreterWireTests {

	private static final String STREAM = line("{\"type\":\"number_of_executions\",\"execution_count\":3}")
			+ line("{\"type\":\"stdout\",\"text\":\"hi\\n\",\"timestamp\":\"2026-01-02T03:04:05.000001Z\"}")
			+ line("{\"type\":\"keepalive\"}")
			+ line("{\"type\":\"result\",\"png\":\"AA==\",\"extra\":{},\"is_main_result\":false}")
			+ line("{\"type\":\"stderr\",\"text\":\"warn\\n\",\"timestamp\":\"2026-01-02T03:04:06Z\"}")
			+ line("{\"type\":\"result\",\"text\":\"2\",\"extra\":{},\"is_main_result\":true}")
			+ line("{\"type\":\"end_of_execution\"}");

	private RecordingServer server;

	private Sandbox sandbox;

	@BeforeEach
	void createSandbox() throws IOException {
		this.server = new RecordingServer();
		this.server.enqueueJson(201, CREATED);
		this.sandbox = WireFixtures.template(this.server).createForCode();
		this.server.takeRequest();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void createForCodeCreatesFromTheCodeInterpreterTemplate() throws IOException {
		try (RecordingServer other = new RecordingServer()) {
			other.enqueueJson(201, CREATED).enqueueJson(201, CREATED);
			WireFixtures.template(other).createForCode();
			WireFixtures.template(other)
				.createForCode(io.github.e2bspringboot.sandbox.SandboxSpec.builder().template("my-python").build());

			assertThat(other.takeRequest().bodyText()).startsWith("{\"templateID\":\"code-interpreter-v1\"");
			assertThat(other.takeRequest().bodyText()).startsWith("{\"templateID\":\"my-python\"");
		}
	}

	@Test
	void runCodeSendsTheCodeAndTheEnvironmentAsTheJsSdkDoes() {
		this.server.enqueue(ndjson(STREAM));

		this.sandbox.codeInterpreter().runCode("print(\"hi\")\n1+1", RunCodeOptions.builder().env("X", "1").build());

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.target()).isEqualTo("/execute");
		// recorded from the JS SDK (PROTOCOL-NEXT.md 1.3)
		assertThat(request.bodyText()).isEqualTo("{\"code\":\"print(\\\"hi\\\")\\n1+1\",\"env_vars\":{\"X\":\"1\"}}");
		assertThat(request.header("content-type")).isEqualTo("application/json");
		assertThat(request.header("e2b-sandbox-id")).isEqualTo(SANDBOX_ID);
		assertThat(request.header("e2b-sandbox-port")).isEqualTo("49999");
		assertThat(request.header("x-access-token")).as("only /execute carries it").isEqualTo(ACCESS_TOKEN);
		assertThat(request.header("x-api-key")).as("the API key never goes to a sandbox").isNull();
	}

	@Test
	void runCodeLeavesOutWhatIsNotSet() {
		this.server.enqueue(ndjson(STREAM)).enqueue(ndjson(STREAM)).enqueue(ndjson(STREAM));
		CodeContext context = new CodeContext("8d1f-ctx", "python", "/tmp");

		this.sandbox.codeInterpreter().runCode("x");
		this.sandbox.codeInterpreter().runCode("1", RunCodeOptions.builder().language("js").build());
		this.sandbox.codeInterpreter().runCode("x", RunCodeOptions.builder().context(context).build());

		assertThat(this.server.takeRequest().bodyText()).isEqualTo("{\"code\":\"x\"}");
		assertThat(this.server.takeRequest().bodyText()).isEqualTo("{\"code\":\"1\",\"language\":\"js\"}");
		assertThat(this.server.takeRequest().bodyText()).isEqualTo("{\"code\":\"x\",\"context_id\":\"8d1f-ctx\"}");
	}

	@Test
	void aLanguageAndAContextTogetherFailBeforeAnyRequest() {
		RunCodeOptions.Builder both = RunCodeOptions.builder()
			.language("python")
			.context(new CodeContext("c", "python", "/home/user"));

		assertThatExceptionOfType(InvalidArgumentException.class).isThrownBy(both::build)
			.withMessage("Provide a context or a language, not both");
		assertThat(this.server.pendingRequests()).isZero();
	}

	@Test
	void theStreamBecomesAnExecutionAndCallbacksFireInStreamOrder() {
		this.server.enqueue(ndjson(STREAM));
		List<String> calls = new ArrayList<>();

		Execution execution = this.sandbox.codeInterpreter()
			.runCode("print('hi')",
					RunCodeOptions.builder()
						.onStdout((output) -> calls.add("stdout " + output.line().strip()))
						.onStderr((output) -> calls.add("stderr " + output.line().strip()))
						.onResult((result) -> calls.add("result " + result.formats()))
						.onError((error) -> calls.add("error " + error.name()))
						.build());

		assertThat(calls).containsExactly("stdout hi", "result [png]", "stderr warn", "result [text]");
		assertThat(execution.executionCount()).isEqualTo(3);
		assertThat(execution.logs().stdout()).containsExactly("hi\n");
		assertThat(execution.logs().stderr()).containsExactly("warn\n");
		assertThat(execution.results()).extracting(Result::isMainResult).containsExactly(false, true);
		assertThat(execution.text()).isEqualTo("2");
		assertThat(execution.error()).isNull();
	}

	@Test
	void theCodesErrorIsInTheExecutionAndNotThrown() {
		this.server.enqueue(ndjson(line("{\"type\":\"number_of_executions\",\"execution_count\":1}")
				+ line("{\"type\":\"error\",\"name\":\"ZeroDivisionError\",\"value\":\"division by zero\","
						+ "\"traceback\":\"Traceback\"}")
				+ line("{\"type\":\"end_of_execution\"}")));
		List<ExecutionError> errors = new ArrayList<>();

		Execution execution = this.sandbox.codeInterpreter()
			.runCode("1/0", RunCodeOptions.builder().onError(errors::add).build());

		assertThat(execution.error())
			.isEqualTo(new ExecutionError("ZeroDivisionError", "division by zero", "Traceback"));
		assertThat(errors).containsExactly(execution.error());
		assertThat(execution.text()).isNull();
	}

	@Test
	void streamEmitsTheEventsInOrderWithoutKeepalives() {
		this.server.enqueue(ndjson(STREAM));

		List<ExecutionEvent> events = this.sandbox.reactive()
			.codeInterpreter()
			.stream("x", RunCodeOptions.defaults())
			.collectList()
			.block();

		assertThat(events).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("ExecutionCount", "OutputMessage", "Result", "OutputMessage", "Result");
		assertThat(events.get(0)).isEqualTo(new ExecutionCount(3));
		assertThat(((OutputMessage) events.get(3)).error()).isTrue();
		assertThat(Execution.of(events).text()).isEqualTo("2");
	}

	@Test
	void aLastLineWithoutNewlineIsRead() {
		this.server.enqueue(ndjson(line("{\"type\":\"stdout\",\"text\":\"a\",\"timestamp\":\"2026-01-02T03:04:05Z\"}")
				+ "{\"type\":\"result\",\"text\":\"1\",\"extra\":{},\"is_main_result\":true}"));

		Execution execution = this.sandbox.codeInterpreter().runCode("1");

		assertThat(execution.logs().stdout()).containsExactly("a");
		assertThat(execution.text()).isEqualTo("1");
	}

	@Test
	void createContextSendsOnlyWhatIsGiven() {
		this.server.enqueueJson(200, "{\"id\":\"c1\",\"language\":\"python\",\"cwd\":\"/home/user\"}")
			.enqueueJson(200, "{\"id\":\"c2\",\"language\":\"javascript\",\"cwd\":\"/tmp\"}");

		CodeContext first = this.sandbox.codeInterpreter().createContext();
		CodeContext second = this.sandbox.codeInterpreter().createContext("javascript", "/tmp");

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.target()).isEqualTo("/contexts");
		assertThat(request.bodyText()).isEqualTo("{}");
		assertContextHeaders(request);
		assertThat(this.server.takeRequest().bodyText()).isEqualTo("{\"language\":\"javascript\",\"cwd\":\"/tmp\"}");
		assertThat(first).isEqualTo(new CodeContext("c1", "python", "/home/user"));
		assertThat(second).isEqualTo(new CodeContext("c2", "javascript", "/tmp"));
	}

	@Test
	void listContextsIsAGetWithTheJsonContentTypeAndNoBody() {
		this.server.enqueueJson(200, "[{\"id\":\"c1\",\"language\":\"python\",\"cwd\":\"/home/user\"},"
				+ "{\"id\":\"c2\",\"language\":\"javascript\",\"cwd\":\"/home/user\"}]");

		List<CodeContext> contexts = this.sandbox.codeInterpreter().listContexts();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.target()).isEqualTo("/contexts");
		assertThat(request.body()).isEmpty();
		assertContextHeaders(request);
		assertThat(contexts).extracting(CodeContext::id).containsExactly("c1", "c2");
	}

	@Test
	void restartAndRemoveNameTheContextInThePath() {
		this.server.enqueueJson(200, "null").enqueueJson(200, "null").enqueueJson(200, "null");
		CodeContext context = new CodeContext("8d1f-ctx", "python", "/home/user");

		this.sandbox.codeInterpreter().restartContext(context);
		this.sandbox.codeInterpreter().removeContext(context);
		this.sandbox.codeInterpreter().removeContext("a/b");

		RecordedRequest restart = this.server.takeRequest();
		assertThat(restart.method()).isEqualTo("POST");
		assertThat(restart.target()).isEqualTo("/contexts/8d1f-ctx/restart");
		assertThat(restart.body()).isEmpty();
		assertContextHeaders(restart);
		RecordedRequest remove = this.server.takeRequest();
		assertThat(remove.method()).isEqualTo("DELETE");
		assertThat(remove.target()).isEqualTo("/contexts/8d1f-ctx");
		assertContextHeaders(remove);
		assertThat(this.server.takeRequest().target()).isEqualTo("/contexts/a%2Fb");
	}

	@Test
	void aBadGatewayMeansTheSandboxTimedOut() {
		this.server.enqueueJson(502, "{\"code\":502,\"message\":\"The sandbox was not found\"}");

		assertThatExceptionOfType(SandboxTimeoutException.class)
			.isThrownBy(() -> this.sandbox.codeInterpreter().runCode("1"))
			.withMessageStartingWith("The sandbox was not found: the sandbox is most likely not running any more")
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(502));
	}

	@Test
	void aMissingContextIsNotFound() {
		this.server.enqueue(Response.text(404, "Context 8d1f-ctx not found"))
			.enqueue(Response.text(404, "Context 8d1f-ctx not found"))
			.enqueue(Response.text(404, "Not Found"));
		CodeContext context = new CodeContext("8d1f-ctx", "python", "/home/user");

		assertThatExceptionOfType(CodeContextNotFoundException.class).isThrownBy(
				() -> this.sandbox.codeInterpreter().runCode("1", RunCodeOptions.builder().context(context).build()))
			.withMessage("Context 8d1f-ctx not found");
		assertThatExceptionOfType(CodeContextNotFoundException.class)
			.isThrownBy(() -> this.sandbox.codeInterpreter().removeContext(context));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.sandbox.codeInterpreter().runCode("1"))
			.isNotInstanceOf(CodeContextNotFoundException.class);
	}

	@Test
	void otherFailuresCarryTheStatusAndTheBody() {
		this.server.enqueue(Response.text(500, "Failed to create context"))
			.enqueue(Response.text(400, "Provide a context or a language, not both"))
			.enqueue(new Response(503, Map.of(), new byte[0]));

		assertThatExceptionOfType(E2bException.class)
			.isThrownBy(() -> this.sandbox.codeInterpreter().createContext("cobol", null))
			.withMessage("500 Internal Server Error: Failed to create context")
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(500));
		assertThatExceptionOfType(E2bException.class).isThrownBy(() -> this.sandbox.codeInterpreter().runCode("1"))
			.withMessage("400 Bad Request: Provide a context or a language, not both");
		assertThatExceptionOfType(E2bException.class)
			.isThrownBy(() -> this.sandbox.codeInterpreter().restartContext("c1"))
			.withMessage("503 Service Unavailable");
	}

	@Test
	void aTimeoutOfZeroAndNoRequestTimeoutAreAllowed() {
		this.server.enqueue(ndjson(STREAM));

		Execution execution = this.sandbox.codeInterpreter()
			.runCode("1", RunCodeOptions.builder().timeout(Duration.ZERO).requestTimeout(Duration.ZERO).build());

		assertThat(execution.text()).isEqualTo("2");
	}

	private static void assertContextHeaders(RecordedRequest request) {
		assertThat(request.header("content-type")).isEqualTo("application/json");
		assertThat(request.header("e2b-sandbox-id")).isEqualTo(SANDBOX_ID);
		assertThat(request.header("e2b-sandbox-port")).isEqualTo("49999");
		assertThat(request.header("x-access-token")).as("only /execute carries it").isNull();
		assertThat(request.header("x-api-key")).isNull();
	}

	private static Response ndjson(String body) {
		// the interpreter's server sets no content type
		return new Response(200, Map.of(), body.getBytes(StandardCharsets.UTF_8));
	}

	private static String line(String json) {
		return json + "\n";
	}

}
