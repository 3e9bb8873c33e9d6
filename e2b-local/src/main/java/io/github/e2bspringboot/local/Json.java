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

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON reading and writing for the server. Responses are built as ordered maps so keys go
 * out in a stable, readable order.
 */
final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private Json() {
	}

	static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	/**
	 * Parse a JSON object.
	 * @throws BadRequestException when the body is not a JSON object
	 */
	static JsonNode readObject(byte[] body) {
		if (body.length == 0) {
			return MAPPER.createObjectNode();
		}
		try {
			JsonNode node = MAPPER.readTree(body);
			if (node == null || !node.isObject()) {
				throw new BadRequestException("Request body must be a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new BadRequestException("Request body is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	/**
	 * Build an ordered map from alternating keys and values, skipping null values.
	 */
	static Map<String, Object> obj(@Nullable Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			Object value = keysAndValues[i + 1];
			if (value != null) {
				map.put(String.valueOf(keysAndValues[i]), value);
			}
		}
		return map;
	}

	static Map<String, String> stringMap(JsonNode node, String field) {
		JsonNode value = node.get(field);
		Map<String, String> map = new LinkedHashMap<>();
		if (value == null || value.isNull()) {
			return map;
		}
		if (!value.isObject()) {
			throw new BadRequestException("'" + field + "' must be an object of strings");
		}
		for (Map.Entry<String, JsonNode> entry : value.properties()) {
			if (!entry.getValue().isString()) {
				throw new BadRequestException("'" + field + "." + entry.getKey() + "' must be a string");
			}
			map.put(entry.getKey(), entry.getValue().stringValue());
		}
		return map;
	}

	static String text(JsonNode node, String field, String fallback) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return fallback;
		}
		if (!value.isString()) {
			throw new BadRequestException("'" + field + "' must be a string");
		}
		return value.stringValue();
	}

	/**
	 * Read a whole number, as the API takes seconds, depths and pids.
	 * @throws BadRequestException for a fraction, a number beyond the range of a long
	 * (such as {@code 1e400}), or anything that is not a number
	 */
	static long number(JsonNode node, String field, long fallback) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return fallback;
		}
		if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToLong()) {
			return value.asLong();
		}
		if (value.isString()) {
			try {
				return Long.parseLong(value.stringValue());
			}
			catch (NumberFormatException ex) {
				// fall through
			}
		}
		throw new BadRequestException("'" + field + "' must be a whole number within range");
	}

	static boolean bool(JsonNode node, String field, boolean fallback) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return fallback;
		}
		if (!value.isBoolean()) {
			throw new BadRequestException("'" + field + "' must be a boolean");
		}
		return value.asBoolean();
	}

}
