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
package io.github.e2bspringboot.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.e2bspringboot.errors.CodeContextNotFoundException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.InvalidArgumentException;
import io.github.e2bspringboot.errors.NotFoundException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.code.BarChart;
import io.github.e2bspringboot.sandbox.code.BarData;
import io.github.e2bspringboot.sandbox.code.ChartType;
import io.github.e2bspringboot.sandbox.code.CodeContext;
import io.github.e2bspringboot.sandbox.code.Execution;
import io.github.e2bspringboot.sandbox.code.ExecutionCount;
import io.github.e2bspringboot.sandbox.code.ExecutionError;
import io.github.e2bspringboot.sandbox.code.ExecutionEvent;
import io.github.e2bspringboot.sandbox.code.LineChart;
import io.github.e2bspringboot.sandbox.code.OutputMessage;
import io.github.e2bspringboot.sandbox.code.Point;
import io.github.e2bspringboot.sandbox.code.PointData;
import io.github.e2bspringboot.sandbox.code.Result;
import io.github.e2bspringboot.sandbox.code.RunCodeOptions;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The code interpreter's calls, blocking and reactive, against a real e2b-local serving
 * real Jupyter kernels on port 49999 of {@code code-interpreter-v1} sandboxes: the
 * scenarios of the official JS SDK's conformance suite
 * ({@code e2b-local/src/test/js/code-interpreter.test.mjs}) through this client.
 * <p>
 * One sandbox is shared by the cases (every kernel start costs a second or more); those
 * that interrupt a cell (timeout, cancellation) use a context of their own in it, and the
 * case that kills a sandbox has a sandbox of its own.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CodeInterpreterIntegrationTests {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };

	/** Clocks of the kernel and of the test may differ a little. */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(2);

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

	private static E2bLocalServer server;

	private static SandboxTemplate sandboxes;

	private static Sandbox sandbox;

	private static CodeInterpreter code;

	private static ReactiveCodeInterpreter reactive;

	@BeforeAll
	static void startServerAndSandbox() {
		server = LocalSandboxes.startServer();
		sandboxes = new SandboxTemplate(LocalSandboxes.reactiveTemplate(server));
		sandbox = sandboxes.createForCode(SandboxSpec.builder().env("CI_SANDBOX_WIDE", "from-create").build());
		code = sandbox.codeInterpreter();
		reactive = code.reactive();
	}

	@AfterAll
	static void stopServer() {
		try {
			if (sandbox != null) {
				sandbox.close();
			}
		}
		finally {
			server.close();
		}
	}

	@Test
	void theSandboxIsACodeInterpreterSandbox() {
		// createForCode asks for the code interpreter's template by its alias
		assertThat(sandbox.getInfo().name()).isEqualTo("code-interpreter-v1");
	}

	@Test
	void stateIsKeptAcrossCallsInTheDefaultContext() {
		String name = unique("x");

		Execution first = code.runCode(name + " = 1");
		Execution second = code.runCode(name + " + 1");

		assertThat(first.error()).isNull();
		assertThat(first.results()).as("an assignment has no result").isEmpty();
		assertThat(second.error()).isNull();
		assertThat(second.text()).isEqualTo("2");
		assertThat(second.results()).singleElement().satisfies((result) -> {
			assertThat(result.isMainResult()).isTrue();
			assertThat(result.text()).isEqualTo("2");
		});
		assertThat(first.executionCount()).isNotNull();
		assertThat(second.executionCount()).isNotNull().isGreaterThan(first.executionCount());
	}

	@Test
	void twoContextsAreIsolated() {
		CodeContext a = code.createContext();
		CodeContext b = code.createContext();
		try {
			assertThat(a.id()).isNotEqualTo(b.id());
			String name = unique("only_in_a");
			assertThat(code.runCode(name + " = 42", in(a)).error()).isNull();

			Execution inA = code.runCode(name, in(a));
			Execution inB = code.runCode(name, in(b));
			Execution inDefault = code.runCode(name);

			assertThat(inA.error()).isNull();
			assertThat(inA.text()).isEqualTo("42");
			assertThat(inB.error()).as("in B").isNotNull().satisfies((error) -> {
				assertThat(error.name()).isEqualTo("NameError");
				assertThat(error.value()).contains(name);
			});
			assertThat(inB.text()).isNull();
			assertThat(inDefault.error()).as("in the default context").isNotNull();
			assertThat(inDefault.error().name()).isEqualTo("NameError");
		}
		finally {
			removeQuietly(a);
			removeQuietly(b);
		}
	}

	@Test
	void stdoutAndStderrAreInTheLogsAndReachTheCallbacksInOrderWithTheServersTimestamps() {
		List<String> events = new CopyOnWriteArrayList<>();
		List<OutputMessage> messages = new CopyOnWriteArrayList<>();
		List<Instant> received = new CopyOnWriteArrayList<>();
		RunCodeOptions options = RunCodeOptions.builder().onStdout((message) -> {
			received.add(Instant.now());
			messages.add(message);
			events.add("stdout:" + message.line());
		}).onStderr((message) -> {
			received.add(Instant.now());
			messages.add(message);
			events.add("stderr:" + message.line());
		}).build();
		String cell = """
				import sys, time
				print('out-1', flush=True)
				print('err-1', file=sys.stderr, flush=True)
				time.sleep(0.2)
				print('out-2', flush=True)
				print('err-2', file=sys.stderr, flush=True)""";

		Instant before = Instant.now();
		Execution execution = code.runCode(cell, options);
		Instant after = Instant.now();

		assertThat(execution.error()).isNull();
		assertThat(String.join("", execution.logs().stdout())).isEqualTo("out-1\nout-2\n");
		assertThat(String.join("", execution.logs().stderr())).isEqualTo("err-1\nerr-2\n");
		// each flush is its own chunk, so the callbacks see the order the cell wrote in
		assertThat(events).containsExactly("stdout:out-1\n", "stderr:err-1\n", "stdout:out-2\n", "stderr:err-2\n");
		for (int i = 0; i < messages.size(); i++) {
			OutputMessage message = messages.get(i);
			assertThat(message.error()).as("error flag of %s", message).isEqualTo(message.line().startsWith("err"));
			assertThat(message.timestamp()).as("timestamp of %s", message)
				.isBetween(before.minus(CLOCK_SKEW), after.plus(CLOCK_SKEW))
				.isBeforeOrEqualTo(received.get(i).plus(CLOCK_SKEW));
			if (i > 0) {
				assertThat(message.timestamp()).as("timestamps in order")
					.isAfterOrEqualTo(messages.get(i - 1).timestamp());
			}
		}
		// the kernel stamped the messages after the cell's 0.2 s pause later
		assertThat(Duration.between(messages.get(1).timestamp(), messages.get(2).timestamp()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(150));
	}

	@Test
	void anExceptionIsTheExecutionsErrorAndRunCodeDoesNotThrow() {
		List<ExecutionError> errors = new CopyOnWriteArrayList<>();
		String failing = "raise ValueError(\"boom-\" + str(a))";
		String cell = String.join("\n", "print('before', flush=True)", "a = 1", failing);

		Execution execution = code.runCode(cell, RunCodeOptions.builder().onError(errors::add).build());

		assertThat(execution.error()).isNotNull().satisfies((error) -> {
			assertThat(error.name()).isEqualTo("ValueError");
			assertThat(error.value()).isEqualTo("boom-1");
			assertThat(error.traceback()).contains(failing).contains("ValueError");
		});
		assertThat(execution.logs().stdout()).as("output before the error is kept").containsExactly("before\n");
		assertThat(execution.results()).isEmpty();
		assertThat(errors).singleElement().isEqualTo(execution.error());
		// the context is still usable afterwards
		Execution next = code.runCode("a + 1");
		assertThat(next.error()).isNull();
		assertThat(next.text()).isEqualTo("2");
	}

	@Test
	void aMatplotlibLineChartIsAPngAndATypedLineChartWithThePlottedPoints() {
		String cell = """
				import matplotlib.pyplot as plt
				plt.figure()
				plt.plot([1, 2, 3], [4, 5, 9], label='series-a')
				plt.title('Line title')
				plt.xlabel('x axis')
				plt.ylabel('y axis')
				plt.show()""";

		Execution execution = code.runCode(cell);

		assertThat(execution.error()).isNull();
		List<Result> figures = execution.results().stream().filter((result) -> result.png() != null).toList();
		assertThat(figures).as("one figure: %s", execution.results()).hasSize(1);
		Result figure = figures.get(0);
		assertThat(figure.pngBytes()).startsWith(PNG_SIGNATURE);
		assertThat(figure.formats()).contains("png", "chart");
		assertThat(figure.chart()).as("the chart of the figure").isInstanceOf(LineChart.class);
		LineChart chart = (LineChart) figure.chart();
		assertThat(chart.type()).isEqualTo(ChartType.LINE);
		assertThat(chart.title()).isEqualTo("Line title");
		assertThat(chart.xLabel()).isEqualTo("x axis");
		assertThat(chart.yLabel()).isEqualTo("y axis");
		assertThat(chart.elements()).singleElement().satisfies((series) -> {
			assertThat(series.label()).isEqualTo("series-a");
			assertThat(points(series)).containsExactly(List.of(1.0, 4.0), List.of(2.0, 5.0), List.of(3.0, 9.0));
		});
	}

	@Test
	void aFigureAsTheLastExpressionIsATypedBarChartWithItsValues() {
		String cell = """
				import matplotlib.pyplot as plt
				fig, ax = plt.subplots()
				ax.bar(['apples', 'pears', 'plums'], [3, 5, 7], label='counts')
				ax.set_title('Bar title')
				fig""";

		Execution execution = code.runCode(cell);

		assertThat(execution.error()).isNull();
		List<Result> charted = execution.results().stream().filter((result) -> result.chart() != null).toList();
		assertThat(charted).as("results with a chart: %s", execution.results()).isNotEmpty();
		for (Result result : charted) {
			assertThat(result.pngBytes()).as("the chart's PNG").isNotNull().startsWith(PNG_SIGNATURE);
			assertThat(result.chart()).isInstanceOf(BarChart.class);
			BarChart chart = (BarChart) result.chart();
			assertThat(chart.type()).isEqualTo(ChartType.BAR);
			assertThat(chart.title()).isEqualTo("Bar title");
			assertThat(chart.elements()).extracting(BarData::label, BarData::value, BarData::group)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("apples", 3.0, "counts"),
						org.assertj.core.groups.Tuple.tuple("pears", 5.0, "counts"),
						org.assertj.core.groups.Tuple.tuple("plums", 7.0, "counts"));
		}
	}

	@Test
	void aDataFrameAsTheLastExpressionIsHtmlAndColumnsOfData() {
		Execution execution = code
			.runCode("import pandas as pd\npd.DataFrame({'name': ['a', 'b', 'c'], 'n': [1, 2, 3]})");

		assertThat(execution.error()).isNull();
		Result main = mainResult(execution);
		assertThat(main.html()).isNotNull().containsPattern("<table[^>]*class=\"dataframe\"");
		assertThat(main.text()).containsPattern("name\\s+n");
		assertThat(main.data()).isNotNull();
		assertThat(main.data()).containsOnlyKeys("name", "n")
			.containsEntry("name", List.of("a", "b", "c"))
			.containsEntry("n", List.of(1, 2, 3));
		assertThat(main.formats()).contains("text", "html", "data");
	}

	@Test
	void aDictAsTheLastExpressionIsJsonAsAMap() {
		Execution execution = code.runCode("{'a': [1, 2], 'b': None}");

		assertThat(execution.error()).isNull();
		Result main = mainResult(execution);
		assertThat(main.text()).isEqualTo("{'a': [1, 2], 'b': None}");
		assertThat(main.json()).isInstanceOf(Map.class);
		@SuppressWarnings("unchecked")
		Map<String, Object> json = (Map<String, Object>) main.json();
		assertThat(json).containsOnlyKeys("a", "b").containsEntry("a", List.of(1, 2)).containsEntry("b", null);
	}

	@Test
	void sandboxWideEnvsAreVisibleAndPerExecutionEnvsOnlyInTheirExecution() {
		String read = "import os\n(os.environ.get('CI_PER_EXEC'), os.environ.get('CI_SANDBOX_WIDE'))";

		Execution wide = code.runCode(read);
		Execution per = code.runCode(read,
				RunCodeOptions.builder().env("CI_PER_EXEC", "only-now").env("CI_SANDBOX_WIDE", "overridden").build());
		Execution next = code.runCode(read);

		assertThat(wide.text()).isEqualTo("(None, 'from-create')");
		assertThat(per.error()).isNull();
		assertThat(per.text()).isEqualTo("('only-now', 'overridden')");
		assertThat(next.text()).as("the per-execution values are gone, the sandbox-wide one is back")
			.isEqualTo("(None, 'from-create')");
	}

	@Test
	void aContextRunsInItsDirectoryAndIsListedWithIdLanguageAndCwd() {
		CodeContext inTmp = code.createContext("python", "/tmp");
		CodeContext plain = code.createContext();
		try {
			assertThat(inTmp.id()).isNotBlank();
			assertThat(inTmp.language()).isEqualTo("python");
			assertThat(inTmp.cwd()).isEqualTo("/tmp");
			assertThat(plain.language()).isEqualTo("python");
			assertThat(plain.cwd()).isEqualTo("/home/user");

			assertThat(code.runCode("import os\nos.getcwd()", in(inTmp)).text()).isEqualTo("/tmp");
			assertThat(code.runCode("import os\nos.getcwd()", in(plain)).text()).isEqualTo("/home/user");

			List<CodeContext> listed = code.listContexts();
			assertThat(listed).contains(new CodeContext(inTmp.id(), "python", "/tmp"),
					new CodeContext(plain.id(), "python", "/home/user"));
			assertThat(listed).allSatisfy((context) -> {
				assertThat(context.id()).isNotBlank();
				assertThat(context.language()).isNotBlank();
				assertThat(context.cwd()).isNotBlank();
			});
		}
		finally {
			removeQuietly(inTmp);
			removeQuietly(plain);
		}
	}

	@Test
	void restartContextClearsTheStateAndKeepsTheContext() {
		CodeContext context = code.createContext();
		try {
			assertThat(code.runCode("kept = 5", in(context)).error()).isNull();
			assertThat(code.runCode("kept", in(context)).text()).isEqualTo("5");

			code.restartContext(context);

			Execution restarted = code.runCode("kept", in(context));
			assertThat(restarted.error()).as("after the restart").isNotNull();
			assertThat(restarted.error().name()).isEqualTo("NameError");
			assertThat(code.listContexts()).extracting(CodeContext::id).contains(context.id());
		}
		finally {
			removeQuietly(context);
		}
	}

	@Test
	void aRemovedContextIsGoneAndUsingItThrowsCodeContextNotFound() {
		CodeContext context = code.createContext();
		assertThat(code.runCode("1", in(context)).text()).isEqualTo("1");
		assertThat(code.listContexts()).extracting(CodeContext::id).contains(context.id());

		code.removeContext(context);

		assertThat(code.listContexts()).extracting(CodeContext::id).doesNotContain(context.id());
		String notFound = "Context " + context.id() + " not found";
		assertThatExceptionOfType(CodeContextNotFoundException.class).isThrownBy(() -> code.runCode("1", in(context)))
			.withMessageContaining(notFound)
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404));
		assertThatExceptionOfType(CodeContextNotFoundException.class)
			.isThrownBy(() -> code.restartContext(context.id()))
			.withMessageContaining(notFound);
		assertThatExceptionOfType(CodeContextNotFoundException.class).isThrownBy(() -> code.removeContext(context))
			.withMessageContaining(notFound);
	}

	@Test
	void aLanguageAndAContextTogetherAreRejectedBeforeAnyRequest() {
		CodeContext context = new CodeContext("any-context-id", "python", "/home/user");

		assertThatExceptionOfType(InvalidArgumentException.class)
			.isThrownBy(() -> RunCodeOptions.builder().language("python").context(context).build())
			.withMessageContaining("context or a language");
	}

	@Test
	void aLanguageWithoutAKernelIsAnErrorThatNamesTheMissingKernel() {
		RunCodeOptions inR = RunCodeOptions.builder().language("r").build();

		assertThatExceptionOfType(E2bException.class).isThrownBy(() -> code.runCode("1", inR))
			.isNotInstanceOf(NotFoundException.class)
			.isNotInstanceOf(SandboxTimeoutException.class)
			.withMessageStartingWith("400 Bad Request: ")
			.withMessageContaining("kernel")
			.withMessageContaining("'r'")
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(400));
		assertThatExceptionOfType(E2bException.class).isThrownBy(() -> code.createContext("r", null))
			.withMessageStartingWith("400 Bad Request: ")
			.withMessageContaining("'r'");
		// the interpreter still answers
		assertThat(code.runCode("6 * 7").text()).isEqualTo("42");
	}

	@Test
	void aTimeoutThrowsAndInterruptsTheKernelSoTheContextAnswersAgain() {
		CodeContext context = code.createContext();
		try {
			String flag = unique("after_sleep");
			RunCodeOptions shortTimeout = RunCodeOptions.builder()
				.context(context)
				.timeout(Duration.ofMillis(1500))
				.build();
			long started = System.nanoTime();

			assertThatExceptionOfType(SandboxTimeoutException.class)
				.isThrownBy(() -> code.runCode("import time\ntime.sleep(60)\n" + flag + " = True", shortTimeout))
				.withMessageContaining("Execution timed out");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("until the client gave up")
				.isLessThan(Duration.ofSeconds(10));

			long next = System.nanoTime();
			// had the kernel not been interrupted, this would wait behind the sleep
			Execution after = code.runCode("'" + flag + "' in globals()",
					RunCodeOptions.builder().context(context).timeout(Duration.ofSeconds(15)).build());
			assertThat(after.error()).isNull();
			assertThat(after.text()).as("the interrupted cell must not have finished").isEqualTo("False");
			assertThat(Duration.ofNanos(System.nanoTime() - next)).isLessThan(Duration.ofSeconds(15));
		}
		finally {
			removeQuietly(context);
		}
	}

	@Test
	void aSandboxKilledDuringRunCodeIsATimeoutSayingItWasKilled() throws Exception {
		Sandbox victim = sandboxes.createForCode();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			CountDownLatch started = new CountDownLatch(1);
			RunCodeOptions options = RunCodeOptions.builder().timeout(Duration.ofSeconds(40)).onStdout((message) -> {
				if (message.line().contains("started")) {
					started.countDown();
				}
			}).build();
			CompletableFuture<Execution> running = CompletableFuture.supplyAsync(() -> victim.codeInterpreter()
				.runCode("import time\nprint('started', flush=True)\ntime.sleep(30)", options), executor);

			assertThat(started.await(60, TimeUnit.SECONDS)).as("the cell started").isTrue();
			assertThat(sandboxes.kill(victim.id())).isTrue();

			assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(SandboxTimeoutException.class)
				.hasMessageContaining("was killed while the request was in progress");
		}
		finally {
			executor.shutdownNow();
			victim.close();
		}
	}

	@Test
	void streamEmitsTheEventsInOrder() {
		String cell = """
				import sys
				print('out', flush=True)
				print('err', file=sys.stderr, flush=True)
				'done'""";

		StepVerifier.create(reactive.stream(cell, RunCodeOptions.defaults()))
			.assertNext((event) -> assertThat(event).isInstanceOfSatisfying(ExecutionCount.class,
					(count) -> assertThat(count.count()).isPositive()))
			.assertNext((event) -> assertThat(event).isInstanceOfSatisfying(OutputMessage.class, (output) -> {
				assertThat(output.line()).isEqualTo("out\n");
				assertThat(output.error()).isFalse();
			}))
			.assertNext((event) -> assertThat(event).isInstanceOfSatisfying(OutputMessage.class, (output) -> {
				assertThat(output.line()).isEqualTo("err\n");
				assertThat(output.error()).isTrue();
			}))
			.assertNext((event) -> assertThat(event).isInstanceOfSatisfying(Result.class, (result) -> {
				// the interpreter drops the quotes of a string's repr, as E2B's does
				assertThat(result.text()).isEqualTo("done");
				assertThat(result.isMainResult()).isTrue();
			}))
			.expectComplete()
			.verify(STEP_TIMEOUT);
	}

	@Test
	void aSlowSubscriberStillSeesWhenTheKernelWroteEachChunk() {
		List<OutputMessage> outputs = new CopyOnWriteArrayList<>();

		StepVerifier
			.create(reactive.stream("print('a', flush=True)\nprint('b', flush=True)", RunCodeOptions.defaults())
				.ofType(OutputMessage.class), 1)
			.consumeNextWith(outputs::add)
			.thenAwait(Duration.ofSeconds(1))
			.thenRequest(Long.MAX_VALUE)
			.consumeNextWith(outputs::add)
			.expectComplete()
			.verify(STEP_TIMEOUT);

		assertThat(outputs).extracting(OutputMessage::line).containsExactly("a\n", "b\n");
		// the subscriber took the second chunk a second after the first, but the kernel
		// wrote them back to back: the timestamps are the server's, not the time of
		// parsing
		assertThat(Duration.between(outputs.get(0).timestamp(), outputs.get(1).timestamp()))
			.isGreaterThanOrEqualTo(Duration.ZERO)
			.isLessThan(Duration.ofMillis(500));
	}

	@Test
	void streamEmitsTheCodesErrorAsAnEventAndCompletes() {
		List<ExecutionEvent> events = reactive
			.stream("print('before', flush=True)\n1 / 0", RunCodeOptions.builder().build())
			.collectList()
			.block(STEP_TIMEOUT);

		assertThat(events).isNotNull();
		assertThat(events).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("ExecutionCount", "OutputMessage", "ExecutionError");
		assertThat((ExecutionError) events.get(2)).satisfies((error) -> {
			assertThat(error.name()).isEqualTo("ZeroDivisionError");
			assertThat(error.traceback()).contains("1 / 0");
		});
	}

	@Test
	void cancellingTheStreamInterruptsTheKernelSoTheContextAnswersPromptly() {
		CodeContext context = reactive.createContext().block(STEP_TIMEOUT);
		assertThat(context).isNotNull();
		try {
			String flag = unique("after_cancel");
			RunCodeOptions inContext = in(context);

			// take(1) cancels the subscription as soon as the cell said it started
			StepVerifier
				.create(reactive
					.stream("import time\nprint('started', flush=True)\ntime.sleep(60)\n" + flag + " = True", inContext)
					.filter((event) -> event instanceof OutputMessage output && output.line().contains("started"))
					.take(1))
				.expectNextCount(1)
				.expectComplete()
				.verify(STEP_TIMEOUT);

			long next = System.nanoTime();
			// had the kernel not been interrupted, this would wait behind the sleep
			StepVerifier
				.create(reactive.runCode("'" + flag + "' in globals()",
						RunCodeOptions.builder().context(context).timeout(Duration.ofSeconds(15)).build()))
				.assertNext((execution) -> {
					assertThat(execution.error()).isNull();
					assertThat(execution.text()).as("the cancelled cell must not have finished").isEqualTo("False");
				})
				.expectComplete()
				.verify(STEP_TIMEOUT);
			assertThat(Duration.ofNanos(System.nanoTime() - next)).isLessThan(Duration.ofSeconds(15));
		}
		finally {
			removeQuietly(context);
		}
	}

	@Test
	void reactiveRunCodeReturnsTheSameExecutionAsTheBlockingOne() {
		String cell = """
				import sys
				print('o', flush=True)
				print('e', file=sys.stderr, flush=True)
				{'k': [1, 'v']}""";
		List<OutputMessage> stdout = new CopyOnWriteArrayList<>();
		RunCodeOptions options = RunCodeOptions.builder().onStdout(stdout::add).build();

		Execution blocking = code.runCode(cell, options);
		Execution nonBlocking = reactive.runCode(cell, options).block(STEP_TIMEOUT);

		assertThat(nonBlocking).isNotNull();
		assertThat(nonBlocking.error()).isNull();
		assertThat(nonBlocking.logs().stdout()).containsExactly("o\n");
		assertThat(nonBlocking.logs().stderr()).containsExactly("e\n");
		assertThat(nonBlocking.text()).isEqualTo("{'k': [1, 'v']}");
		assertThat(mainResult(nonBlocking).json()).isEqualTo(Map.of("k", List.of(1, "v")));
		assertThat(nonBlocking.results()).isEqualTo(blocking.results());
		assertThat(nonBlocking.logs()).isEqualTo(blocking.logs());
		assertThat(nonBlocking.executionCount()).isNotNull().isGreaterThan(blocking.executionCount());
		assertThat(stdout).as("the callback, once per run").hasSize(2);
	}

	@Test
	void reactiveContextCallsCreateRestartListAndRemove() {
		String name = unique("r");
		CodeContext context = reactive.createContext(null, "/tmp").block(STEP_TIMEOUT);
		assertThat(context).isNotNull();
		RunCodeOptions inContext = in(context);

		StepVerifier.create(reactive.runCode(name + " = 1", inContext).then(reactive.runCode(name, inContext)))
			.assertNext((execution) -> assertThat(execution.text()).isEqualTo("1"))
			.expectComplete()
			.verify(STEP_TIMEOUT);
		StepVerifier.create(reactive.restartContext(context).then(reactive.runCode(name, inContext)))
			.assertNext((execution) -> assertThat(execution.error()).isNotNull()
				.extracting(ExecutionError::name)
				.isEqualTo("NameError"))
			.expectComplete()
			.verify(STEP_TIMEOUT);
		StepVerifier.create(reactive.listContexts())
			.assertNext((contexts) -> assertThat(contexts).contains(new CodeContext(context.id(), "python", "/tmp")))
			.expectComplete()
			.verify(STEP_TIMEOUT);
		StepVerifier.create(reactive.removeContext(context.id()).then(reactive.runCode("1", inContext)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CodeContextNotFoundException.class)
				.hasMessageContaining("Context " + context.id() + " not found"))
			.verify(STEP_TIMEOUT);
	}

	private static RunCodeOptions in(CodeContext context) {
		return RunCodeOptions.builder().context(context).build();
	}

	private static Result mainResult(Execution execution) {
		return execution.results()
			.stream()
			.filter(Result::isMainResult)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no main result: " + execution.results()));
	}

	private static List<List<Double>> points(PointData series) {
		List<List<Double>> points = new ArrayList<>();
		for (Point point : series.points()) {
			points.add(List.of(((Number) point.x()).doubleValue(), ((Number) point.y()).doubleValue()));
		}
		return points;
	}

	/** A Python name no other case uses. */
	private static String unique(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	private static void removeQuietly(CodeContext context) {
		try {
			code.removeContext(context);
		}
		catch (E2bException ex) {
			// best effort
		}
	}

}
