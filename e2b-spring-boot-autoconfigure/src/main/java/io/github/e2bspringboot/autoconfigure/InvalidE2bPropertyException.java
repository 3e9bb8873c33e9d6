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
package io.github.e2bspringboot.autoconfigure;

/**
 * Thrown at startup when an {@code e2b.*} property has a value the starter cannot use.
 * Its message names the property and never contains the API key.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 * @see InvalidE2bPropertyFailureAnalyzer
 */
public class InvalidE2bPropertyException extends RuntimeException {

	/** The property with the invalid value. */
	private final String property;

	InvalidE2bPropertyException(String property, String problem) {
		super("Invalid value of '" + property + "': " + problem);
		this.property = property;
	}

	/**
	 * Return the property whose value is wrong.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

}
