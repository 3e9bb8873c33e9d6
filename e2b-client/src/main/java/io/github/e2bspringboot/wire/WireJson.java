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

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.github.e2bspringboot.sandbox.SandboxInfo;
import io.github.e2bspringboot.sandbox.SandboxMetrics;
import io.github.e2bspringboot.sandbox.SandboxState;
import io.github.e2bspringboot.sandbox.files.WriteInfo;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.e2bspringboot.errors.E2bException;

/**
 * JSON shapes of the control plane and envd, and their mapping to the public types.
 * Request bodies are built as ordered maps so that keys go out in the order the official
 * JS SDK uses.
 *
 * @author e2b-spring-boot contributors
 */
final class WireJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private WireJson() {
	}

	static byte[] write(Object body) {
		return MAPPER.writeValueAsBytes(body);
	}

	static <T> T read(byte[] body, Class<T> type) {
		try {
			return MAPPER.readValue(body, type);
		}
		catch (JacksonException ex) {
			throw new E2bException("Unexpected response from E2B: " + ex.getOriginalMessage(), null, ex);
		}
	}

	static <T> T read(byte[] body, TypeReference<T> type) {
		try {
			return MAPPER.readValue(body, type);
		}
		catch (JacksonException ex) {
			throw new E2bException("Unexpected response from E2B: " + ex.getOriginalMessage(), null, ex);
		}
	}

	static JsonNode tree(byte[] body) {
		try {
			return MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw new E2bException("Unexpected response from the sandbox: " + ex.getOriginalMessage(), null, ex);
		}
	}

	/**
	 * Return the string {@code code} of a Connect error body, or {@code null}.
	 */
	static @Nullable String connectCode(byte[] body) {
		try {
			JsonNode code = MAPPER.readTree(body).get("code");
			return (code != null && code.isString()) ? code.stringValue() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Return the {@code message} of a JSON error body, else the body as text, else
	 * {@code null}.
	 */
	static @Nullable String errorMessage(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			JsonNode node = MAPPER.readTree(body);
			JsonNode message = node.get("message");
			if (message != null && message.isString() && !message.stringValue().isEmpty()) {
				return message.stringValue();
			}
		}
		catch (JacksonException ex) {
			// not JSON: the raw text is the message
		}
		return new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
	}

	/**
	 * Return the integer {@code code} of a JSON error body, or {@code null}.
	 */
	static @Nullable Integer errorCode(byte[] body) {
		try {
			JsonNode code = MAPPER.readTree(body).get("code");
			return (code != null && code.isNumber()) ? code.asInt() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	static Instant instant(String value) {
		// E2B writes UTC with a Z; the general offset parser is the slower fallback
		return value.endsWith("Z") ? Instant.parse(value) : OffsetDateTime.parse(value).toInstant();
	}

	/**
	 * The body of a create, field by field in the order the JS SDK sends them
	 * (PROTOCOL.md 3.1); unset fields are left out.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CreateSandboxRequest(@Nullable String templateID, @Nullable Map<String, String> metadata,
			@Nullable Map<String, String> envVars, @Nullable Long timeout, @Nullable Boolean secure,
			@JsonProperty("allow_internet_access") @Nullable Boolean allowInternetAccess, @Nullable Boolean autoPause) {
	}

	/**
	 * The body of a connect or a timeout change.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TimeoutRequest(@Nullable Long timeout) {
	}

	record SandboxJson(String templateID, String sandboxID, @Nullable String envdVersion,
			@Nullable String envdAccessToken, @Nullable String domain) {

		CreatedSandbox toCreatedSandbox() {
			return new CreatedSandbox(this.sandboxID, this.templateID,
					(this.envdVersion != null) ? this.envdVersion : "0.0.0", this.envdAccessToken,
					(this.domain != null && !this.domain.isEmpty()) ? this.domain : null);
		}

	}

	record ListedSandboxJson(String templateID, @Nullable String alias, String sandboxID, String startedAt,
			String endAt, @Nullable Integer cpuCount, @Nullable Integer memoryMB, @Nullable Integer diskSizeMB,
			@Nullable Map<String, String> metadata, String state, @Nullable String envdVersion) {

		static final TypeReference<List<ListedSandboxJson>> LIST = new TypeReference<>() {
		};

		SandboxInfo toSandboxInfo() {
			return new SandboxInfo(this.sandboxID, this.templateID, this.alias,
					(this.metadata != null) ? this.metadata : Map.of(), instant(this.startedAt), instant(this.endAt),
					SandboxState.fromValue(this.state), orZero(this.cpuCount), orZero(this.memoryMB),
					orZero(this.diskSizeMB), (this.envdVersion != null) ? this.envdVersion : "");
		}

	}

	record MetricJson(@Nullable String timestamp, @Nullable Long timestampUnix, @Nullable Integer cpuCount,
			@Nullable Double cpuUsedPct, @Nullable Long memUsed, @Nullable Long memTotal, @Nullable Long memCache,
			@Nullable Long diskUsed, @Nullable Long diskTotal) {

		static final TypeReference<List<MetricJson>> LIST = new TypeReference<>() {
		};

		SandboxMetrics toSandboxMetrics() {
			Instant time = (this.timestampUnix != null) ? Instant.ofEpochSecond(this.timestampUnix)
					: (this.timestamp != null) ? instant(this.timestamp) : Instant.EPOCH;
			return new SandboxMetrics(time, orZero(this.cpuCount), (this.cpuUsedPct != null) ? this.cpuUsedPct : 0,
					orZero(this.memUsed), orZero(this.memTotal), orZero(this.memCache), orZero(this.diskUsed),
					orZero(this.diskTotal));
		}

	}

	record EntryJson(String path, String name, @Nullable String type, @Nullable Map<String, String> metadata) {

		static final TypeReference<List<EntryJson>> LIST = new TypeReference<>() {
		};

		WriteInfo toWriteInfo() {
			return new WriteInfo(this.name, this.type, this.path, (this.metadata != null) ? this.metadata : Map.of());
		}

	}

	private static int orZero(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

	private static long orZero(@Nullable Long value) {
		return (value != null) ? value : 0;
	}

}
