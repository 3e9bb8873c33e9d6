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
package io.github.e2bspringboot.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on loopback that records every request byte for byte and answers with
 * scripted responses, in order. Used only to assert what the client puts on the wire.
 */
public final class RecordingServer implements AutoCloseable {

	private final HttpServer server;

	private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();

	private final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();

	public RecordingServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Return the server's base URL, without a trailing slash.
	 * @return the URL
	 */
	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public RecordingServer enqueue(Response response) {
		this.responses.add(response);
		return this;
	}

	public RecordingServer enqueueJson(int status, String json) {
		return enqueue(Response.json(status, json));
	}

	public RecordingServer enqueueStatus(int status) {
		return enqueue(new Response(status, Map.of(), new byte[0]));
	}

	/**
	 * Take the next recorded request, waiting for it briefly.
	 * @return the request
	 */
	public RecordedRequest takeRequest() {
		try {
			RecordedRequest request = this.requests.poll(Duration.ofSeconds(10).toMillis(),
					java.util.concurrent.TimeUnit.MILLISECONDS);
			if (request == null) {
				throw new AssertionError("No request arrived");
			}
			return request;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * Return how many requests arrived and were not taken yet.
	 * @return the count
	 */
	public int pendingRequests() {
		return this.requests.size();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
		URI uri = exchange.getRequestURI();
		this.requests
			.add(new RecordedRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body));
		Response response = this.responses.poll();
		if (response == null) {
			response = Response.json(500, "{\"code\":500,\"message\":\"no response scripted\"}");
		}
		Headers responseHeaders = exchange.getResponseHeaders();
		response.headers().forEach(responseHeaders::add);
		boolean empty = response.body().length == 0;
		exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
		if (!empty) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response.body());
			}
		}
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A request as it arrived.
	 *
	 * @param method the method
	 * @param path the raw path
	 * @param query the raw query, or {@code null}
	 * @param headers the headers, names lower-cased
	 * @param body the body, de-chunked
	 */
	public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
			byte[] body) {

		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase());
			return (values != null) ? String.join(",", values) : null;
		}

		public String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		public String target() {
			return (this.query != null) ? this.path + "?" + this.query : this.path;
		}

	}

	/**
	 * A scripted response.
	 *
	 * @param status the status
	 * @param headers the headers
	 * @param body the body
	 */
	public record Response(int status, Map<String, String> headers, byte[] body) {

		public static Response json(int status, String json) {
			return new Response(status, Map.of("Content-Type", "application/json; charset=utf-8"),
					json.getBytes(StandardCharsets.UTF_8));
		}

		public static Response text(int status, String text) {
			return new Response(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
					text.getBytes(StandardCharsets.UTF_8));
		}

		public static Response bytes(int status, byte[] body) {
			return new Response(status, Map.of("Content-Type", "application/octet-stream"), body);
		}

		public Response withHeader(String name, String value) {
			Map<String, String> headers = new LinkedHashMap<>(this.headers);
			headers.put(name, value);
			return new Response(this.status, headers, this.body);
		}

	}

}
