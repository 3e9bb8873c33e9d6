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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.e2bspringboot.local.LocalClient.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control plane of e2b-local, over raw HTTP (PROTOCOL.md 3, 12 and 15).
 */
class ControlPlaneTests {

	private static E2bLocalServer server;

	private static LocalClient client;

	@BeforeAll
	static void start() {
		server = E2bLocalServer.builder().build().start();
		client = new LocalClient(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void createThroughV2AlwaysReturnsAnAccessToken() {
		HttpResponse<byte[]> response = client.control("POST", "/v2/sandboxes", "{\"templateID\":\"base\"}");

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode body = LocalClient.json(response);
		assertThat(body.get("sandboxID").asString()).matches("[a-z0-9]{20}");
		assertThat(body.get("templateID").asString()).matches("[a-z0-9]{20}");
		assertThat(body.get("clientID").asString()).isEqualTo("6532622b");
		assertThat(body.get("envdVersion").asString()).isEqualTo("0.6.4");
		assertThat(body.get("envdAccessToken").asString()).isNotBlank();
	}

	@Test
	void theOlderCreateEndpointHonoursSecure() {
		JsonNode unsecured = LocalClient
			.json(client.control("POST", "/sandboxes", "{\"templateID\":\"base\",\"timeout\":60,\"secure\":false}"));
		JsonNode secured = LocalClient
			.json(client.control("POST", "/sandboxes", "{\"templateID\":\"base\",\"timeout\":60,\"secure\":true}"));

		assertThat(unsecured.has("envdAccessToken")).isFalse();
		assertThat(secured.get("envdAccessToken").asString()).isNotBlank();
	}

	@Test
	void everyCallNeedsTheApiKey() {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<byte[]> missing = send(http, HttpRequest.newBuilder(URI.create(server.url() + "/v2/sandboxes")));
		HttpResponse<byte[]> wrong = send(http,
				HttpRequest.newBuilder(URI.create(server.url() + "/v2/sandboxes")).header("X-API-KEY", "e2b_ffff"));

		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(LocalClient.json(missing).get("code").asInt()).isEqualTo(401);
		assertThat(LocalClient.json(missing).get("message").asString()).contains("X-API-KEY");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(LocalClient.json(wrong).get("message").asString()).isEqualTo("Invalid API key");
	}

	@Test
	void listPagesWithAnOpaqueCursorNewestFirst() throws InterruptedException {
		String tag = "paging-" + System.nanoTime();
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			created.add(client.createSandbox("{\"templateID\":\"base\",\"metadata\":{\"tag\":\"" + tag + "\"}}")
				.get("sandboxID")
				.asString());
			Thread.sleep(5);
		}
		List<String> listed = new ArrayList<>();
		String token = null;
		int pages = 0;
		do {
			String query = "/v2/sandboxes?metadata=" + "tag%3D" + tag + "&limit=1" + ((token != null)
					? "&nextToken=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8) : "");
			HttpResponse<byte[]> page = client.control("GET", query, null);
			assertThat(page.statusCode()).isEqualTo(200);
			JsonNode items = LocalClient.json(page);
			assertThat(items.size()).isEqualTo(1);
			listed.add(items.get(0).get("sandboxID").asString());
			token = page.headers().firstValue("X-Next-Token").orElse(null);
			pages++;
		}
		while (token != null && pages < 10);

		assertThat(pages).isEqualTo(3);
		assertThat(listed).containsExactly(created.get(2), created.get(1), created.get(0));
	}

	@Test
	void listFiltersByTripleEncodedMetadataAndState() {
		String tag = "filter-" + System.nanoTime();
		String id = client
			.createSandbox(
					"{\"templateID\":\"base\",\"metadata\":{\"user\":\"a b\",\"x/y\":\"z&w\",\"tag\":\"" + tag + "\"}}")
			.get("sandboxID")
			.asString();
		client.createSandbox("{\"templateID\":\"base\",\"metadata\":{\"user\":\"other\",\"tag\":\"" + tag + "\"}}");

		// the exact encoding of the JS SDK for {user: "a b", "x/y": "z&w"}
		JsonNode matching = LocalClient.json(client.control("GET",
				"/v2/sandboxes?metadata=user%3Da%252520b%26x%25252Fy%3Dz%252526w&state=running,paused", null));
		assertThat(matching.size()).isEqualTo(1);
		assertThat(matching.get(0).get("sandboxID").asString()).isEqualTo(id);
		assertThat(matching.get(0).get("state").asString()).isEqualTo("running");

		assertThat(client.control("POST", "/sandboxes/" + id + "/pause", "{}").statusCode()).isEqualTo(204);
		JsonNode paused = LocalClient
			.json(client.control("GET", "/v2/sandboxes?metadata=tag%3D" + tag + "&state=paused", null));
		JsonNode running = LocalClient
			.json(client.control("GET", "/v2/sandboxes?metadata=tag%3D" + tag + "&state=running", null));
		assertThat(paused.size()).isEqualTo(1);
		assertThat(paused.get(0).get("state").asString()).isEqualTo("paused");
		assertThat(running.size()).isEqualTo(1);
		assertThat(running.get(0).get("sandboxID").asString()).isNotEqualTo(id);
	}

	@Test
	void orderAscListsOldestFirstPageByPageAndStartedAfterFilters() {
		String tag = "order-" + System.nanoTime();
		List<JsonNode> created = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			created.add(client.createSandbox("{\"templateID\":\"base\",\"metadata\":{\"tag\":\"" + tag + "\"}}"));
		}
		List<String> listed = new ArrayList<>();
		String token = null;
		do {
			String query = "/v2/sandboxes?metadata=tag%3D" + tag + "&order=asc&limit=1" + ((token != null)
					? "&nextToken=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8) : "");
			HttpResponse<byte[]> page = client.control("GET", query, null);
			listed.add(LocalClient.json(page).get(0).get("sandboxID").asString());
			token = page.headers().firstValue("X-Next-Token").orElse(null);
		}
		while (token != null && listed.size() < 10);
		assertThat(listed).containsExactly(created.get(0).get("sandboxID").asString(),
				created.get(1).get("sandboxID").asString(), created.get(2).get("sandboxID").asString());

		String firstStarted = LocalClient
			.json(client.control("GET", "/sandboxes/" + created.get(0).get("sandboxID").asString(), null))
			.get("startedAt")
			.asString();
		JsonNode later = LocalClient.json(
				client.control("GET",
						"/v2/sandboxes?metadata=tag%3D" + tag + "&startedAfter="
								+ java.net.URLEncoder.encode(firstStarted, java.nio.charset.StandardCharsets.UTF_8),
						null));
		assertThat(later.size()).isEqualTo(2);
		assertThat(client.control("GET", "/v2/sandboxes?order=sideways", null).statusCode()).isEqualTo(400);
		assertThat(client.control("GET", "/v2/sandboxes?startedAfter=yesterday", null).statusCode()).isEqualTo(400);
	}

	@Test
	void aTemplateThatDoesNotExistIsNotFoundAndAnIdOrAliasOfOneThatDoesIsFine() {
		HttpResponse<byte[]> unknown = client.control("POST", "/v2/sandboxes", "{\"templateID\":\"no-such-template\"}");

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(LocalClient.json(unknown).get("message").asString())
			.isEqualTo("template 'no-such-template' not found");
		String templateId = client.createSandbox("{\"templateID\":\"base\"}").get("templateID").asString();
		assertThat(client.createSandbox("{\"templateID\":\"" + templateId + "\"}").get("alias").asString())
			.isEqualTo("base");
	}

	@Test
	void anInvalidCursorIsABadRequest() {
		HttpResponse<byte[]> response = client.control("GET", "/v2/sandboxes?nextToken=not-a-token", null);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(LocalClient.json(response).get("message").asString()).isEqualTo("Invalid next token");
	}

	@Test
	void getInfoDescribesASandbox() {
		JsonNode created = client.createSandbox("{\"templateID\":\"base\",\"timeout\":120,\"metadata\":{\"k\":\"v\"}}");
		String id = created.get("sandboxID").asString();

		JsonNode info = LocalClient.json(client.control("GET", "/sandboxes/" + id, null));

		assertThat(info.get("sandboxID").asString()).isEqualTo(id);
		assertThat(info.get("alias").asString()).isEqualTo("base");
		assertThat(info.get("metadata").get("k").asString()).isEqualTo("v");
		assertThat(info.get("state").asString()).isEqualTo("running");
		assertThat(info.get("envdAccessToken").asString()).isEqualTo(created.get("envdAccessToken").asString());
		Instant startedAt = Instant.parse(info.get("startedAt").asString());
		Instant endAt = Instant.parse(info.get("endAt").asString());
		assertThat(Duration.between(startedAt, endAt)).isEqualTo(Duration.ofSeconds(120));
		for (String field : List.of("cpuCount", "memoryMB", "diskSizeMB", "envdVersion", "clientID", "templateID")) {
			assertThat(info.has(field)).as(field).isTrue();
		}
	}

	@Test
	void unknownSandboxesAnswer404WithAJsonBody() {
		for (String[] call : new String[][] { { "GET", "/sandboxes/nope" }, { "DELETE", "/sandboxes/nope" },
				{ "POST", "/sandboxes/nope/timeout" }, { "POST", "/sandboxes/nope/pause" },
				{ "POST", "/v2/sandboxes/nope/connect" }, { "GET", "/sandboxes/nope/metrics" } }) {
			HttpResponse<byte[]> response = client.control(call[0], call[1],
					call[0].equals("POST") ? "{\"timeout\":5}" : null);
			assertThat(response.statusCode()).as(call[1]).isEqualTo(404);
			assertThat(LocalClient.json(response).get("code").asInt()).isEqualTo(404);
			assertThat(LocalClient.json(response).get("message").asString()).contains("nope");
		}
	}

	@Test
	void killRemovesTheSandbox() {
		String id = client.createSandbox("{\"templateID\":\"base\"}").get("sandboxID").asString();

		assertThat(client.control("DELETE", "/sandboxes/" + id, null).statusCode()).isEqualTo(204);
		assertThat(client.control("DELETE", "/sandboxes/" + id, null).statusCode()).isEqualTo(404);
		assertThat(client.control("GET", "/sandboxes/" + id, null).statusCode()).isEqualTo(404);
	}

	@Test
	void setTimeoutMayShortenTheLifetime() {
		String id = client.createSandbox("{\"templateID\":\"base\",\"timeout\":600}").get("sandboxID").asString();

		assertThat(client.control("POST", "/sandboxes/" + id + "/timeout", "{\"timeout\":30}").statusCode())
			.isEqualTo(204);

		Instant endAt = Instant
			.parse(LocalClient.json(client.control("GET", "/sandboxes/" + id, null)).get("endAt").asString());
		assertThat(endAt).isBetween(Instant.now().plusSeconds(25), Instant.now().plusSeconds(31));
	}

	@Test
	void connectExtendsARunningSandboxAndResumesAPausedOne() {
		String id = client.createSandbox("{\"templateID\":\"base\",\"timeout\":600}").get("sandboxID").asString();

		HttpResponse<byte[]> running = client.control("POST", "/v2/sandboxes/" + id + "/connect", "{\"timeout\":10}");
		assertThat(running.statusCode()).isEqualTo(200);
		Instant endAt = Instant
			.parse(LocalClient.json(client.control("GET", "/sandboxes/" + id, null)).get("endAt").asString());
		assertThat(endAt).as("connect never shortens").isAfter(Instant.now().plusSeconds(500));

		assertThat(client.control("POST", "/sandboxes/" + id + "/pause", "{}").statusCode()).isEqualTo(204);
		HttpResponse<byte[]> again = client.control("POST", "/sandboxes/" + id + "/pause", "{}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(LocalClient.json(again).get("code").asInt()).isEqualTo(409);

		HttpResponse<byte[]> resumed = client.control("POST", "/v2/sandboxes/" + id + "/connect", "{}");
		assertThat(resumed.statusCode()).isEqualTo(201);
		assertThat(LocalClient.json(resumed).get("sandboxID").asString()).isEqualTo(id);
		assertThat(LocalClient.json(client.control("GET", "/sandboxes/" + id, null)).get("state").asString())
			.isEqualTo("running");
		assertThat(client.control("POST", "/sandboxes/" + id + "/connect", "{\"timeout\":10}").statusCode())
			.isEqualTo(200);
	}

	@Test
	void sandboxesExpireWhenTheirTimeoutPasses() throws InterruptedException {
		JsonNode created = client.createSandbox("{\"templateID\":\"base\",\"timeout\":1}");
		Sandbox sandbox = Sandbox.of(created);
		assertThat(client.envd(sandbox, "GET", "/health", HttpRequest.BodyPublishers.noBody()).statusCode())
			.isEqualTo(204);

		// the server checks lifetimes every 250 ms: poll rather than guess how long a
		// busy
		// machine takes
		int status = 200;
		for (int i = 0; i < 600 && status == 200; i++) {
			Thread.sleep(100);
			status = client.control("GET", "/sandboxes/" + sandbox.id(), null).statusCode();
		}

		assertThat(status).isEqualTo(404);
		HttpResponse<byte[]> health = client.envd(sandbox, "GET", "/health", HttpRequest.BodyPublishers.noBody());
		assertThat(health.statusCode()).isEqualTo(502);
		assertThat(LocalClient.json(health).get("message").asString()).isEqualTo("The sandbox was not found");
	}

	@Test
	void metricsAreAnArrayOfSamples() {
		String id = client.createSandbox("{\"templateID\":\"base\"}").get("sandboxID").asString();

		JsonNode metrics = LocalClient.json(client.control("GET", "/sandboxes/" + id + "/metrics", null));

		assertThat(metrics.isArray()).isTrue();
		for (String field : List.of("timestamp", "timestampUnix", "cpuCount", "cpuUsedPct", "memUsed", "memTotal",
				"memCache", "diskUsed", "diskTotal")) {
			assertThat(metrics.get(0).has(field)).as(field).isTrue();
		}
	}

	@Test
	void badTimeoutsAndBodiesAreRefusedWithClearMessages() {
		assertThat(LocalClient.json(client.control("POST", "/v2/sandboxes", "{\"templateID\":\"base\",\"timeout\":0}"))
			.get("message")
			.asString()).isEqualTo("Timeout must be greater than 0");
		assertThat(
				LocalClient.json(client.control("POST", "/v2/sandboxes", "{\"templateID\":\"base\",\"timeout\":90000}"))
					.get("message")
					.asString())
			.isEqualTo("Timeout cannot be greater than 24 hours");
		HttpResponse<byte[]> malformed = client.control("POST", "/v2/sandboxes", "{not json");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(LocalClient.json(malformed).get("message").asString()).startsWith("Request body is not valid JSON");
		assertThat(client.control("POST", "/v2/sandboxes", "{}").statusCode()).isEqualTo(400);
	}

	@Test
	void aHugeBodyIsRefusedAndTheServerKeepsServing() {
		String huge = "{\"templateID\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

		HttpResponse<byte[]> response = client.control("POST", "/v2/sandboxes", huge);

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(LocalClient.json(response).get("code").asInt()).isEqualTo(413);
		assertThat(client.control("GET", "/v2/sandboxes?limit=1", null).statusCode()).isEqualTo(200);
	}

	@Test
	void healthNeedsNoKey() {
		HttpResponse<byte[]> response = send(HttpClient.newHttpClient(),
				HttpRequest.newBuilder(URI.create(server.url() + "/health")));

		assertThat(response.statusCode()).isEqualTo(200);
	}

	private static HttpResponse<byte[]> send(HttpClient http, HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

}
