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
package io.github.e2bspringboot.ai;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a tool's JSON arguments into its input record, strictly: unknown arguments, wrong
 * types and anything but one JSON object are {@link ToolArgumentException}s that name the
 * tool's parameters.
 *
 * @param <I> the input record type
 * @author e2b-spring-boot contributors
 */
final class ToolArguments<I extends Record> {

	// strict where Jackson 3 is lenient by default: a misspelt argument must not be
	// silently dropped
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final int MAX_QUOTED_CHARS = 200;

	private final String toolName;

	private final Class<I> type;

	private final List<RecordComponent> parameters;

	ToolArguments(String toolName, Class<I> type) {
		this.toolName = toolName;
		this.type = type;
		this.parameters = Arrays.asList(type.getRecordComponents());
	}

	I read(@Nullable String json) {
		if (json == null || json.isBlank()) {
			throw new ToolArgumentException(this.toolName + " got no arguments; " + expected());
		}
		I input;
		try {
			input = MAPPER.readValue(json, this.type);
		}
		catch (UnrecognizedPropertyException ex) {
			throw new ToolArgumentException("unknown argument '" + quote(ex.getPropertyName()) + "'; " + this.toolName
					+ " takes only " + parameterNames());
		}
		catch (MismatchedInputException | InputCoercionException ex) {
			String name = propertyName(ex);
			if (name == null) {
				throw new ToolArgumentException("the arguments are not a JSON object; " + expected());
			}
			throw new ToolArgumentException(
					"argument '" + quote(name) + "' has the wrong type; it must be " + typeDescription(name));
		}
		catch (JacksonException ex) {
			throw new ToolArgumentException(
					"the arguments are not valid JSON (" + quote(ex.getOriginalMessage()) + "); " + expected());
		}
		if (input == null) {
			throw new ToolArgumentException("the arguments are not a JSON object; " + expected());
		}
		return input;
	}

	private String expected() {
		return "send one JSON object with " + parameterNames();
	}

	private String parameterNames() {
		return this.parameters.stream()
			.map((parameter) -> parameter.getName() + " (" + typeDescription(parameter.getName()) + ")")
			.collect(Collectors.joining(", "));
	}

	private String typeDescription(String name) {
		for (RecordComponent parameter : this.parameters) {
			if (parameter.getName().equals(name)) {
				return (parameter.getType() == String.class) ? "a string" : "an integer";
			}
		}
		return "something else";
	}

	private static @Nullable String propertyName(JacksonException ex) {
		List<JacksonException.Reference> path = ex.getPath();
		return path.isEmpty() ? null : path.get(0).getPropertyName();
	}

	private static String quote(@Nullable String text) {
		if (text == null) {
			return "";
		}
		// what a model sent is echoed only in part
		return (text.length() > MAX_QUOTED_CHARS) ? text.substring(0, MAX_QUOTED_CHARS) + "..." : text;
	}

}
