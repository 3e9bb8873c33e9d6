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
package io.github.e2bspringboot.sandbox;

/**
 * The state of a sandbox as the control plane reports it.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public enum SandboxState {

	/** The sandbox is running and reachable. */
	RUNNING("running"),

	/** The sandbox is paused; connecting resumes it. */
	PAUSED("paused");

	private final String value;

	SandboxState(String value) {
		this.value = value;
	}

	/**
	 * Return the value used on the wire.
	 * @return the wire value
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Return the state for a wire value.
	 * @param value the wire value
	 * @return the state
	 * @throws IllegalArgumentException for an unknown value
	 */
	public static SandboxState fromValue(String value) {
		for (SandboxState state : values()) {
			if (state.value.equals(value)) {
				return state;
			}
		}
		throw new IllegalArgumentException("Unknown sandbox state '" + value + "'");
	}

}
