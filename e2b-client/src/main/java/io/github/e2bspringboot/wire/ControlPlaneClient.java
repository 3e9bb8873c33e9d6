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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.github.e2bspringboot.errors.AuthenticationException;
import io.github.e2bspringboot.errors.E2bConnectionException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.SandboxNotFoundException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import io.github.e2bspringboot.sandbox.SandboxInfo;
import io.github.e2bspringboot.sandbox.SandboxMetrics;
import io.github.e2bspringboot.sandbox.SandboxOrder;
import io.github.e2bspringboot.sandbox.SandboxPage;
import io.github.e2bspringboot.sandbox.SandboxQuery;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.SandboxState;
import io.github.e2bspringboot.wire.WireJson.ListedSandboxJson;
import io.github.e2bspringboot.wire.WireJson.MetricJson;
import io.github.e2bspringboot.wire.WireJson.SandboxJson;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The E2B control plane (REST/JSON): every request the client sends to
 * {@code api.<domain>}, with the endpoints, bodies and error rules of the newest official
 * SDK (PROTOCOL.md sections 3 and 15).
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class ControlPlaneClient {

	private static final byte[] NO_BODY = new byte[0];

	private static final DateTimeFormatter STARTED_AFTER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final java.util.Set<Integer> RETRYABLE_STATUSES = java.util.Set.of(429, 502, 503, 504);

	private final WebClient webClient;

	private final E2bConnectionConfig config;

	private final String baseUrl;

	/**
	 * Create a client.
	 * @param webClientBuilder the builder to clone the HTTP client from
	 * @param config the connection configuration
	 */
	public ControlPlaneClient(WebClient.Builder webClientBuilder, E2bConnectionConfig config) {
		this.webClient = webClientBuilder.clone().build();
		this.config = config;
		this.baseUrl = EnvdAddress.stripTrailingSlash(config.apiUrl().toString());
	}

	/**
	 * Create a sandbox. A spec with {@code secure=false} goes through the older endpoint,
	 * the only one that still accepts it.
	 * @param spec the spec, with its defaults already applied
	 * @return the created sandbox
	 */
	public Mono<CreatedSandbox> create(SandboxSpec spec) {
		boolean unsecured = Boolean.FALSE.equals(spec.secure());
		Duration timeout = spec.timeout();
		WireJson.CreateSandboxRequest body = new WireJson.CreateSandboxRequest(spec.template(),
				spec.metadata().isEmpty() ? null : spec.metadata(), spec.envs().isEmpty() ? null : spec.envs(),
				(timeout != null) ? seconds(timeout) : null, unsecured ? Boolean.FALSE : null,
				spec.allowInternetAccess(), spec.autoPause());
		String path = unsecured ? "/sandboxes" : "/v2/sandboxes";
		return send(HttpMethod.POST, path, body, Retries.Safety.NOT_IDEMPOTENT).map((response) -> {
			if (!response.isSuccess()) {
				throw response.error();
			}
			return WireJson.read(response.body(), SandboxJson.class).toCreatedSandbox();
		});
	}

	/**
	 * Connect to a sandbox, resuming it when it is paused. A timeout only ever extends
	 * the sandbox's life.
	 * @param sandboxId the sandbox ID
	 * @param timeout the lifetime from now, or {@code null} to keep the server's choice
	 * @return the sandbox
	 */
	public Mono<CreatedSandbox> connect(String sandboxId, @Nullable Duration timeout) {
		WireJson.TimeoutRequest body = new WireJson.TimeoutRequest((timeout != null) ? seconds(timeout) : null);
		return send(HttpMethod.POST, "/v2/sandboxes/" + UriEncoding.component(sandboxId) + "/connect", body,
				Retries.Safety.IDEMPOTENT)
			.map((response) -> {
				if (response.isNotFound()) {
					throw new SandboxNotFoundException("Paused sandbox " + sandboxId + " not found", 404, null);
				}
				if (!response.isSuccess()) {
					throw response.error();
				}
				return WireJson.read(response.body(), SandboxJson.class).toCreatedSandbox();
			});
	}

	/**
	 * Kill a sandbox.
	 * @param sandboxId the sandbox ID
	 * @return {@code true} when it was killed, {@code false} when it did not exist
	 */
	public Mono<Boolean> kill(String sandboxId) {
		return send(HttpMethod.DELETE, sandboxPath(sandboxId), null, Retries.Safety.IDEMPOTENT).map((response) -> {
			if (response.isNotFound()) {
				return false;
			}
			if (!response.isSuccess()) {
				throw response.error();
			}
			return true;
		});
	}

	/**
	 * Describe a sandbox.
	 * @param sandboxId the sandbox ID
	 * @return the sandbox's description
	 */
	public Mono<SandboxInfo> getInfo(String sandboxId) {
		return send(HttpMethod.GET, sandboxPath(sandboxId), null, Retries.Safety.IDEMPOTENT)
			.map((response) -> WireJson.read(expectFound(response, sandboxId).body(), ListedSandboxJson.class)
				.toSandboxInfo());
	}

	/**
	 * Set a sandbox's remaining lifetime, which may shorten it.
	 * @param sandboxId the sandbox ID
	 * @param timeout the lifetime from now
	 * @return completion
	 */
	public Mono<Void> setTimeout(String sandboxId, Duration timeout) {
		return send(HttpMethod.POST, sandboxPath(sandboxId) + "/timeout", new WireJson.TimeoutRequest(seconds(timeout)),
				Retries.Safety.IDEMPOTENT)
			.doOnNext((response) -> expectFound(response, sandboxId))
			.then();
	}

	/**
	 * Pause a sandbox, keeping its memory (the server's default).
	 * @param sandboxId the sandbox ID
	 * @return {@code true} when it was paused, {@code false} when it already was
	 */
	public Mono<Boolean> pause(String sandboxId) {
		return send(HttpMethod.POST, sandboxPath(sandboxId) + "/pause", Map.of(), Retries.Safety.IDEMPOTENT)
			.map((response) -> {
				if (response.status() == 409) {
					return false;
				}
				expectFound(response, sandboxId);
				return true;
			});
	}

	/**
	 * Read a sandbox's resource-usage samples.
	 * @param sandboxId the sandbox ID
	 * @return the samples, oldest first
	 */
	public Mono<List<SandboxMetrics>> getMetrics(String sandboxId) {
		return send(HttpMethod.GET, sandboxPath(sandboxId) + "/metrics", null, Retries.Safety.IDEMPOTENT)
			.map((response) -> WireJson.read(expectFound(response, sandboxId).body(), MetricJson.LIST)
				.stream()
				.map(MetricJson::toSandboxMetrics)
				.toList());
	}

	/**
	 * Fetch one page of sandboxes.
	 * @param query the filter
	 * @param limit the page size, or {@code null} for the server's default
	 * @param nextToken the cursor from the previous page, or {@code null} for the first
	 * @return the page
	 */
	public Mono<SandboxPage> list(SandboxQuery query, @Nullable Integer limit, @Nullable String nextToken) {
		QueryString queryString = new QueryString();
		if (!query.metadata().isEmpty()) {
			queryString.add("metadata", UriEncoding.metadataFilter(query.metadata()));
		}
		if (!query.states().isEmpty()) {
			// the JS SDK leaves the comma between states unencoded
			queryString.addEncoded("state",
					query.states().stream().map(SandboxState::value).collect(Collectors.joining(",")));
		}
		Instant startedAfter = query.startedAfter();
		if (startedAfter != null) {
			// the JS SDK's Date.toISOString(): UTC with milliseconds
			queryString.add("startedAfter", STARTED_AFTER.format(startedAfter));
		}
		queryString.add("template", query.template());
		SandboxOrder order = query.order();
		queryString.add("order", (order != null) ? order.value() : null);
		queryString.add("limit", limit);
		queryString.add("nextToken", nextToken);
		return send(HttpMethod.GET, "/v2/sandboxes" + queryString, null, Retries.Safety.IDEMPOTENT).map((response) -> {
			if (!response.isSuccess()) {
				throw response.error();
			}
			List<SandboxInfo> items = WireJson.read(response.body(), ListedSandboxJson.LIST)
				.stream()
				.map(ListedSandboxJson::toSandboxInfo)
				.toList();
			return new SandboxPage(items, response.headers().getFirst("X-Next-Token"));
		});
	}

	private ApiResponse expectFound(ApiResponse response, String sandboxId) {
		if (response.isNotFound()) {
			throw new SandboxNotFoundException("Sandbox " + sandboxId + " not found", 404, null);
		}
		if (!response.isSuccess()) {
			throw response.error();
		}
		return response;
	}

	private Mono<ApiResponse> send(HttpMethod method, String pathAndQuery, @Nullable Object body,
			Retries.Safety safety) {
		String apiKey = this.config.apiKey();
		if (apiKey == null || apiKey.isBlank()) {
			return Mono.error(new AuthenticationException(
					"No E2B API key: set the 'e2b.api-key' property or the E2B_API_KEY environment variable"));
		}
		URI uri = URI.create(this.baseUrl + pathAndQuery);
		Mono<ApiResponse> exchange = Mono.defer(() -> {
			WebClient.RequestBodySpec request = this.webClient.method(method).uri(uri).headers((headers) -> {
				ClientHeaders.addTo(headers);
				headers.set("X-API-KEY", apiKey);
				this.config.apiHeaders().forEach(headers::set);
			});
			WebClient.RequestHeadersSpec<?> withBody = (body != null)
					? request.contentType(MediaType.APPLICATION_JSON).bodyValue(WireJson.write(body)) : request;
			return withBody
				.exchangeToMono((response) -> response.bodyToMono(byte[].class)
					.defaultIfEmpty(NO_BODY)
					.map((bytes) -> new ApiResponse(response.statusCode().value(), response.headers().asHttpHeaders(),
							bytes)))
				// statuses that may be retried become errors here, so the retry sees them
				.flatMap((response) -> RETRYABLE_STATUSES.contains(response.status()) ? Mono.error(response.error())
						: Mono.just(response));
		});
		Duration timeout = this.config.requestTimeout();
		if (!timeout.isZero()) {
			exchange = exchange.timeout(timeout);
		}
		return exchange
			.onErrorMap(TimeoutException.class,
					(ex) -> new SandboxTimeoutException(
							method + " " + uri.getRawPath() + " got no answer within the request timeout of "
									+ timeout.toMillis() + " ms (e2b.request-timeout)",
							null, ex))
			.onErrorMap(ErrorMapping::isTransportFailure,
					(ex) -> new E2bConnectionException(
							"Could not reach the E2B API at " + this.baseUrl + ": " + mostSpecificMessage(ex), null,
							ex))
			.retryWhen(Retries.of(this.config.retrySettings(), safety));
	}

	private static String mostSpecificMessage(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return String.valueOf(cause.getMessage());
	}

	private static String sandboxPath(String sandboxId) {
		return "/sandboxes/" + UriEncoding.component(sandboxId);
	}

	/**
	 * Whole seconds, rounded up like the official SDKs.
	 */
	static long seconds(Duration duration) {
		long seconds = duration.getSeconds();
		return (duration.getNano() > 0) ? seconds + 1 : seconds;
	}

	private record ApiResponse(int status, HttpHeaders headers, byte[] body) {

		boolean isSuccess() {
			return this.status >= 200 && this.status < 300;
		}

		// like the JS SDK, "not found" is a 404 whose JSON body says so too
		boolean isNotFound() {
			Integer code = WireJson.errorCode(this.body);
			return this.status == 404 && code != null && code == 404;
		}

		E2bException error() {
			return ErrorMapping.controlPlane(this.status, this.body, this.headers.getFirst("Retry-After"));
		}

	}

}
