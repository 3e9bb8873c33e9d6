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
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.e2bspringboot.errors.E2bConnectionException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.sandbox.RetrySettings;
import io.github.e2bspringboot.sandbox.files.WriteEntry;
import io.github.e2bspringboot.sandbox.files.WriteInfo;
import io.github.e2bspringboot.wire.WireJson.EntryJson;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The daemon inside one sandbox (envd): its REST endpoints {@code /files} and
 * {@code /health}. Every request carries the routing headers and, for a secure sandbox,
 * the access token (PROTOCOL.md sections 4 and 5).
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class EnvdClient {

	private static final byte[] NO_BODY = new byte[0];

	private static final Duration STREAM_DEADLINE_GRACE = Duration.ofSeconds(5);

	/** Calls that change nothing, or nothing more when repeated. */
	private static final java.util.Set<String> IDEMPOTENT_PROCEDURES = java.util.Set.of("filesystem.Filesystem/Stat",
			"filesystem.Filesystem/ListDir", "filesystem.Filesystem/Remove", "process.Process/List");

	private final WebClient webClient;

	private final String baseUrl;

	private final String sandboxId;

	private final @Nullable String accessToken;

	private final Duration idleTimeout;

	private final RetrySettings retrySettings;

	private final String addressHint;

	/**
	 * Create a client for one sandbox.
	 * @param webClient the HTTP client
	 * @param baseUrl the envd base URL, from {@link EnvdAddress}
	 * @param sandboxId the sandbox ID
	 * @param accessToken the access token of a secure sandbox, or {@code null}
	 * @param idleTimeout how long a response may stay silent before the request fails;
	 * zero for no limit
	 * @param retrySettings how idempotent calls are retried
	 * @param addressHint where the base URL came from and how to change it, for messages
	 * of calls that could not reach it
	 */
	public EnvdClient(WebClient webClient, String baseUrl, String sandboxId, @Nullable String accessToken,
			Duration idleTimeout, RetrySettings retrySettings, String addressHint) {
		this.webClient = webClient;
		this.baseUrl = baseUrl;
		this.sandboxId = sandboxId;
		this.accessToken = accessToken;
		this.idleTimeout = idleTimeout;
		this.retrySettings = retrySettings;
		this.addressHint = addressHint;
	}

	/**
	 * Retry an idempotent call of this sandbox under the configured policy.
	 * @param <T> the value type
	 * @param call the call, subscribed again for each attempt
	 * @return the retrying call
	 */
	public <T> Mono<T> retrying(Mono<T> call) {
		return call.retryWhen(Retries.of(this.retrySettings, Retries.Safety.IDEMPOTENT));
	}

	/**
	 * Upload files in one multipart request.
	 * @param path the single target path, sent as the {@code path} parameter for a
	 * one-file write, or {@code null} when every part names its own path
	 * @param entries the files
	 * @param user the Linux user to write as, or {@code null} for the sandbox's default
	 * @return one description per file, in request order
	 */
	public Mono<List<WriteInfo>> upload(@Nullable String path, List<WriteEntry> entries, @Nullable String user) {
		String boundary = MultipartFiles.newBoundary();
		URI uri = filesUri(path, user);
		Mono<List<WriteInfo>> call = request(this.webClient.post().uri(uri))
			.header(HttpHeaders.CONTENT_TYPE, MultipartFiles.contentType(boundary))
			.body(BodyInserters
				.fromDataBuffers(MultipartFiles.encode(entries, boundary, DefaultDataBufferFactory.sharedInstance)))
			.exchangeToMono((response) -> bodyOf(response).map((body) -> {
				if (!response.statusCode().is2xxSuccessful()) {
					throw error(response, body);
				}
				return WireJson.read(body, EntryJson.LIST).stream().map(EntryJson::toWriteInfo).toList();
			}))
			.onErrorMap(ErrorMapping::isTransportFailure, this::unreachable);
		// content that can be read again (bytes, files) makes the write safe to repeat
		boolean replayable = entries.stream().noneMatch((entry) -> entry.content().isOpen());
		return replayable ? retrying(call) : call;
	}

	/**
	 * Download a file as a stream of buffers, which the caller must release.
	 * @param path the path in the sandbox
	 * @param user the Linux user to read as, or {@code null} for the sandbox's default
	 * @return the file's content
	 */
	public Flux<DataBuffer> download(String path, @Nullable String user) {
		return request(this.webClient.get().uri(filesUri(path, user))).exchangeToFlux((response) -> {
			if (response.statusCode().is2xxSuccessful()) {
				return response.bodyToFlux(DataBuffer.class);
			}
			return bodyOf(response).flatMapMany((body) -> Flux.error(error(response, body)));
		}).onErrorMap(ErrorMapping::isTransportFailure, this::unreachable);
	}

	/**
	 * Ask the daemon whether the sandbox runs.
	 * @return {@code true} when it answers, {@code false} when the edge reports the
	 * sandbox gone (HTTP 502)
	 */
	public Mono<Boolean> health() {
		return request(this.webClient.get().uri(URI.create(this.baseUrl + "/health")))
			.exchangeToMono((response) -> bodyOf(response).map((body) -> {
				int status = response.statusCode().value();
				if (status == 502) {
					return false;
				}
				if (!response.statusCode().is2xxSuccessful()) {
					throw error(response, body);
				}
				return true;
			}))
			.onErrorMap(ErrorMapping::isTransportFailure, this::unreachable);
	}

	/**
	 * Upload one file as a raw body, optionally gzip-compressed on the fly; the content
	 * is streamed and never held in memory whole.
	 * @param path the target path
	 * @param content the content
	 * @param gzip whether to compress the body
	 * @param user the Linux user to write as, or {@code null} for the sandbox's default
	 * @return the written file
	 */
	public Mono<List<WriteInfo>> uploadRaw(String path, Flux<DataBuffer> content, boolean gzip, @Nullable String user) {
		Flux<DataBuffer> body = gzip ? GzipEncoder.encode(content) : content;
		return request(this.webClient.post().uri(filesUri(path, user))).headers((headers) -> {
			headers.set(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
			if (gzip) {
				headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
			}
		}).body(BodyInserters.fromDataBuffers(body)).exchangeToMono((response) -> bodyOf(response).map((bytes) -> {
			if (!response.statusCode().is2xxSuccessful()) {
				throw error(response, bytes);
			}
			return WireJson.read(bytes, EntryJson.LIST).stream().map(EntryJson::toWriteInfo).toList();
		})).onErrorMap(ErrorMapping::isTransportFailure, this::unreachable);
	}

	/**
	 * Call a unary Connect procedure of envd.
	 * @param procedure the procedure, such as {@code filesystem.Filesystem/Stat}
	 * @param message the request message
	 * @param user the Linux user to act as, or {@code null} for the sandbox's default
	 * @param filesystem whether "not found" means a missing path
	 * @return the response message
	 */
	public Mono<JsonNode> unary(String procedure, Object message, @Nullable String user, boolean filesystem) {
		Mono<JsonNode> call = request(this.webClient.post().uri(URI.create(this.baseUrl + "/" + procedure)))
			.headers((headers) -> {
				headers.set("Connect-Protocol-Version", "1");
				headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
				addUser(headers, user);
			})
			.bodyValue(WireJson.write(message))
			.exchangeToMono((response) -> bodyOf(response).map((bytes) -> {
				int status = response.statusCode().value();
				if (status != 200) {
					throw rpcError(status, bytes, filesystem);
				}
				return WireJson.tree((bytes.length == 0) ? "{}".getBytes(StandardCharsets.UTF_8) : bytes);
			}));
		if (!this.idleTimeout.isZero()) {
			Duration timeout = this.idleTimeout;
			call = call.timeout(timeout)
				.onErrorMap(TimeoutException.class,
						(ex) -> new SandboxTimeoutException(procedure + " got no answer within the request timeout of "
								+ timeout.toMillis() + " ms (e2b.request-timeout)", null, ex));
		}
		call = call.onErrorMap(ErrorMapping::isTransportFailure, this::unreachable);
		return IDEMPOTENT_PROCEDURES.contains(procedure) ? retrying(call) : call;
	}

	/**
	 * Call a server-streaming Connect procedure of envd. Messages arrive as they are
	 * sent; the stream ends with the end-stream frame, whose error becomes the typed
	 * exception. A connection that drops is checked against {@code /health}, so a sandbox
	 * that died reports a timeout rather than a network error.
	 * @param procedure the procedure, such as {@code process.Process/Start}
	 * @param message the request message
	 * @param user the Linux user to act as, or {@code null}
	 * @param timeout how long the stream may last (sent as {@code Connect-Timeout-Ms});
	 * zero for no limit
	 * @param filesystem whether "not found" means a missing path
	 * @return the messages
	 */
	public Flux<JsonNode> stream(String procedure, Object message, @Nullable String user, Duration timeout,
			boolean filesystem) {
		return Flux.defer(() -> {
			AtomicBoolean ended = new AtomicBoolean();
			AtomicBoolean deadlinePassed = new AtomicBoolean();
			Flux<JsonNode> messages = request(this.webClient.post().uri(URI.create(this.baseUrl + "/" + procedure)))
				.headers((headers) -> {
					headers.set("Connect-Protocol-Version", "1");
					headers.set(HttpHeaders.CONTENT_TYPE, "application/connect+json");
					headers.set("Keepalive-Ping-Interval", "50");
					if (!timeout.isZero()) {
						headers.set("Connect-Timeout-Ms", Long.toString(timeout.toMillis()));
					}
					addUser(headers, user);
				})
				.bodyValue(ConnectFrames.envelope(WireJson.write(message)))
				.exchangeToFlux((response) -> {
					int status = response.statusCode().value();
					if (status != 200) {
						return bodyOf(response).flatMapMany((bytes) -> Flux.error(rpcError(status, bytes, filesystem)));
					}
					return ConnectFrames.decode(response.bodyToFlux(DataBuffer.class))
						.takeUntil(ConnectFrames.Frame::isEndStream)
						.handle((frame, sink) -> {
							if (!frame.isEndStream()) {
								sink.next(WireJson.tree(frame.payload()));
								return;
							}
							ended.set(true);
							JsonNode error = WireJson.tree(frame.payload()).get("error");
							if (error != null && error.isObject()) {
								sink.error(ErrorMapping.rpc(text(error, "code", "unknown"), text(error, "message", ""),
										filesystem));
							}
						});
				});
			if (!timeout.isZero()) {
				// the server enforces the timeout; this is the client's own backstop
				messages = messages.takeUntilOther(
						Mono.delay(timeout.plus(STREAM_DEADLINE_GRACE)).doOnNext((tick) -> deadlinePassed.set(true)));
			}
			return messages.concatWith(Mono.defer(() -> {
				if (ended.get()) {
					return Mono.empty();
				}
				if (deadlinePassed.get()) {
					return Mono.error(new SandboxTimeoutException(procedure + " ran longer than its timeout of "
							+ timeout.toMillis() + " ms (the timeout option)"));
				}
				return Mono.error(new E2bException("The sandbox's stream of " + procedure
						+ " ended without its end-stream frame (missing EndStreamResponse)"));
			})).onErrorResume((ex) -> !(ex instanceof E2bException), this::probeAfterDrop);
		});
	}

	/**
	 * After a dropped connection, ask whether the sandbox still runs: a dead sandbox
	 * turns the failure into a timeout that says so.
	 */
	private <T> Flux<T> probeAfterDrop(Throwable failure) {
		return health().timeout(Duration.ofSeconds(5))
			.onErrorReturn(true)
			.flatMapMany((running) -> Flux.error(running ? new E2bConnectionException(
					"The connection to sandbox " + this.sandboxId + " dropped: " + failure.getMessage(), null, failure)
					: new SandboxTimeoutException("The sandbox " + this.sandboxId
							+ " was killed or reached its end of life (the sandbox timeout) while the request was in flight",
							null, failure)));
	}

	private static E2bException error(ClientResponse response, byte[] body) {
		return ErrorMapping.envd(response.statusCode().value(), body,
				response.headers().asHttpHeaders().getFirst("Retry-After"));
	}

	private static E2bException rpcError(int status, byte[] body, boolean filesystem) {
		String code = WireJson.connectCode(body);
		if (code == null && (status == 429 || status == 503 || status == 504)) {
			// not envd's own answer but a proxy's: a transient refusal, typed so it is
			// retried
			return ErrorMapping.envd(status, body, null);
		}
		String message = WireJson.errorMessage(body);
		return ErrorMapping.rpc((code != null) ? code : ErrorMapping.rpcCode(status),
				(message != null && !message.isEmpty()) ? message : "HTTP " + status, filesystem);
	}

	private static String text(JsonNode node, String field, String fallback) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : fallback;
	}

	private static void addUser(HttpHeaders headers, @Nullable String user) {
		if (user != null) {
			headers.set(HttpHeaders.AUTHORIZATION,
					"Basic " + Base64.getEncoder().encodeToString((user + ":").getBytes(StandardCharsets.UTF_8)));
		}
	}

	private URI filesUri(@Nullable String path, @Nullable String user) {
		return URI.create(this.baseUrl + "/files" + new QueryString().add("path", path).add("username", user));
	}

	private <S extends WebClient.RequestHeadersSpec<S>> S request(WebClient.RequestHeadersSpec<S> spec) {
		return spec.headers((headers) -> {
			headers.set("E2b-Sandbox-Id", this.sandboxId);
			headers.set("E2b-Sandbox-Port", Integer.toString(EnvdAddress.ENVD_PORT));
			headers.set("User-Agent", ClientHeaders.USER_AGENT);
			if (this.accessToken != null) {
				headers.set("X-Access-Token", this.accessToken);
			}
		}).httpRequest((request) -> {
			// an idle timeout rather than a total one: large transfers may take long but
			// must keep moving
			if (!this.idleTimeout.isZero() && request.getNativeRequest() instanceof HttpClientRequest nettyRequest) {
				nettyRequest.responseTimeout(this.idleTimeout);
			}
		});
	}

	private static Mono<byte[]> bodyOf(ClientResponse response) {
		return response.bodyToMono(byte[].class).defaultIfEmpty(NO_BODY);
	}

	private E2bException unreachable(Throwable ex) {
		return new E2bConnectionException("Could not reach sandbox " + this.sandboxId + " at " + this.baseUrl + " ("
				+ this.addressHint + "): " + ex.getMessage(), null, ex);
	}

}
