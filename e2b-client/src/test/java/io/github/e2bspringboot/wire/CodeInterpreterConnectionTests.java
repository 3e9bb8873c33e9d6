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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import io.github.e2bspringboot.errors.E2bConnectionException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.sandbox.RetrySettings;
import io.github.e2bspringboot.sandbox.code.ExecutionCount;
import io.github.e2bspringboot.sandbox.code.ExecutionEvent;
import io.github.e2bspringboot.sandbox.code.OutputMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What happens to an execution's connection, against a raw server whose every step the
 * test controls: the two timeouts, a client that leaves, a sandbox that dies mid-stream,
 * and chunks that split lines and characters. The server sees the connection close
 * whenever the client gives up, because that is how the code interpreter learns to
 * interrupt the code. Nothing here waits a fixed time to prove something: the timeouts
 * are short, and every wait is on a latch with a generous bound.
 */
class CodeInterpreterConnectionTests {

	private static final String COUNT_LINE = "{\"type\":\"number_of_executions\",\"execution_count\":1}\n";

	private final AtomicReference<BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>>> execute = new AtomicReference<>();

	private final AtomicInteger healthStatus = new AtomicInteger(200);

	private final CountDownLatch closed = new CountDownLatch(1);

	private final CountDownLatch executeArrived = new CountDownLatch(1);

	private DisposableServer server;

	private CodeInterpreterClient client;

	@BeforeEach
	void startServer() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnConnection((connection) -> connection.onDispose(this.closed::countDown))
			.route((routes) -> routes.post("/execute", (request, response) -> {
				this.executeArrived.countDown();
				return this.execute.get().apply(request, response);
			}).get("/health", (request, response) -> response.status(this.healthStatus.get()).send()))
			.bindNow();
		String url = "http://127.0.0.1:" + this.server.port();
		WebClient webClient = WebClient.create();
		EnvdClient envd = new EnvdClient(webClient, url, "sbx1", null, Duration.ofSeconds(5), RetrySettings.none(),
				"test");
		this.client = new CodeInterpreterClient(webClient, url, "sbx1", "tok", Duration.ofSeconds(5),
				RetrySettings.none(), "test", envd);
	}

	@AfterEach
	void stopServer() {
		this.server.disposeNow();
	}

	@Test
	void noHeadersWithinTheRequestTimeoutIsARequestTimeoutAndClosesTheConnection() throws InterruptedException {
		this.execute.set((request, response) -> Mono.never());

		assertThatExceptionOfType(SandboxTimeoutException.class)
			.isThrownBy(() -> run(Duration.ofSeconds(30), Duration.ofMillis(300)).blockLast())
			.withMessageStartingWith(
					"Request timed out: the code interpreter of sandbox sbx1 did not answer within 300 ms");
		assertClosed();
	}

	@Test
	void aBodyNotFinishedWithinTheTimeoutIsAnExecutionTimeoutAndClosesTheConnection() throws InterruptedException {
		this.execute
			.set((request, response) -> response.send(chunks(COUNT_LINE).concatWith(Flux.never()), (b) -> true));
		List<ExecutionEvent> events = new CopyOnWriteArrayList<>();

		assertThatExceptionOfType(SandboxTimeoutException.class)
			.isThrownBy(() -> run(Duration.ofMillis(500), Duration.ofSeconds(30)).doOnNext(events::add).blockLast())
			.withMessageStartingWith("Execution timed out: the code ran longer than its timeout of 500 ms");
		assertThat(events).containsExactly(new ExecutionCount(1));
		assertClosed();
	}

	@Test
	void cancellingMidBodyClosesTheConnection() throws InterruptedException {
		this.execute
			.set((request, response) -> response.send(chunks(COUNT_LINE).concatWith(Flux.never()), (b) -> true));

		ExecutionEvent first = run(Duration.ZERO, Duration.ZERO).next().block(Duration.ofSeconds(10));

		assertThat(first).isEqualTo(new ExecutionCount(1));
		assertClosed();
	}

	@Test
	void cancellingBeforeTheHeadersClosesTheConnection() throws InterruptedException {
		this.execute.set((request, response) -> Mono.never());

		Disposable subscription = run(Duration.ZERO, Duration.ZERO).subscribe();
		assertThat(this.executeArrived.await(10, TimeUnit.SECONDS)).as("the request arrived").isTrue();
		subscription.dispose();

		assertClosed();
	}

	@Test
	void aConnectionDroppedByAKilledSandboxIsASandboxTimeout() {
		this.healthStatus.set(502);
		this.execute.set(this::sendOneLineThenDrop);

		assertThatExceptionOfType(SandboxTimeoutException.class)
			.isThrownBy(() -> run(Duration.ZERO, Duration.ZERO).blockLast())
			.withMessage("The sandbox sbx1 was killed while the request was in progress, most likely because its"
					+ " lifetime (the sandbox timeout) ran out");
	}

	@Test
	void aConnectionDroppedWhileTheSandboxRunsIsAConnectionError() {
		this.execute.set(this::sendOneLineThenDrop);

		assertThatExceptionOfType(E2bConnectionException.class)
			.isThrownBy(() -> run(Duration.ZERO, Duration.ZERO).blockLast())
			.withMessageStartingWith("The connection to the code interpreter of sandbox sbx1 dropped");
	}

	@Test
	void linesAndCharactersSplitAcrossChunksArriveWhole() {
		String output = "{\"type\":\"stdout\",\"text\":\"h\u00e9 \u20ac \ud83d\ude00\",\"timestamp\":\"2026-01-02T03:04:05Z\"}\n";
		byte[] bytes = (COUNT_LINE + output).getBytes(StandardCharsets.UTF_8);
		int euro = COUNT_LINE.length() + output.indexOf('\u20ac');
		// flushed apart: inside the first line, inside the euro sign, inside the emoji
		List<byte[]> pieces = List.of(Arrays.copyOfRange(bytes, 0, 10), Arrays.copyOfRange(bytes, 10, euro + 1),
				Arrays.copyOfRange(bytes, euro + 1, euro + 6), Arrays.copyOfRange(bytes, euro + 6, bytes.length));
		this.execute.set((request, response) -> response.send(
				Flux.fromIterable(pieces).map(Unpooled::wrappedBuffer).delayElements(Duration.ofMillis(5)),
				(b) -> true));

		List<ExecutionEvent> events = run(Duration.ofSeconds(10), Duration.ofSeconds(10)).collectList().block();

		assertThat(events).hasSize(2);
		assertThat(((OutputMessage) events.get(1)).line()).isEqualTo("h\u00e9 \u20ac \ud83d\ude00");
	}

	private Publisher<Void> sendOneLineThenDrop(HttpServerRequest request, HttpServerResponse response) {
		return response.send(chunks(COUNT_LINE), (b) -> true)
			.then()
			.then(Mono.fromRunnable(() -> response.withConnection((connection) -> connection.channel().close())));
	}

	private Flux<ExecutionEvent> run(Duration timeout, Duration requestTimeout) {
		return this.client.execute("1", null, null, Map.of(), timeout, requestTimeout);
	}

	private void assertClosed() throws InterruptedException {
		assertThat(this.closed.await(10, TimeUnit.SECONDS)).as("the server saw the connection close").isTrue();
	}

	private static Flux<ByteBuf> chunks(String... lines) {
		return Flux.fromArray(lines).map((line) -> Unpooled.copiedBuffer(line, StandardCharsets.UTF_8));
	}

}
