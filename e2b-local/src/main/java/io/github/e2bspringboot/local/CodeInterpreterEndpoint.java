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

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Port 49999 of a code-interpreter sandbox, as E2B's code-interpreter template serves it:
 * {@code /health}, {@code POST /execute} (a stream of JSON lines) and {@code /contexts}.
 * Errors are plain text, as there.
 */
final class CodeInterpreterEndpoint {

	/** The port the code interpreter listens on in an E2B sandbox. */
	static final String PORT = "49999";

	/** E2B's server sends a keepalive line after this much silence. */
	static final Duration KEEPALIVE = Duration.ofSeconds(5);

	private static final Map<String, String> KEEPALIVE_LINE = Map.of("type", "keepalive");

	/**
	 * JSON lines, ended by {@code end_of_execution}; a failure is an error line first.
	 */
	static final EventStream.Framing JSON_LINES = new EventStream.Framing() {

		@Override
		public byte[] message(Object message) {
			return line(message);
		}

		@Override
		public byte[] end() {
			return line(Map.of("type", "end_of_execution"));
		}

		@Override
		public byte[] failure(String code, String message) {
			byte[] error = line(Json.obj("type", "error", "name", code, "value", message, "traceback", ""));
			byte[] end = end();
			byte[] both = Arrays.copyOf(error, error.length + end.length);
			System.arraycopy(end, 0, both, error.length, end.length);
			return both;
		}

		private byte[] line(Object message) {
			byte[] json = Json.write(message);
			byte[] line = Arrays.copyOf(json, json.length + 1);
			line[json.length] = '\n';
			return line;
		}

	};

	private final ServerContext context;

	CodeInterpreterEndpoint(ServerContext context) {
		this.context = context;
	}

	/**
	 * Answer a request that has no body to stream back.
	 * @param sandbox the sandbox
	 * @param method the HTTP method
	 * @param path the path
	 * @param body the request body
	 * @return the answer
	 */
	Reply handle(LocalSandbox sandbox, String method, String path, byte[] body) {
		CodeInterpreter interpreter = interpreter(sandbox);
		try {
			if (path.equals("/health") && method.equals("GET")) {
				return Reply.json(200, "OK");
			}
			if (path.equals("/contexts")) {
				if (method.equals("GET")) {
					return Reply.json(200,
							interpreter.contexts().stream().map(CodeInterpreter.Context::toJson).toList());
				}
				if (method.equals("POST")) {
					JsonNode request = Json.readObject(body);
					String requested = Json.text(request, "language", "");
					String language = requested.isBlank() ? "python" : language(requested);
					String cwd = Json.text(request, "cwd", CodeInterpreter.DEFAULT_CWD);
					return Reply.json(200, interpreter.create(language, cwd).toJson());
				}
			}
			List<String> parts = List.of(path.split("/"));
			if (parts.size() == 3 && parts.get(1).equals("contexts") && method.equals("DELETE")) {
				interpreter.remove(parts.get(2));
				return Reply.json(200, NullNode.getInstance());
			}
			if (parts.size() == 4 && parts.get(1).equals("contexts") && parts.get(3).equals("restart")
					&& method.equals("POST")) {
				interpreter.restart(parts.get(2));
				return Reply.json(200, NullNode.getInstance());
			}
			return Reply.text(404, "Not Found: " + method + " " + path);
		}
		catch (BadRequestException ex) {
			return Reply.text(ex.status(), ex.getMessage());
		}
	}

	/**
	 * Start an execution, checking the request first.
	 * @param sandbox the sandbox
	 * @param body the request body
	 * @return the lines of the execution
	 * @throws BadRequestException (400, 404, 500) before anything runs
	 */
	Flux<byte[]> execute(LocalSandbox sandbox, byte[] body) {
		JsonNode request = Json.readObject(body);
		JsonNode code = request.get("code");
		if (code == null || !code.isString()) {
			throw new BadRequestException("'code' is required and must be a string");
		}
		String contextId = Json.text(request, "context_id", "");
		String requestedLanguage = Json.text(request, "language", "");
		if (!contextId.isEmpty() && !requestedLanguage.isEmpty()) {
			throw new BadRequestException("Only one of context_id or language can be given, not both");
		}
		Map<String, String> env = Json.stringMap(request, "env_vars");
		Environment.checked(sandbox.envs(), env, this.context.limits());
		CodeInterpreter interpreter = interpreter(sandbox);
		CodeInterpreter.Context target = !contextId.isEmpty() ? interpreter.context(contextId)
				: interpreter.defaultContext(requestedLanguage.isEmpty() ? "python" : language(requestedLanguage));
		return EventStream.create(JSON_LINES, this.context.scheduler(), KEEPALIVE, KEEPALIVE_LINE, sandbox.streams(),
				(stream) -> interpreter.execute(target, code.stringValue(), env, stream));
	}

	private static CodeInterpreter interpreter(LocalSandbox sandbox) {
		CodeInterpreter interpreter = sandbox.codeInterpreter();
		if (interpreter == null) {
			throw new BadRequestException(502, "unavailable", "The sandbox is running but port is not open");
		}
		return interpreter;
	}

	/**
	 * Normalise a language as E2B's server does; TypeScript runs on the JavaScript
	 * kernel.
	 */
	static String language(String requested) {
		String language = requested.trim().toLowerCase(Locale.ROOT);
		return switch (language) {
			case "js", "ts", "typescript" -> "javascript";
			default -> language;
		};
	}

}
