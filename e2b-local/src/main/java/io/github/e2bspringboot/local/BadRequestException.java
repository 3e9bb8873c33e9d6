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

/**
 * A request the server refuses: carries the HTTP status (control plane and REST) and the
 * Connect error code (RPC) to answer with.
 */
class BadRequestException extends RuntimeException {

	private final int status;

	private final String connectCode;

	private final String message;

	BadRequestException(String message) {
		this(400, "invalid_argument", message);
	}

	BadRequestException(int status, String connectCode, String message) {
		super(message, null, false, false);
		this.status = status;
		this.connectCode = connectCode;
		this.message = message;
	}

	@Override
	public String getMessage() {
		return this.message;
	}

	static BadRequestException notFound(String message) {
		return new BadRequestException(404, "not_found", message);
	}

	static BadRequestException unauthenticated(String message) {
		return new BadRequestException(401, "unauthenticated", message);
	}

	static BadRequestException conflict(String message) {
		return new BadRequestException(409, "already_exists", message);
	}

	int status() {
		return this.status;
	}

	String connectCode() {
		return this.connectCode;
	}

}
