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
import java.util.List;

import io.github.e2bspringboot.errors.E2bConnectionException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.sandbox.files.WriteEntry;
import io.github.e2bspringboot.sandbox.files.WriteInfo;
import io.github.e2bspringboot.wire.WireJson.EntryJson;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientRequest;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The daemon inside one sandbox (envd): its REST endpoints {@code /files} and
 * {@code /health}. Every request carries the routing headers and, for a secure sandbox,
 * the access token (PROTOCOL.md sections 4 and 5).
 *
 * @author e2b-spring-boot contributors
 */
public final class EnvdClient {

	private static final byte[] NO_BODY = new byte[0];

	private final WebClient webClient;

	private final String baseUrl;

	private final String sandboxId;

	private final @Nullable String accessToken;

	private final Duration idleTimeout;

	/**
	 * Create a client for one sandbox.
	 * @param webClient the HTTP client
	 * @param baseUrl the envd base URL, from {@link EnvdAddress}
	 * @param sandboxId the sandbox ID
	 * @param accessToken the access token of a secure sandbox, or {@code null}
	 * @param idleTimeout how long a response may stay silent before the request fails;
	 * zero for no limit
	 */
	public EnvdClient(WebClient webClient, String baseUrl, String sandboxId, @Nullable String accessToken,
			Duration idleTimeout) {
		this.webClient = webClient;
		this.baseUrl = baseUrl;
		this.sandboxId = sandboxId;
		this.accessToken = accessToken;
		this.idleTimeout = idleTimeout;
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
		return request(this.webClient.post().uri(uri))
			.header(HttpHeaders.CONTENT_TYPE, MultipartFiles.contentType(boundary))
			.body(BodyInserters
				.fromDataBuffers(MultipartFiles.encode(entries, boundary, DefaultDataBufferFactory.sharedInstance)))
			.exchangeToMono((response) -> bodyOf(response).map((body) -> {
				if (!response.statusCode().is2xxSuccessful()) {
					throw ErrorMapping.envd(response.statusCode().value(), body);
				}
				return WireJson.read(body, EntryJson.LIST).stream().map(EntryJson::toWriteInfo).toList();
			}))
			.onErrorMap(WebClientRequestException.class, this::unreachable);
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
			return bodyOf(response)
				.flatMapMany((body) -> Flux.error(ErrorMapping.envd(response.statusCode().value(), body)));
		}).onErrorMap(WebClientRequestException.class, this::unreachable);
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
					throw ErrorMapping.envd(status, body);
				}
				return true;
			}))
			.onErrorMap(WebClientRequestException.class, this::unreachable);
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

	private E2bException unreachable(WebClientRequestException ex) {
		return new E2bConnectionException("Could not reach sandbox " + this.sandboxId + " at " + this.baseUrl + ": "
				+ ex.getMostSpecificCause().getMessage(), null, ex);
	}

}
