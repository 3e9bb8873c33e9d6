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
package io.github.e2bspringboot.observation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.e2bspringboot.errors.AuthenticationException;
import io.github.e2bspringboot.errors.CodeContextNotFoundException;
import io.github.e2bspringboot.errors.E2bConnectionException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.RateLimitException;
import io.github.e2bspringboot.errors.SandboxNotFoundException;
import io.github.e2bspringboot.errors.ServiceBusyException;
import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.RetrySettings;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.sandbox.SandboxTracker;
import io.github.e2bspringboot.sandbox.code.CodeContext;
import io.github.e2bspringboot.sandbox.code.RunCodeOptions;
import io.github.e2bspringboot.testsupport.RecordingServer;
import io.github.e2bspringboot.testsupport.WireFixtures;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every sandbox operation is an observation named {@code e2b.sandbox.operation} with the
 * documented low-cardinality keys, for success and for each kind of failure.
 */
class SandboxObservationTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@Test
	void lifecycleAndDataPlaneOperationsAreObserved() {
		try (E2bLocalServer server = io.github.e2bspringboot.testsupport.LocalSandboxes.startServer()) {
			SandboxTemplate sandboxes = new SandboxTemplate(template(server.url(), server.apiKey()));
			try (Sandbox sandbox = sandboxes.create(SandboxSpec.builder().template("base").build())) {
				sandbox.files().write("a.txt", "A");
				sandbox.files().read("a.txt");
				sandbox.commands().run("true");
				sandbox.setTimeout(Duration.ofMinutes(2));
				sandbox.getInfo();
				sandbox.getMetrics();
				sandboxes.list().nextItems();
				sandbox.pause();
				sandboxes.connect(sandbox.id());

				for (String operation : List.of("create", "file.write", "file.read", "command.run", "set_timeout",
						"get_info", "get_metrics", "pause", "connect")) {
					assertObservation(operation, "base", "SUCCESS", "none", sandbox.id());
				}
				assertObservation("list", "none", "SUCCESS", "none", null);
			}
			assertObservation("kill", "base", "SUCCESS", "none", null);
		}
	}

	@Test
	void aReactiveCallersObservationIsTheParentEvenOnAnotherThread() {
		try (E2bLocalServer server = io.github.e2bspringboot.testsupport.LocalSandboxes.startServer()) {
			ReactiveSandboxTemplate sandboxes = template(server.url(), server.apiKey());
			Observation request = Observation.start("http.server.requests", this.registry);

			// how WebFlux hands its request observation down: in the Reactor context,
			// while the work runs on another thread, where nothing is in the thread local
			sandboxes.create()
				.publishOn(reactor.core.scheduler.Schedulers.parallel())
				.flatMap((sandbox) -> sandbox.getInfo().then(sandbox.kill()))
				.contextWrite((context) -> context.put(SandboxObservations.CURRENT_OBSERVATION_KEY, request))
				.block();
			request.stop();

			TestObservationRegistryAssert.assertThat(this.registry)
				.hasNumberOfObservationsWithNameEqualTo(DefaultSandboxObservationConvention.NAME, 3)
				.forAllObservationsWithNameEqualTo(DefaultSandboxObservationConvention.NAME,
						(observation) -> observation.hasParentObservationEqualTo(request));
		}
	}

	@Test
	void theContextKeyIsMicrometersOwn() {
		assertThat(SandboxObservations.CURRENT_OBSERVATION_KEY)
			.isEqualTo(io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor.KEY);
	}

	@Test
	void failuresCarryTheirErrorType() throws IOException {
		try (RecordingServer server = new RecordingServer()) {
			server.enqueueJson(401, "{\"code\":401,\"message\":\"bad key\"}")
				.enqueueJson(429, "{\"code\":429,\"message\":\"slow down\"}")
				.enqueueJson(503, "{\"code\":503,\"message\":\"busy\"}")
				.enqueueJson(404, "{\"code\":404,\"message\":\"no such sandbox\"}");
			SandboxTemplate sandboxes = new SandboxTemplate(template(server.url().toString(), WireFixtures.API_KEY));

			assertThatExceptionOfType(AuthenticationException.class).isThrownBy(sandboxes::create);
			assertThatExceptionOfType(RateLimitException.class).isThrownBy(() -> sandboxes.list().nextItems());
			assertThatExceptionOfType(ServiceBusyException.class).isThrownBy(() -> sandboxes.pause("abc"));
			assertThatExceptionOfType(SandboxNotFoundException.class).isThrownBy(() -> sandboxes.getInfo("abc"));

			assertObservation("create", "base", "ERROR", "AuthenticationException", null);
			assertObservation("list", "none", "ERROR", "RateLimitException", null);
			assertObservation("pause", "none", "ERROR", "ServiceBusyException", "abc");
			assertObservation("get_info", "none", "ERROR", "SandboxNotFoundException", "abc");
		}
	}

	@Test
	void codeRunsCarryTheirLanguageAndOtherOperationsNone() throws IOException {
		String stream = "{\"type\":\"result\",\"text\":\"1\",\"extra\":{},\"is_main_result\":true}\n";
		try (RecordingServer server = new RecordingServer()) {
			server.enqueueJson(201, WireFixtures.CREATED)
				.enqueue(new RecordingServer.Response(200, Map.of(), stream.getBytes(StandardCharsets.UTF_8)))
				.enqueue(new RecordingServer.Response(200, Map.of(), stream.getBytes(StandardCharsets.UTF_8)))
				.enqueue(new RecordingServer.Response(200, Map.of(), stream.getBytes(StandardCharsets.UTF_8)))
				.enqueueJson(200, "{\"id\":\"c1\",\"language\":\"r\",\"cwd\":\"/home/user\"}")
				.enqueue(RecordingServer.Response.text(404, "Context c1 not found"));
			SandboxTemplate sandboxes = new SandboxTemplate(template(server.url().toString(), WireFixtures.API_KEY));
			Sandbox sandbox = sandboxes.createForCode();
			CodeContext context = new CodeContext("c1", "java", "/home/user");

			sandbox.codeInterpreter().runCode("1", RunCodeOptions.builder().language(" JS ").build());
			sandbox.codeInterpreter().runCode("1", RunCodeOptions.builder().context(context).build());
			sandbox.codeInterpreter().runCode("1", RunCodeOptions.builder().language("fortran").build());
			sandbox.codeInterpreter().createContext("r", null);
			assertThatExceptionOfType(CodeContextNotFoundException.class)
				.isThrownBy(() -> sandbox.codeInterpreter().removeContext(context));

			assertObservation("create", "code-interpreter-v1", "SUCCESS", "none", null, "none");
			assertObservation("code.run", "code-interpreter-v1", "SUCCESS", "none", WireFixtures.SANDBOX_ID,
					"javascript");
			assertObservation("code.run", "code-interpreter-v1", "SUCCESS", "none", WireFixtures.SANDBOX_ID, "java");
			assertObservation("code.run", "code-interpreter-v1", "SUCCESS", "none", WireFixtures.SANDBOX_ID, "other");
			assertObservation("code.create_context", "code-interpreter-v1", "SUCCESS", "none", WireFixtures.SANDBOX_ID,
					"r");
			assertObservation("code.remove_context", "code-interpreter-v1", "ERROR", "CodeContextNotFoundException",
					WireFixtures.SANDBOX_ID, "none");
		}
	}

	@Test
	void codeRunsAgainstE2bLocalAreObservedWithTheirLanguageAndOutcome() {
		try (E2bLocalServer server = io.github.e2bspringboot.testsupport.LocalSandboxes.startServer()) {
			SandboxTemplate sandboxes = new SandboxTemplate(template(server.url(), server.apiKey()));
			try (Sandbox sandbox = sandboxes.createForCode()) {
				assertThat(sandbox.codeInterpreter().runCode("1 + 1").text()).isEqualTo("2");
				// an error the code raises is part of the execution, not a failed call
				assertThat(sandbox.codeInterpreter().runCode("1 / 0").error()).isNotNull();
				CodeContext context = sandbox.codeInterpreter().createContext();
				sandbox.codeInterpreter().removeContext(context);
				assertThatExceptionOfType(E2bException.class).isThrownBy(
						() -> sandbox.codeInterpreter().runCode("1", RunCodeOptions.builder().language("r").build()));

				assertObservation("create", "code-interpreter-v1", "SUCCESS", "none", sandbox.id(), "none");
				TestObservationRegistryAssert.assertThat(this.registry).hasHandledContextsThatSatisfy((contexts) -> {
					List<Map<String, String>> runs = new ArrayList<>();
					for (Observation.Context observed : contexts) {
						if (observed.getName().equals("e2b.sandbox.operation")
								&& "code.run".equals(keys(observed).get("e2b.operation"))) {
							runs.add(keys(observed));
						}
					}
					assertThat(runs).as("the code.run observations").hasSize(3);
					assertThat(runs).filteredOn((keys) -> "python".equals(keys.get("e2b.language")))
						.hasSize(2)
						.allSatisfy((keys) -> assertThat(keys).containsEntry("outcome", "SUCCESS")
							.containsEntry("error", "none")
							.containsEntry("e2b.template", "code-interpreter-v1")
							.containsEntry("e2b.sandbox.id", sandbox.id()));
					assertThat(runs).filteredOn((keys) -> "r".equals(keys.get("e2b.language")))
						.singleElement()
						.satisfies((keys) -> assertThat(keys).containsEntry("outcome", "ERROR")
							.containsEntry("error", "E2bException"));
				});
				assertObservation("code.create_context", "code-interpreter-v1", "SUCCESS", "none", sandbox.id(),
						"python");
				assertObservation("code.remove_context", "code-interpreter-v1", "SUCCESS", "none", sandbox.id(),
						"none");
			}
		}
	}

	private static Map<String, String> keys(Observation.Context context) {
		Map<String, String> keys = new java.util.HashMap<>();
		context.getLowCardinalityKeyValues()
			.forEach((KeyValue keyValue) -> keys.put(keyValue.getKey(), keyValue.getValue()));
		context.getHighCardinalityKeyValues()
			.forEach((KeyValue keyValue) -> keys.put(keyValue.getKey(), keyValue.getValue()));
		return keys;
	}

	@Test
	void anUnreachableApiIsAConnectionError() throws IOException {
		String closed;
		try (RecordingServer server = new RecordingServer()) {
			closed = server.url().toString();
		}
		SandboxTemplate sandboxes = new SandboxTemplate(template(closed, WireFixtures.API_KEY));

		assertThatExceptionOfType(E2bConnectionException.class).isThrownBy(() -> sandboxes.kill("abc"));

		assertObservation("kill", "none", "ERROR", "E2bConnectionException", "abc");
	}

	@Test
	void aCustomConventionReplacesTheDefault() throws IOException {
		try (RecordingServer server = new RecordingServer()) {
			server.enqueueStatus(204);
			ReactiveSandboxTemplate template = template(server.url().toString(), WireFixtures.API_KEY);
			template.setObservationConvention(new DefaultSandboxObservationConvention() {

				@Override
				public String getName() {
					return "custom.sandbox";
				}

			});

			template.kill("abc").block();

			TestObservationRegistryAssert.assertThat(this.registry)
				.hasObservationWithNameEqualTo("custom.sandbox")
				.that()
				.hasLowCardinalityKeyValue("e2b.operation", "kill");
		}
	}

	@Test
	void theSandboxIdIsNeverALowCardinalityValue() throws IOException {
		try (RecordingServer server = new RecordingServer()) {
			server.enqueueStatus(204);

			template(server.url().toString(), WireFixtures.API_KEY).kill("abc").block();

			TestObservationRegistryAssert.assertThat(this.registry)
				.hasObservationWithNameEqualTo("e2b.sandbox.operation")
				.that()
				.hasHighCardinalityKeyValue("e2b.sandbox.id", "abc")
				.doesNotHaveLowCardinalityKeyValueWithKey("e2b.sandbox.id");
		}
	}

	private ReactiveSandboxTemplate template(String url, String apiKey) {
		E2bConnectionConfig config = E2bConnectionConfig.builder()
			.apiKey(apiKey)
			.apiUrl(java.net.URI.create(url))
			.sandboxUrl(java.net.URI.create(url))
			.requestTimeout(Duration.ofSeconds(10))
			.retrySettings(RetrySettings.none())
			.build();
		return new ReactiveSandboxTemplate(WebClient.builder(), config, SandboxSpec.empty(), this.registry,
				new SandboxTracker());
	}

	private void assertObservation(String operation, String template, String outcome, String error, String sandboxId) {
		assertObservation(operation, template, outcome, error, sandboxId, "none");
	}

	private void assertObservation(String operation, String template, String outcome, String error, String sandboxId,
			String language) {
		TestObservationRegistryAssert.assertThat(this.registry).hasHandledContextsThatSatisfy((contexts) -> {
			List<Map<String, String>> matching = new ArrayList<>();
			for (Observation.Context context : contexts) {
				Map<String, String> keys = new java.util.HashMap<>();
				context.getLowCardinalityKeyValues()
					.forEach((KeyValue keyValue) -> keys.put(keyValue.getKey(), keyValue.getValue()));
				context.getHighCardinalityKeyValues()
					.forEach((KeyValue keyValue) -> keys.put(keyValue.getKey(), keyValue.getValue()));
				if (context.getName().equals("e2b.sandbox.operation") && operation.equals(keys.get("e2b.operation"))) {
					matching.add(keys);
				}
			}
			assertThat(matching).as("observations of %s", operation).anySatisfy((keys) -> {
				assertThat(keys).containsEntry("e2b.template", template)
					.containsEntry("e2b.language", language)
					.containsEntry("outcome", outcome)
					.containsEntry("error", error);
				if (sandboxId != null) {
					assertThat(keys).containsEntry("e2b.sandbox.id", sandboxId);
				}
			});
		});
	}

}
