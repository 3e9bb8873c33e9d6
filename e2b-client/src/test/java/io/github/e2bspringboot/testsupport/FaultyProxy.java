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

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A loopback HTTP proxy that injects faults between a client and a server: latency, 429
 * bursts with {@code Retry-After} and 503s that never reach the server, 502s and 504s
 * that lose the server's answer, connections dropped in the middle of a body, and slow
 * streams.
 * <p>
 * What a request suffers depends only on the seed, the request itself (its method, path,
 * query and JSON body, with sandbox IDs and UUIDs left out, so that runs compare) and how
 * many times the same request came before, never on the order in which concurrent
 * requests arrive: the same workload meets the same faults whatever the timing. Only the
 * first {@value #FAULTY_ATTEMPTS} attempts of a request may be faulted, so a client that
 * retries more often always gets through.
 */
public final class FaultyProxy implements AutoCloseable {

	/** The kinds of fault, counted as they are injected. */
	public enum Fault {

		LATENCY, RATE_LIMITED, SERVICE_BUSY, ANSWER_LOST_502, ANSWER_LOST_504, DROPPED_MID_BODY, SLOW_STREAM

	}

	private final URI target;

	/** How many attempts of one request may meet a fault. */
	public static final int FAULTY_ATTEMPTS = 2;

	private static final Pattern SANDBOX_ID = Pattern.compile("\\b[a-z0-9]{20}\\b");

	private static final Pattern NEXT_TOKEN = Pattern.compile("nextToken=[^&]*");

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private final double probability;

	private final long seed;

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private final HttpClient client = HttpClient.create();

	private final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();

	private final DisposableServer server;

	public FaultyProxy(URI target, double probability, long seed) {
		this.target = target;
		this.probability = probability;
		this.seed = seed;
		for (Fault fault : Fault.values()) {
			this.injected.put(fault, new AtomicInteger());
		}
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.port());
	}

	public Map<Fault, Integer> injected() {
		Map<Fault, Integer> counts = new java.util.EnumMap<>(Fault.class);
		this.injected.forEach((fault, count) -> counts.put(fault, count.get()));
		return counts;
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((body) -> {
			Kind kind = Kind.of(request);
			Attempt attempt = attemptOf(request, body);
			// a 502 from a sandbox means the sandbox is gone: only the control plane gets
			// them
			Fault fault = draw(attempt, kind, request.requestHeaders().contains("E2b-Sandbox-Id"));
			Mono<Void> delay = Mono.delay(Duration.ofMillis(attempt.random().nextInt(20))).then();
			count(Fault.LATENCY);
			if (fault == Fault.RATE_LIMITED) {
				return delay.then(error(response, 429, "rate limited by the fault proxy").header("Retry-After", "0")
					.sendString(Mono.just(json(429, "rate limited by the fault proxy")))
					.then());
			}
			if (fault == Fault.SERVICE_BUSY) {
				return delay
					.then(error(response, 503, "").sendString(Mono.just(json(503, "busy (fault proxy)"))).then());
			}
			return delay.then(forward(request, body)).flatMap((answer) -> {
				if (fault == Fault.ANSWER_LOST_502 || fault == Fault.ANSWER_LOST_504) {
					int status = (fault == Fault.ANSWER_LOST_502) ? 502 : 504;
					return error(response, status, "").sendString(Mono.just(json(status, "answer lost (fault proxy)")))
						.then();
				}
				copyHeaders(answer, response);
				if (fault == Fault.DROPPED_MID_BODY && answer.body().length > 1) {
					return dropMidBody(response, answer);
				}
				if (fault == Fault.SLOW_STREAM) {
					return response
						.send(Flux.fromIterable(chunks(answer.body(), 64))
							.delayElements(Duration.ofMillis(5))
							.map(Unpooled::wrappedBuffer))
						.then();
				}
				response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(answer.body().length));
				return response.sendByteArray(Mono.just(answer.body())).then();
			});
		});
	}

	/**
	 * Write the status line, the headers (with the full length) and half of the body
	 * straight to the socket, below the HTTP codec, and close it.
	 */
	private static Mono<Void> dropMidBody(HttpServerResponse response, Answer answer) {
		StringBuilder head = new StringBuilder("HTTP/1.1 " + answer.status() + " OK\r\n");
		answer.headers().forEach((header) -> {
			if (!isHopByHop(header.getKey())) {
				head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
			}
		});
		head.append("Content-Length: ").append(answer.body().length).append("\r\n\r\n");
		byte[] half = java.util.Arrays.copyOf(answer.body(), answer.body().length / 2);
		response.withConnection((connection) -> connection.channel()
			.pipeline()
			.firstContext()
			.writeAndFlush(Unpooled
				.wrappedBuffer(head.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), half))
			.addListener(io.netty.channel.ChannelFutureListener.CLOSE));
		// the closed connection ends this exchange
		return Mono.never();
	}

	/**
	 * Which attempt of its request this is, with a random seeded from the proxy's seed,
	 * what the request is and how many times it came before.
	 */
	private Attempt attemptOf(HttpServerRequest request, byte[] body) {
		String contentType = request.requestHeaders().get("Content-Type", "");
		String what = request.method().name() + " " + request.uri()
				+ (contentType.contains("json") ? " " + new String(body, StandardCharsets.UTF_8) : "");
		String comparable = UUID_TEXT
			.matcher(NEXT_TOKEN.matcher(SANDBOX_ID.matcher(what).replaceAll("{id}")).replaceAll("nextToken={token}"))
			.replaceAll("{uuid}");
		String exact = comparable + " @" + request.requestHeaders().get("E2b-Sandbox-Id", "")
				+ SANDBOX_ID.matcher(request.uri()).results().map(MatchResult::group).findFirst().orElse("");
		int number = this.attempts.computeIfAbsent(exact, (key) -> new AtomicInteger()).getAndIncrement();
		return new Attempt(new Random(this.seed * 31 + comparable.hashCode() * 17L + number), number);
	}

	private @Nullable Fault draw(Attempt attempt, Kind kind, boolean sandbox) {
		Random random = attempt.random();
		if (kind == Kind.CLEAN || attempt.number() >= FAULTY_ATTEMPTS || random.nextDouble() >= this.probability) {
			return null;
		}
		List<Fault> possible = new ArrayList<>();
		if (kind == Kind.STREAM) {
			possible.add(Fault.SLOW_STREAM);
		}
		else {
			possible.add(Fault.RATE_LIMITED);
			possible.add(Fault.SERVICE_BUSY);
			if (kind != Kind.NOT_IDEMPOTENT) {
				if (!sandbox) {
					possible.add(Fault.ANSWER_LOST_502);
				}
				possible.add(Fault.ANSWER_LOST_504);
			}
			if (kind == Kind.READ) {
				possible.add(Fault.DROPPED_MID_BODY);
			}
		}
		Fault fault = possible.get(random.nextInt(possible.size()));
		count(fault);
		return fault;
	}

	private void count(Fault fault) {
		this.injected.get(fault).incrementAndGet();
	}

	private Mono<Answer> forward(HttpServerRequest request, byte[] body) {
		return this.client.headers((headers) -> request.requestHeaders().forEach((header) -> {
			if (!isHopByHop(header.getKey())) {
				headers.add(header.getKey(), header.getValue());
			}
		}))
			.request(request.method())
			.uri(this.target + request.uri())
			.send(Mono.just(Unpooled.wrappedBuffer(body)))
			.responseSingle((answer, content) -> content.asByteArray()
				.defaultIfEmpty(new byte[0])
				.map((bytes) -> new Answer(answer.status().code(), answer.responseHeaders(), bytes)));
	}

	private static void copyHeaders(Answer answer, HttpServerResponse response) {
		response.status(answer.status());
		answer.headers().forEach((header) -> {
			if (!isHopByHop(header.getKey()) && !header.getKey().equalsIgnoreCase("Content-Length")) {
				response.header(header.getKey(), header.getValue());
			}
		});
	}

	private static HttpServerResponse error(HttpServerResponse response, int status, String ignored) {
		return response.status(HttpResponseStatus.valueOf(status)).header("Content-Type", "application/json");
	}

	private static String json(int status, String message) {
		return "{\"code\":" + status + ",\"message\":\"" + message + "\"}";
	}

	private static boolean isHopByHop(String name) {
		return name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Connection")
				|| name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Content-Length")
				|| name.equalsIgnoreCase("Keep-Alive");
	}

	private static List<byte[]> chunks(byte[] bytes, int size) {
		List<byte[]> chunks = new ArrayList<>();
		for (int i = 0; i < bytes.length; i += size) {
			chunks.add(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size)));
		}
		return chunks;
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private record Answer(int status, HttpHeaders headers, byte[] body) {
	}

	private record Attempt(Random random, int number) {
	}

	/**
	 * What a request may suffer.
	 */
	private enum Kind {

		/**
		 * Never faulted: the search for a sandbox whose create answer was lost, which the
		 * client runs once per lost create and does not retry.
		 */
		CLEAN,

		/** A Connect stream: only slowness. */
		STREAM,

		/** A call the client repeats only when refused: create, SendInput, ... */
		NOT_IDEMPOTENT,

		/** A read whose answer may also be cut off. */
		READ,

		/** An idempotent write. */
		IDEMPOTENT;

		static Kind of(HttpServerRequest request) {
			String path = request.fullPath();
			String method = request.method().name();
			if (request.uri().contains("e2b-spring-boot-create-id")) {
				return CLEAN;
			}
			if (request.requestHeaders().get("Content-Type", "").startsWith("application/connect+json")) {
				return STREAM;
			}
			if (method.equals("GET")) {
				return READ;
			}
			if (method.equals("DELETE") || path.endsWith("/timeout") || path.endsWith("/connect")
					|| path.equals("/files") || path.endsWith("/Stat") || path.endsWith("/ListDir")
					|| path.endsWith("/Remove") || path.endsWith("/List")) {
				return IDEMPOTENT;
			}
			if (path.equals("/v2/sandboxes") && method.equals("POST")) {
				// a lost create answer exercises the clean-up of lost creates
				return IDEMPOTENT;
			}
			return NOT_IDEMPOTENT;
		}

	}

}
