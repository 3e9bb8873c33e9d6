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
package io.github.e2bspringboot.sandbox.code;

/**
 * The scale of a chart's axis, as matplotlib names it.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public enum ScaleType {

	/** A linear scale. */
	LINEAR("linear"),

	/** Dates and times; ticks are ISO-8601 strings. */
	DATETIME("datetime"),

	/** Categories; ticks are strings. */
	CATEGORICAL("categorical"),

	/** A logarithmic scale. */
	LOG("log"),

	/** A symmetric logarithmic scale. */
	SYMLOG("symlog"),

	/** A logit scale. */
	LOGIT("logit"),

	/** A scale given by a function. */
	FUNCTION("function"),

	/** A logarithmic scale given by a function. */
	FUNCTIONLOG("functionlog"),

	/** An inverse hyperbolic sine scale. */
	ASINH("asinh"),

	/** A scale this client does not know. */
	UNKNOWN("unknown");

	private final String value;

	ScaleType(String value) {
		this.value = value;
	}

	/**
	 * Return the name matplotlib uses.
	 * @return the name, such as {@code log}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Return the scale of a name matplotlib uses.
	 * @param value the name
	 * @return the scale, {@link #UNKNOWN} for a name it does not know
	 */
	public static ScaleType fromValue(String value) {
		for (ScaleType type : values()) {
			if (type.value.equals(value)) {
				return type;
			}
		}
		return UNKNOWN;
	}

}
