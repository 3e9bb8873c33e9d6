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

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The REST control plane of E2B (PROTOCOL.md sections 3 and 15): creating, listing,
 * connecting to, timing out, pausing and killing sandboxes.
 */
final class ControlPlane {

	static final String ENVD_VERSION = "0.6.4";

	private static final String CLIENT_ID = "6532622b";

	private static final long MAX_TIMEOUT_SECONDS = Duration.ofHours(24).toSeconds();

	private static final int DEFAULT_V2_TIMEOUT = 300;

	private static final int DEFAULT_V1_TIMEOUT = 15;

	private final ServerContext context;

	ControlPlane(ServerContext context) {
		this.context = context;
	}

	/**
	 * Answer one control-plane request.
	 * @param method the HTTP method
	 * @param path the decoded path
	 * @param query the decoded query parameters
	 * @param apiKey the X-API-KEY header, if any
	 * @param body the request body
	 * @return the reply
	 */
	Reply handle(String method, String path, Map<String, List<String>> query, @Nullable String apiKey, byte[] body)
			throws IOException {
		if (path.equals("/health")) {
			return Reply.text(200, "Health check successful");
		}
		if (apiKey == null || apiKey.isEmpty()) {
			return Reply.error(401, "Missing API key: send it in the X-API-KEY header");
		}
		if (!MessageDigest.isEqual(apiKey.getBytes(StandardCharsets.UTF_8),
				this.context.apiKey().getBytes(StandardCharsets.UTF_8))) {
			return Reply.error(401, "Invalid API key");
		}
		String[] parts = path.substring(1).split("/", -1);
		boolean v2 = parts.length > 0 && parts[0].equals("v2");
		int offset = v2 ? 1 : 0;
		if (parts.length <= offset || !parts[offset].equals("sandboxes")) {
			return Reply.error(404, "Not found: " + path);
		}
		int rest = parts.length - offset - 1;
		if (rest == 0) {
			return switch (method) {
				case "POST" -> create(Json.readObject(body), v2);
				case "GET" -> v2 ? list(query) : listRunning();
				default -> methodNotAllowed(method, path);
			};
		}
		String id = parts[offset + 1];
		if (rest == 1 && !v2) {
			return switch (method) {
				case "GET" -> getInfo(id);
				case "DELETE" -> kill(id);
				default -> methodNotAllowed(method, path);
			};
		}
		if (rest == 2 && method.equals("POST")) {
			String action = parts[offset + 2];
			if (action.equals("connect")) {
				return connect(id, Json.readObject(body));
			}
			if (!v2) {
				switch (action) {
					case "timeout":
						return setTimeout(id, Json.readObject(body));
					case "pause":
						return pause(id);
					case "resume":
						return resume(id, Json.readObject(body));
					default:
						break;
				}
			}
		}
		if (rest == 2 && method.equals("GET") && !v2 && parts[offset + 2].equals("metrics")) {
			return metrics(id);
		}
		return Reply.error(404, "Not found: " + method + " " + path);
	}

	private Reply create(JsonNode body, boolean v2) throws IOException {
		String requested = Json.text(body, "templateID", "");
		if (requested.isBlank()) {
			return Reply.error(400, "templateID is required");
		}
		Template template = knownTemplate(requested);
		if (template == null) {
			return Reply.error(404, "template '" + requested + "' not found");
		}
		long timeout = Json.number(body, "timeout", v2 ? DEFAULT_V2_TIMEOUT : DEFAULT_V1_TIMEOUT);
		Reply invalid = checkTimeout(timeout);
		if (invalid != null) {
			return invalid;
		}
		// every sandbox created through the v2 endpoint is secured
		boolean secure = v2 || Json.bool(body, "secure", false);
		LocalSandbox sandbox = this.context.registry()
			.create(template, Json.stringMap(body, "metadata"),
					Environment.checked(Json.stringMap(body, "envVars"), Map.of(), this.context.limits()), secure,
					Json.bool(body, "allow_internet_access", true), Json.bool(body, "autoPause", false),
					Duration.ofSeconds(timeout));
		if (template.servesCode()) {
			sandbox.enableCodeInterpreter(this.context.executor(), this.context.limits().codeContexts())
				.startInBackground();
		}
		return Reply.json(201, sandboxBody(sandbox));
	}

	private Reply list(Map<String, List<String>> query) {
		Map<String, String> metadata;
		try {
			metadata = metadataFilter(first(query, "metadata"));
		}
		catch (IllegalArgumentException ex) {
			return Reply.error(400, "Invalid metadata filter: " + ex.getMessage());
		}
		Set<LocalSandbox.State> states = EnumSet.noneOf(LocalSandbox.State.class);
		String stateParameter = first(query, "state");
		if (stateParameter != null && !stateParameter.isEmpty()) {
			for (String state : stateParameter.split(",")) {
				switch (state.trim()) {
					case "running" -> states.add(LocalSandbox.State.RUNNING);
					case "paused" -> states.add(LocalSandbox.State.PAUSED);
					default -> {
						return Reply.error(400, "Invalid state '" + state + "'");
					}
				}
			}
		}
		else {
			states.add(LocalSandbox.State.RUNNING);
			states.add(LocalSandbox.State.PAUSED);
		}
		int limit = 100;
		String limitParameter = first(query, "limit");
		if (limitParameter != null) {
			try {
				limit = Math.min(100, Integer.parseInt(limitParameter));
			}
			catch (NumberFormatException ex) {
				return Reply.error(400, "Invalid limit '" + limitParameter + "'");
			}
			if (limit < 1) {
				return Reply.error(400, "limit must be at least 1");
			}
		}
		String orderParameter = first(query, "order");
		boolean ascending;
		if (orderParameter == null || orderParameter.isEmpty() || orderParameter.equals("desc")) {
			ascending = false;
		}
		else if (orderParameter.equals("asc")) {
			ascending = true;
		}
		else {
			return Reply.error(400, "Invalid order '" + orderParameter + "': expected 'asc' or 'desc'");
		}
		Instant startedAfter = null;
		String startedAfterParameter = first(query, "startedAfter");
		if (startedAfterParameter != null && !startedAfterParameter.isEmpty()) {
			try {
				startedAfter = OffsetDateTime.parse(startedAfterParameter).toInstant();
			}
			catch (DateTimeParseException ex) {
				return Reply.error(400, "Invalid startedAfter '" + startedAfterParameter + "': expected RFC 3339");
			}
		}
		Cursor after = null;
		String token = first(query, "nextToken");
		if (token != null && !token.isEmpty()) {
			after = Cursor.decode(token);
			if (after == null || after.ascending() != ascending) {
				return Reply.error(400, "Invalid next token");
			}
		}
		String template = first(query, "template");
		Comparator<SandboxRegistry.ListKey> keys = ascending ? SandboxRegistry.NEWEST_FIRST.reversed()
				: SandboxRegistry.NEWEST_FIRST;
		Comparator<LocalSandbox> order = Comparator.comparing(LocalSandbox::listKey, keys);
		List<LocalSandbox> matching = new ArrayList<>();
		for (LocalSandbox sandbox : this.context.registry().all()) {
			if (states.contains(sandbox.state()) && sandbox.metadata().entrySet().containsAll(metadata.entrySet())
					&& (template == null || template.isEmpty() || template.equals(sandbox.template())
							|| template.equals(templateId(sandbox.template())))
					&& (startedAfter == null || sandbox.startedAt().isAfter(startedAfter))
					&& (after == null || keys.compare(after.key(), sandbox.listKey()) < 0)) {
				matching.add(sandbox);
			}
		}
		matching.sort(order);
		List<Object> page = new ArrayList<>();
		for (LocalSandbox sandbox : matching.subList(0, Math.min(limit, matching.size()))) {
			page.add(listedBody(sandbox));
		}
		Reply reply = Reply.json(200, page);
		if (matching.size() > limit) {
			reply = reply.withHeader("X-Next-Token", Cursor.of(matching.get(limit - 1), ascending).encode());
		}
		return reply;
	}

	private Reply listRunning() {
		List<Object> running = new ArrayList<>();
		this.context.registry()
			.all()
			.stream()
			.filter(LocalSandbox::isRunning)
			.sorted(Comparator.comparing(LocalSandbox::listKey, SandboxRegistry.NEWEST_FIRST))
			.forEach((sandbox) -> running.add(listedBody(sandbox)));
		return Reply.json(200, running);
	}

	private Reply getInfo(String id) {
		LocalSandbox sandbox = this.context.registry().find(id);
		if (sandbox == null) {
			return notFound(id);
		}
		Map<String, Object> body = listedBody(sandbox);
		body.put("envdAccessToken", sandbox.accessToken());
		body.put("allowInternetAccess", sandbox.allowInternetAccess());
		body.put("domain", null);
		body.put("lifecycle", Json.obj("autoResume", false, "onTimeout", sandbox.autoPause() ? "pause" : "kill"));
		return Reply.json(200, body);
	}

	private Reply kill(String id) {
		return this.context.registry().kill(id) ? Reply.empty(204) : notFound(id);
	}

	private Reply setTimeout(String id, JsonNode body) {
		LocalSandbox sandbox = this.context.registry().find(id);
		if (sandbox == null) {
			return notFound(id);
		}
		long timeout = Json.number(body, "timeout", 0);
		Reply invalid = checkTimeout(timeout);
		if (invalid != null) {
			return invalid;
		}
		sandbox.setEndAt(Instant.now().plusSeconds(timeout));
		return Reply.empty(204);
	}

	private Reply connect(String id, JsonNode body) {
		LocalSandbox sandbox = this.context.registry().find(id);
		if (sandbox == null) {
			return notFound(id);
		}
		Long timeout = body.has("timeout") ? Json.number(body, "timeout", 0) : null;
		if (timeout != null) {
			Reply invalid = checkTimeout(timeout);
			if (invalid != null) {
				return invalid;
			}
		}
		synchronized (sandbox) {
			if (sandbox.isRunning()) {
				if (timeout != null) {
					// connecting only ever extends a running sandbox's life
					Instant requested = Instant.now().plusSeconds(timeout);
					if (requested.isAfter(sandbox.endAt())) {
						sandbox.setEndAt(requested);
					}
				}
				return Reply.json(200, sandboxBody(sandbox));
			}
			sandbox.resume(Instant.now().plusSeconds((timeout != null) ? timeout : DEFAULT_V2_TIMEOUT));
			return Reply.json(201, sandboxBody(sandbox));
		}
	}

	private Reply resume(String id, JsonNode body) {
		LocalSandbox sandbox = this.context.registry().find(id);
		if (sandbox == null) {
			return notFound(id);
		}
		if (sandbox.isRunning()) {
			return Reply.error(409, "Sandbox \"" + id + "\" is already running");
		}
		long timeout = Json.number(body, "timeout", DEFAULT_V1_TIMEOUT);
		Reply invalid = checkTimeout(timeout);
		if (invalid != null) {
			return invalid;
		}
		sandbox.resume(Instant.now().plusSeconds(timeout));
		return Reply.json(201, sandboxBody(sandbox));
	}

	private Reply pause(String id) {
		LocalSandbox sandbox = this.context.registry().find(id);
		if (sandbox == null) {
			return notFound(id);
		}
		synchronized (sandbox) {
			if (!sandbox.isRunning()) {
				return Reply.error(409, "Sandbox \"" + id + "\" is already paused");
			}
			sandbox.pause();
		}
		return Reply.empty(204);
	}

	private Reply metrics(String id) {
		LocalSandbox sandbox = this.context.registry().find(id);
		if (sandbox == null) {
			return notFound(id);
		}
		Instant now = Instant.now();
		Map<String, Object> sample = Json.obj("timestamp", DateTimeFormatter.ISO_INSTANT.format(now), "timestampUnix",
				now.getEpochSecond(), "cpuCount", Runtime.getRuntime().availableProcessors(), "cpuUsedPct", 0.0,
				"memUsed", 0L, "memTotal", 512L * 1024 * 1024, "memCache", 0L, "diskUsed", sandbox.diskUsed(),
				"diskTotal", this.context.limits().diskBytes());
		return Reply.json(200, List.of(sample));
	}

	private Map<String, Object> sandboxBody(LocalSandbox sandbox) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("templateID", templateId(sandbox.template()));
		body.put("sandboxID", sandbox.id());
		body.put("alias", sandbox.template());
		body.put("clientID", CLIENT_ID);
		body.put("envdVersion", ENVD_VERSION);
		if (sandbox.accessToken() != null) {
			body.put("envdAccessToken", sandbox.accessToken());
		}
		body.put("domain", null);
		return body;
	}

	private Map<String, Object> listedBody(LocalSandbox sandbox) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("templateID", templateId(sandbox.template()));
		body.put("alias", sandbox.template());
		body.put("sandboxID", sandbox.id());
		body.put("clientID", CLIENT_ID);
		body.put("startedAt", DateTimeFormatter.ISO_INSTANT.format(sandbox.startedAt()));
		body.put("endAt", DateTimeFormatter.ISO_INSTANT.format(sandbox.endAt()));
		body.put("cpuCount", 2);
		body.put("memoryMB", 512);
		body.put("diskSizeMB", this.context.limits().diskBytes() / (1024 * 1024));
		body.put("metadata", sandbox.metadata());
		body.put("state", (sandbox.state() == LocalSandbox.State.PAUSED) ? "paused" : "running");
		body.put("envdVersion", ENVD_VERSION);
		body.put("volumeMounts", List.of());
		return body;
	}

	private static @Nullable Reply checkTimeout(long timeout) {
		if (timeout <= 0) {
			return Reply.error(400, "Timeout must be greater than 0");
		}
		if (timeout > MAX_TIMEOUT_SECONDS) {
			return Reply.error(400, "Timeout cannot be greater than 24 hours");
		}
		return null;
	}

	private static Reply notFound(String id) {
		return Reply.error(404, "Sandbox \"" + id + "\" doesn't exist or you don't have access to it");
	}

	private static Reply methodNotAllowed(String method, String path) {
		return Reply.error(405, "Method " + method + " is not allowed on " + path);
	}

	private static @Nullable String first(Map<String, List<String>> query, String name) {
		List<String> values = query.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * Decode the metadata filter: the HTTP layer decoded it once, the whole string and
	 * then each key and value are decoded again (PROTOCOL.md 3.4).
	 */
	static Map<String, String> metadataFilter(@Nullable String parameter) {
		Map<String, String> metadata = new LinkedHashMap<>();
		if (parameter == null || parameter.isEmpty()) {
			return metadata;
		}
		for (String pair : URLDecoder.decode(parameter, StandardCharsets.UTF_8).split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			metadata.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return metadata;
	}

	/**
	 * Return the name of the template an alias or template ID names, or {@code null} when
	 * no such template exists.
	 */
	private @Nullable Template knownTemplate(String aliasOrId) {
		for (String name : this.context.templates().names()) {
			if (name.equals(aliasOrId) || templateId(name).equals(aliasOrId)) {
				return this.context.templates().find(name);
			}
		}
		return null;
	}

	static String templateId(String template) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(template.getBytes(StandardCharsets.UTF_8));
			String hex = HexFormat.of().formatHex(digest);
			StringBuilder id = new StringBuilder();
			for (int i = 0; id.length() < 20; i++) {
				char c = hex.charAt(i);
				// map hex onto [a-z0-9] like E2B's template IDs
				id.append((c <= '9') ? c : (char) ('g' + (c - 'a') + (i % 10)));
			}
			return id.toString();
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The position after a listed sandbox: its start time, ID and the direction of the
	 * walk, as an opaque token shaped like E2B's ({@code <startedAt>__<id>[__asc]}).
	 */
	record Cursor(Instant startedAt, String id, boolean ascending) {

		private static final String ASCENDING = "__asc";

		static Cursor of(LocalSandbox sandbox, boolean ascending) {
			return new Cursor(sandbox.startedAt(), sandbox.id(), ascending);
		}

		static @Nullable Cursor decode(String token) {
			try {
				String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
				boolean ascending = text.endsWith(ASCENDING);
				if (ascending) {
					text = text.substring(0, text.length() - ASCENDING.length());
				}
				int separator = text.indexOf("__");
				if (separator < 0) {
					return null;
				}
				return new Cursor(Instant.parse(text.substring(0, separator)), text.substring(separator + 2),
						ascending);
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

		String encode() {
			String text = DateTimeFormatter.ISO_INSTANT.format(this.startedAt) + "__" + this.id
					+ (this.ascending ? ASCENDING : "");
			return Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
		}

		SandboxRegistry.ListKey key() {
			return new SandboxRegistry.ListKey(this.startedAt, this.id);
		}

	}

}
