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
 * The kinds of chart the code interpreter extracts from a matplotlib figure.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public enum ChartType {

	/** A line chart. */
	LINE("line"),

	/** A scatter chart. */
	SCATTER("scatter"),

	/** A bar chart. */
	BAR("bar"),

	/** A pie chart. */
	PIE("pie"),

	/** A box-and-whisker chart. */
	BOX_AND_WHISKER("box_and_whisker"),

	/** A figure of several charts. */
	SUPERCHART("superchart"),

	/** A chart the interpreter could not classify. */
	UNKNOWN("unknown");

	private final String value;

	ChartType(String value) {
		this.value = value;
	}

	/**
	 * Return the name the code interpreter uses.
	 * @return the name, such as {@code box_and_whisker}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Return the type of a name the code interpreter uses.
	 * @param value the name
	 * @return the type, {@link #UNKNOWN} for a name it does not know
	 */
	public static ChartType fromValue(String value) {
		for (ChartType type : values()) {
			if (type.value.equals(value)) {
				return type;
			}
		}
		return UNKNOWN;
	}

}
