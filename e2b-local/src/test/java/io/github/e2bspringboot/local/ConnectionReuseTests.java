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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer leaves its keep-alive connection ready for the next request, also the
 * answers given before the request was read (health, refusals): a server that answered
 * before the end of a request arrived left the next request on that connection unread
 * until the client gave up, which a busy machine made likely.
 */
class ConnectionReuseTests {

	private static final int ROUNDS = 1000;

	@Test
	void theRequestAfterAnEarlyAnswerIsServed() throws Exception {
		try (E2bLocalServer server = E2bLocalServer.builder().build().start()) {
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String id = LocalClient
				.json(new LocalClient(server).control("POST", "/v2/sandboxes", "{\"templateID\":\"base\"}"))
				.get("sandboxID")
				.asString();
			HttpRequest[] earlyAnswers = { envd(server, id, "GET", "/health", null),
					envd(server, id, "POST", "/process.Process/List", "{}"), envd(server, id, "PUT", "/files", "x"),
					envd(server, "not-a-sandbox", "GET", "/health", null) };
			HttpRequest next = HttpRequest.newBuilder(URI.create(server.url() + "/sandboxes/" + id))
				.header("X-API-KEY", server.apiKey())
				.timeout(Duration.ofSeconds(30))
				.build();

			for (int round = 0; round < ROUNDS; round++) {
				HttpRequest early = earlyAnswers[round % earlyAnswers.length];
				assertThat(http.send(early, HttpResponse.BodyHandlers.discarding()).statusCode()).isIn(204, 401, 405,
						502);
				// a hang here is the bug: the timeout only bounds it
				assertThat(http.send(next, HttpResponse.BodyHandlers.discarding()).statusCode())
					.as("round %d, after %s %s", round, early.method(), early.uri().getPath())
					.isEqualTo(200);
			}
		}
	}

	private static HttpRequest envd(E2bLocalServer server, String sandboxId, String method, String path, String body) {
		return HttpRequest.newBuilder(URI.create(server.url() + path))
			.header("E2b-Sandbox-Id", sandboxId)
			.header("E2b-Sandbox-Port", "49983")
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
	}

}
