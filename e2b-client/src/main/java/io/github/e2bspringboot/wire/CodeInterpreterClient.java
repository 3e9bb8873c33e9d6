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

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.e2bspringboot.errors.E2bConnectionException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.sandbox.RetrySettings;
import io.github.e2bspringboot.sandbox.code.CodeContext;
import io.github.e2bspringboot.sandbox.code.ExecutionEvent;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The code interpreter of one sandbox (port {@value CodeInterpreterAddress#PORT}):
 * {@code POST /execute}, answered with newline-delimited JSON, and the {@code /contexts}
 * calls (PROTOCOL-NEXT.md 1). Every request carries {@code Content-Type:
 * application/json} and the routing headers; only {@code /execute} carries the access
 * token, which the interpreter hands to envd to read the sandbox's environment.
 * <p>
 * Leaving an execution early (a cancelled subscription or a timeout) closes its
 * connection rather than returning it to the pool: the interpreter interrupts the code
 * when its client goes away, so the next execution in that context is not kept waiting.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class CodeInterpreterClient {

	/**
	 * Stands for the response headers in the stream of lines, so that one timeout
	 * operator can bound the wait for them and, from then on, the body. Compared by
	 * identity: a real line is always another array.
	 */
	private static final byte[] HEADERS = new byte[0];

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

	private static final byte[] NO_BODY = new byte[0];

	private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.UTF_8);

	private final WebClient webClient;

	private final String baseUrl;

	private final String sandboxId;

	private final @Nullable String accessToken;

	private final Duration requestTimeout;

	private final RetrySettings retrySettings;

	private final String addressHint;

	private final EnvdClient envd;

	/**
	 * Create a client for one sandbox's code interpreter.
	 * @param webClient the HTTP client
	 * @param baseUrl the interpreter's base URL, from {@link CodeInterpreterAddress}
	 * @param sandboxId the sandbox ID
	 * @param accessToken the envd access token of a secure sandbox, or {@code null}
	 * @param requestTimeout how long a call may wait for its answer; zero for no limit
	 * @param retrySettings how the idempotent call (listing contexts) is retried
	 * @param addressHint where the base URL came from and how to change it, for messages
	 * of calls that could not reach it
	 * @param envd the sandbox's daemon, asked whether the sandbox still runs when a
	 * connection drops
	 */
	public CodeInterpreterClient(WebClient webClient, String baseUrl, String sandboxId, @Nullable String accessToken,
			Duration requestTimeout, RetrySettings retrySettings, String addressHint, EnvdClient envd) {
		this.webClient = webClient;
		this.baseUrl = baseUrl;
		this.sandboxId = sandboxId;
		this.accessToken = accessToken;
		this.requestTimeout = requestTimeout;
		this.retrySettings = retrySettings;
		this.addressHint = addressHint;
		this.envd = envd;
	}

	/**
	 * Run code and stream its events as they arrive. Keepalives and the end marker are
	 * dropped; the stream completes when the interpreter ends the body.
	 * @param code the code
	 * @param contextId the context to run it in, or {@code null}
	 * @param language the language to run it in, or {@code null}
	 * @param envs the environment variables of this execution
	 * @param timeout how long the body may take once the headers arrived; zero for no
	 * limit
	 * @param requestTimeout how long to wait for the headers; zero for no limit,
	 * {@code null} for the connection's request timeout
	 * @return the events, in stream order
	 */
	public Flux<ExecutionEvent> execute(String code, @Nullable String contextId, @Nullable String language,
			Map<String, String> envs, Duration timeout, @Nullable Duration requestTimeout) {
		return Flux.defer(() -> {
			Duration headersTimeout = (requestTimeout != null) ? requestTimeout : this.requestTimeout;
			AtomicReference<@Nullable Connection> connection = new AtomicReference<>();
			AtomicBoolean answered = new AtomicBoolean();
			AtomicBoolean finished = new AtomicBoolean();
			AtomicLong deadline = new AtomicLong();
			Flux<byte[]> lines = request(this.webClient.post().uri(uri("/execute")), connection).headers((headers) -> {
				if (this.accessToken != null) {
					headers.set("X-Access-Token", this.accessToken);
				}
			}).bodyValue(executeBody(code, contextId, language, envs)).exchangeToFlux((response) -> {
				if (!response.statusCode().is2xxSuccessful()) {
					return bodyOf(response).flatMapMany((bytes) -> Flux
						.error(ErrorMapping.codeInterpreter(response.statusCode().value(), bytes, contextId != null)));
				}
				answered.set(true);
				deadline.set(System.nanoTime() + timeout.toNanos());
				return Flux.concat(Mono.just(HEADERS), NdjsonLines.split(response.bodyToFlux(DataBuffer.class))
					.doOnComplete(() -> finished.set(true)));
			}).doOnCancel(() -> {
				// runs before the exchange releases the connection, so it is still ours
				if (!finished.get()) {
					abort(connection.get());
				}
			});
			return lines
				.timeout(deadlineIn(headersTimeout),
						(line) -> timeout.isZero() ? Mono.never()
								: Mono.delay(Duration.ofNanos(Math.max(1, deadline.get() - System.nanoTime()))))
				.<ExecutionEvent>handle((line, sink) -> {
					if (line != HEADERS) {
						ExecutionEvent event = CodeMessages.event(line);
						if (event != null) {
							sink.next(event);
						}
					}
				})
				.onErrorMap(TimeoutException.class,
						(ex) -> answered.get() ? executionTimedOut(timeout, ex) : requestTimedOut(headersTimeout, ex))
				.onErrorResume(ErrorMapping::isTransportFailure, this::dropped);
		});
	}

	/**
	 * The body of {@code /execute}: the keys in the JS SDK's order, those not set left
	 * out as it leaves them out.
	 */
	private static byte[] executeBody(String code, @Nullable String contextId, @Nullable String language,
			Map<String, String> envs) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", code);
		if (contextId != null) {
			body.put("context_id", contextId);
		}
		if (language != null) {
			body.put("language", language);
		}
		if (!envs.isEmpty()) {
			body.put("env_vars", envs);
		}
		return WireJson.write(body);
	}

	/**
	 * Create a context.
	 * @param language its language, or {@code null} for the interpreter's default
	 * (Python)
	 * @param cwd its working directory, or {@code null} for {@code /home/user}
	 * @return the context
	 */
	public Mono<CodeContext> createContext(@Nullable String language, @Nullable String cwd) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (language != null) {
			body.put("language", language);
		}
		if (cwd != null) {
			body.put("cwd", cwd);
		}
		return call(HttpMethod.POST, "/contexts", body, false).map(CodeMessages::context);
	}

	/**
	 * List every context, the interpreter's default ones included.
	 * @return the contexts
	 */
	public Mono<List<CodeContext>> listContexts() {
		return call(HttpMethod.GET, "/contexts", null, false).map(CodeMessages::contexts)
			.retryWhen(Retries.of(this.retrySettings, Retries.Safety.IDEMPOTENT));
	}

	/**
	 * Restart a context's kernel, which loses its state.
	 * @param contextId the context ID
	 * @return completion
	 */
	public Mono<Void> restartContext(String contextId) {
		return call(HttpMethod.POST, "/contexts/" + UriEncoding.component(contextId) + "/restart", null, true).then();
	}

	/**
	 * Remove a context and stop its kernel.
	 * @param contextId the context ID
	 * @return completion
	 */
	public Mono<Void> removeContext(String contextId) {
		return call(HttpMethod.DELETE, "/contexts/" + UriEncoding.component(contextId), null, true).then();
	}

	private Mono<JsonNode> call(HttpMethod method, String path, @Nullable Object body, boolean namesContext) {
		WebClient.RequestBodySpec spec = request(this.webClient.method(method).uri(uri(path)), null);
		WebClient.RequestHeadersSpec<?> withBody = (body != null) ? spec.bodyValue(WireJson.write(body)) : spec;
		Mono<JsonNode> call = withBody.exchangeToMono((response) -> bodyOf(response).map((bytes) -> {
			int status = response.statusCode().value();
			if (!response.statusCode().is2xxSuccessful()) {
				throw ErrorMapping.codeInterpreter(status, bytes, namesContext);
			}
			// restart and remove answer with the JSON null
			return WireJson.tree((bytes.length == 0) ? JSON_NULL : bytes);
		}));
		if (!this.requestTimeout.isZero()) {
			Duration timeout = this.requestTimeout;
			call = call.timeout(timeout).onErrorMap(TimeoutException.class, (ex) -> requestTimedOut(timeout, ex));
		}
		return call.onErrorMap(ErrorMapping::isTransportFailure, this::unreachable);
	}

	private <S extends WebClient.RequestHeadersSpec<S>> S request(WebClient.RequestHeadersSpec<S> spec,
			@Nullable AtomicReference<@Nullable Connection> connection) {
		return spec.headers((headers) -> {
			// the interpreter's SDKs send it on every call, GET and DELETE included
			headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
			headers.set("E2b-Sandbox-Id", this.sandboxId);
			headers.set("E2b-Sandbox-Port", Integer.toString(CodeInterpreterAddress.PORT));
			headers.set("User-Agent", ClientHeaders.USER_AGENT);
		}).httpRequest((request) -> {
			if (connection != null && request.getNativeRequest() instanceof Connection netty) {
				connection.set(netty);
			}
		});
	}

	/**
	 * Close a connection whose execution is abandoned: the interpreter only notices a
	 * client that is gone when the connection closes. Reactor Netty closes one whose body
	 * is cancelled, but WebClient drains, rather than closes, one cancelled between its
	 * headers and its body, which for a stream of keepalives would never end.
	 */
	@SuppressWarnings("FutureReturnValueIgnored") // nothing waits for the close
	private static void abort(@Nullable Connection connection) {
		if (connection != null) {
			connection.channel().close();
		}
	}

	/**
	 * After a dropped connection, ask envd whether the sandbox still runs: a dead sandbox
	 * turns the failure into a timeout that says so, as the official SDKs do.
	 */
	private Flux<ExecutionEvent> dropped(Throwable failure) {
		if (Retries.neverSent(failure)) {
			return Flux.error(unreachable(failure));
		}
		return this.envd.health()
			.timeout(PROBE_TIMEOUT)
			.onErrorReturn(true)
			.flatMapMany((running) -> Flux.error(running
					? new E2bConnectionException("The connection to the code" + " interpreter of sandbox "
							+ this.sandboxId + " dropped: " + failure.getMessage(), null, failure)
					: new SandboxTimeoutException(
							"The sandbox " + this.sandboxId + " was killed while the request was"
									+ " in progress, most likely because its lifetime (the sandbox timeout) ran out",
							null, failure)));
	}

	private SandboxTimeoutException requestTimedOut(Duration timeout, Throwable cause) {
		return new SandboxTimeoutException("Request timed out: the code interpreter of sandbox " + this.sandboxId
				+ " did not answer within " + timeout.toMillis() + " ms (the requestTimeout option, or"
				+ " e2b.request-timeout); the sandbox may be overloaded or no longer running", null, cause);
	}

	private SandboxTimeoutException executionTimedOut(Duration timeout, Throwable cause) {
		return new SandboxTimeoutException(
				"Execution timed out: the code ran longer than its timeout of " + timeout.toMillis()
						+ " ms and was interrupted; give a longer timeout in RunCodeOptions, or zero for" + " no limit",
				null, cause);
	}

	private E2bException unreachable(Throwable ex) {
		return new E2bConnectionException("Could not reach the code interpreter of sandbox " + this.sandboxId + " at "
				+ this.baseUrl + " (" + this.addressHint + "): " + ex.getMessage(), null, ex);
	}

	/**
	 * A timer for a limit that zero turns off.
	 */
	private static Mono<Long> deadlineIn(Duration timeout) {
		return timeout.isZero() ? Mono.never() : Mono.delay(timeout);
	}

	private URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	private static Mono<byte[]> bodyOf(ClientResponse response) {
		return response.bodyToMono(byte[].class).defaultIfEmpty(NO_BODY);
	}

}
