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
package io.github.e2bspringboot.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * Routes every request on the one port: to a sandbox's envd when it names a sandbox (the
 * {@code E2b-Sandbox-Id} header, or a {@code 49983-<id>.<domain>} host), else to the
 * control plane.
 */
final class Router implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	private static final String ENVD_PORT = "49983";

	private static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(90);

	private static final System.Logger logger = System.getLogger(Router.class.getName());

	private final ServerContext context;

	private final ControlPlane controlPlane;

	private final FilesEndpoint files;

	private final FilesystemRpc filesystem;

	private final ProcessRpc processes;

	private final CodeInterpreterEndpoint codeInterpreter;

	private final OwnAddresses ownAddresses = new OwnAddresses();

	Router(ServerContext context) {
		this.context = context;
		this.controlPlane = new ControlPlane(context);
		this.files = new FilesEndpoint();
		this.filesystem = new FilesystemRpc(context);
		this.processes = new ProcessRpc(context);
		this.codeInterpreter = new CodeInterpreterEndpoint(context);
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		InetSocketAddress remote = request.remoteAddress();
		if (remote != null && this.ownAddresses.isOwnNonLoopback(remote.getAddress())) {
			// sandbox traffic leaves through a user-mode stack on this machine, so it
			// arrives from one of the machine's own addresses; other clients use loopback
			return answer(request, response, Reply.error(403, "requests from this machine's own network addresses"
					+ " are refused, as sandbox traffic comes from them: connect to 127.0.0.1 instead"));
		}
		QueryStringDecoder uri = new QueryStringDecoder(request.uri());
		HttpHeaders headers = request.requestHeaders();
		String sandboxId = headers.get("E2b-Sandbox-Id");
		String port = headers.get("E2b-Sandbox-Port");
		if (sandboxId == null) {
			String[] routed = hostRoute(headers.get("Host"));
			if (routed != null) {
				port = routed[0];
				sandboxId = routed[1];
			}
		}
		if (sandboxId == null && uri.path().equals("/files")) {
			// a signed URL carries no routing headers: its signature tells whose file it
			// is
			sandboxId = this.files.signedBy(this.context.registry(), uri.parameters(), request.method().name());
		}
		String routedId = sandboxId;
		String routedPort = port;
		Mono<Void> handled = Mono.defer(() -> (routedId != null) ? envd(request, response, uri, routedId, routedPort)
				: controlPlane(request, response, uri));
		return handled.onErrorResume((ex) -> {
			if (ex instanceof EventStream.StreamCutException) {
				// the sandbox went away mid-stream: close the connection without an end
				return Mono.fromRunnable(() -> response.withConnection(Connection::dispose));
			}
			if (ex instanceof BadRequestException bad) {
				return answer(request, response, Reply.error(bad.status(), bad.getMessage()));
			}
			logger.log(System.Logger.Level.WARNING, "Request " + request.method() + " " + uri.path() + " failed", ex);
			return send(response, Reply.error(500, "internal error: " + ex.getClass().getSimpleName()));
		});
	}

	private Mono<Void> controlPlane(HttpServerRequest request, HttpServerResponse response, QueryStringDecoder uri) {
		return body(request)
			.flatMap((body) -> blocking(() -> this.controlPlane.handle(request.method().name(), uri.path(),
					uri.parameters(), request.requestHeaders().get("X-API-KEY"), body)))
			.onErrorResume(BadRequestException.class, (ex) -> Mono.just(Reply.error(ex.status(), ex.getMessage())))
			.flatMap((reply) -> send(response, reply));
	}

	private Mono<Void> envd(HttpServerRequest request, HttpServerResponse response, QueryStringDecoder uri,
			String sandboxId, @Nullable String port) {
		LocalSandbox sandbox = this.context.registry().find(sandboxId);
		boolean servesPort = port == null || port.equals(ENVD_PORT)
				|| (port.equals(CodeInterpreterEndpoint.PORT) && sandbox != null && sandbox.codeInterpreter() != null);
		if (!servesPort) {
			return answer(request, response, Reply.json(502, Json.obj("sandboxId", sandboxId, "message",
					"The sandbox is running but port is not open", "port", port, "code", 502)));
		}
		if (sandbox == null || !sandbox.isRunning()) {
			return answer(request, response, Reply.json(502,
					Json.obj("sandboxId", sandboxId, "message", "The sandbox was not found", "code", 502)));
		}
		if (port != null && port.equals(CodeInterpreterEndpoint.PORT)) {
			return codeInterpreter(request, response, sandbox, uri.path());
		}
		String path = uri.path();
		String method = request.method().name();
		if (path.equals("/health")) {
			return answer(request, response, Reply.empty(204));
		}
		if (path.equals("/files")) {
			if (method.equals("GET")) {
				return download(request, response, sandbox, uri, request.requestHeaders());
			}
			if (method.equals("POST")) {
				return upload(request, response, sandbox, uri);
			}
			return answer(request, response, Reply.error(405, "Method " + method + " is not allowed on /files"));
		}
		if (path.startsWith("/filesystem.Filesystem/") || path.startsWith("/process.Process/")) {
			String token = sandbox.accessToken();
			String presented = request.requestHeaders().get("X-Access-Token");
			if (token != null && (presented == null || !MessageDigest
				.isEqual(presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8)))) {
				return answer(request, response, Reply.error(401,
						"unauthorized access, please provide a valid access token or method signing if supported"));
			}
			if (!method.equals("POST")) {
				return answer(request, response, Reply.error(405, "Connect calls use POST"));
			}
			return rpc(request, response, sandbox, path.substring(1));
		}
		return answer(request, response, Reply.error(404, "Not found: " + path));
	}

	private Mono<Void> codeInterpreter(HttpServerRequest request, HttpServerResponse response, LocalSandbox sandbox,
			String path) {
		String method = request.method().name();
		return body(request).flatMap((body) -> {
			if (path.equals("/execute") && method.equals("POST")) {
				return blocking(
						() -> this.codeInterpreter.execute(sandbox, body).subscribeOn(Schedulers.boundedElastic()))
					.flatMap((lines) -> response.status(200).send(lines.map(Unpooled::wrappedBuffer)).then());
			}
			return blocking(() -> this.codeInterpreter.handle(sandbox, method, path, body))
				.flatMap((reply) -> send(response, reply));
		}).onErrorResume(BadRequestException.class, (ex) -> send(response, Reply.text(ex.status(), ex.getMessage())));
	}

	private Mono<Void> download(HttpServerRequest request, HttpServerResponse response, LocalSandbox sandbox,
			QueryStringDecoder uri, HttpHeaders headers) {
		return discardBody(request).then(blocking(() -> this.files.download(sandbox, uri.parameters(), headers)))
			.flatMap((download) -> {
				response.status(200)
					.header("Content-Type", FilesEndpoint.contentType(download.name()))
					.header("Content-Length", Long.toString(download.size()))
					.header("Content-Disposition", FilesEndpoint.contentDisposition(download.name()));
				FileChannel channel = download.channel();
				if (channel == null) {
					return response.sendByteArray(Mono.just(download.content())).then();
				}
				// exactly the size the open file had: a file the sandbox grows meanwhile
				// is not read past it; the region closes the file when sent
				return response.sendObject(new DefaultFileRegion(channel, 0, download.size())).then();
			})
			.onErrorResume(BadRequestException.class,
					(ex) -> send(response, Reply.error(ex.status(), ex.getMessage())));
	}

	private Mono<Void> upload(HttpServerRequest request, HttpServerResponse response, LocalSandbox sandbox,
			QueryStringDecoder uri) {
		Flux<byte[]> chunks = request.receive().asByteArray();
		return blocking(() -> {
			try (Stream<byte[]> stream = chunks.toStream(64)) {
				Iterator<byte[]> body = stream.iterator();
				try {
					return this.files.upload(sandbox, uri.parameters(), request.requestHeaders(),
							new ChunkInputStream(body));
				}
				finally {
					// a refused upload is read to its end too, so that the client, still
					// sending, reads the answer instead of a reset connection
					body.forEachRemaining((chunk) -> {
					});
				}
			}
		}).onErrorResume(BadRequestException.class, (ex) -> Mono.just(Reply.error(ex.status(), ex.getMessage())))
			.flatMap((reply) -> send(response, reply));
	}

	private Mono<Void> rpc(HttpServerRequest request, HttpServerResponse response, LocalSandbox sandbox,
			String procedure) {
		HttpHeaders headers = request.requestHeaders();
		boolean streaming = headers.get("Content-Type", "").startsWith(Connect.STREAM_CONTENT_TYPE);
		long timeoutMillis = longHeader(headers, "Connect-Timeout-Ms", 0);
		long keepaliveSeconds = longHeader(headers, "Keepalive-Ping-Interval", 0);
		Duration keepalive = (keepaliveSeconds > 0) ? Duration.ofSeconds(keepaliveSeconds) : DEFAULT_KEEPALIVE;
		return body(request).flatMap((body) -> {
			if (streaming) {
				Flux<byte[]> frames = Flux
					.defer(() -> stream(sandbox, procedure, headers, Json.readObject(Connect.unwrap(body)),
							timeoutMillis, keepalive))
					.onErrorResume(BadRequestException.class,
							(ex) -> Flux.just(Connect.endStream(ex.connectCode(), ex.getMessage())))
					.subscribeOn(Schedulers.boundedElastic());
				return response.status(200)
					.header("Content-Type", Connect.STREAM_CONTENT_TYPE)
					.send(frames.map(Unpooled::wrappedBuffer))
					.then();
			}
			return blocking(() -> Reply.json(200, unary(sandbox, procedure, headers, Json.readObject(body))))
				.onErrorResume(BadRequestException.class,
						(ex) -> Mono.just(new Reply(Connect.httpStatus(ex.connectCode()), Connect.UNARY_CONTENT_TYPE,
								Map.of(), Connect.errorBody(ex.connectCode(), ex.getMessage()))))
				.flatMap((reply) -> send(response, reply));
		}).onErrorResume(BadRequestException.class, (ex) -> send(response, Reply.error(ex.status(), ex.getMessage())));
	}

	private Flux<byte[]> stream(LocalSandbox sandbox, String procedure, HttpHeaders headers, JsonNode message,
			long timeoutMillis, Duration keepalive) {
		SandboxUser user = SandboxUser.fromBasicAuthorization(headers.get("Authorization"));
		return switch (procedure) {
			case "process.Process/Start" -> this.processes.start(sandbox, user, message, timeoutMillis, keepalive);
			case "process.Process/Connect" -> this.processes.connect(sandbox, message, timeoutMillis, keepalive);
			case "filesystem.Filesystem/WatchDir" -> this.filesystem.watchDir(sandbox, user, message, keepalive);
			default -> throw new BadRequestException(501, "unimplemented", procedure + " is not a streaming procedure");
		};
	}

	private Object unary(LocalSandbox sandbox, String procedure, HttpHeaders headers, JsonNode message) {
		SandboxUser user = SandboxUser.fromBasicAuthorization(headers.get("Authorization"));
		return switch (procedure) {
			case "filesystem.Filesystem/Stat" -> this.filesystem.stat(sandbox, user, message);
			case "filesystem.Filesystem/MakeDir" -> this.filesystem.makeDir(sandbox, user, message);
			case "filesystem.Filesystem/Move" -> this.filesystem.move(sandbox, user, message);
			case "filesystem.Filesystem/ListDir" -> this.filesystem.listDir(sandbox, user, message);
			case "filesystem.Filesystem/Remove" -> this.filesystem.remove(sandbox, user, message);
			case "filesystem.Filesystem/CreateWatcher" -> this.filesystem.createWatcher(sandbox, user, message);
			case "filesystem.Filesystem/GetWatcherEvents" -> this.filesystem.getWatcherEvents(sandbox, user, message);
			case "filesystem.Filesystem/RemoveWatcher" -> this.filesystem.removeWatcher(sandbox, message);
			case "process.Process/List" -> this.processes.list(sandbox);
			case "process.Process/SendInput" -> this.processes.sendInput(sandbox, message);
			case "process.Process/SendSignal" -> this.processes.sendSignal(sandbox, message);
			case "process.Process/CloseStdin" -> this.processes.closeStdin(sandbox, message);
			case "process.Process/Update" -> this.processes.update(sandbox, message);
			default -> throw new BadRequestException(501, "unimplemented", procedure + " is not implemented");
		};
	}

	/**
	 * Read a request body that must stay small, answering 413 beyond the limit.
	 */
	private Mono<byte[]> body(HttpServerRequest request) {
		int limit = this.context.maxJsonBytes();
		// a body over the limit is read to its end and dropped, so that the client, still
		// sending, reads the answer instead of a reset connection
		return request.receive().asByteArray().collect(() -> new LimitedBody(limit), LimitedBody::add).map((body) -> {
			if (body.overflowed) {
				throw new BadRequestException(413, "resource_exhausted",
						"request body is larger than " + limit + " bytes");
			}
			return body.bytes.toByteArray();
		});
	}

	/**
	 * A request body kept up to a limit; beyond it, only the fact that it overflowed.
	 */
	private static final class LimitedBody {

		private final int limit;

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private boolean overflowed;

		LimitedBody(int limit) {
			this.limit = limit;
		}

		void add(byte[] chunk) {
			if (this.overflowed || this.bytes.size() + chunk.length > this.limit) {
				this.overflowed = true;
				this.bytes.reset();
				return;
			}
			this.bytes.writeBytes(chunk);
		}

	}

	private static <T> Mono<T> blocking(Callable<T> work) {
		return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Answer without having read the request: its body (if any) is read and dropped
	 * first, so the connection is left clean for the client's next request.
	 */
	private static Mono<Void> answer(HttpServerRequest request, HttpServerResponse response, Reply reply) {
		return discardBody(request).then(send(response, reply));
	}

	private static Mono<Void> discardBody(HttpServerRequest request) {
		return request.receive().then();
	}

	static Mono<Void> send(HttpServerResponse response, Reply reply) {
		response.status(HttpResponseStatus.valueOf(reply.status()));
		if (!reply.contentType().isEmpty()) {
			response.header("Content-Type", reply.contentType());
		}
		reply.headers().forEach(response::header);
		if (reply.body().length == 0) {
			return response.send().then();
		}
		return response.sendByteArray(Mono.just(reply.body())).then();
	}

	private static String @Nullable [] hostRoute(@Nullable String host) {
		if (host == null) {
			return null;
		}
		String label = host.split("[.:]", 2)[0];
		int dash = label.indexOf('-');
		if (dash <= 0 || !label.substring(0, dash).chars().allMatch(Character::isDigit)) {
			return null;
		}
		return new String[] { label.substring(0, dash), label.substring(dash + 1) };
	}

	/**
	 * Read a header that holds a count of milliseconds or seconds.
	 * @throws BadRequestException when it is not a whole number of at least 0
	 */
	private static long longHeader(HttpHeaders headers, String name, long fallback) {
		String value = headers.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			long parsed = Long.parseLong(value.trim());
			if (parsed >= 0) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new BadRequestException("header " + name + " must be a whole number of at least 0");
	}

}
