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
package io.github.e2bspringboot.errors;

/**
 * An error of a sandbox's RPC whose Connect code has no exception type of its own, such
 * as {@code already_exists}; the code says what went wrong.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class SandboxRpcException extends E2bException {

	/** The Connect error code. */
	private final String code;

	/**
	 * Create an exception for an RPC error.
	 * @param code the Connect error code
	 * @param message the server's message
	 */
	public SandboxRpcException(String code, String message) {
		super(code + ": " + message);
		this.code = code;
	}

	/**
	 * Return the Connect error code.
	 * @return the code, such as {@code already_exists}
	 */
	public String getCode() {
		return this.code;
	}

}
