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

import java.time.Duration;

import io.github.e2bspringboot.errors.AuthenticationException;
import io.github.e2bspringboot.errors.CodeContextNotFoundException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.InvalidArgumentException;
import io.github.e2bspringboot.errors.NotEnoughSpaceException;
import io.github.e2bspringboot.errors.NotFoundException;
import io.github.e2bspringboot.errors.RateLimitException;
import io.github.e2bspringboot.errors.SandboxFileNotFoundException;
import io.github.e2bspringboot.errors.SandboxRpcException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.errors.ServiceBusyException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Turns failed responses into the typed exceptions of the client, as PROTOCOL.md 3.3
 * (control plane) and 5.5 (envd) describe. The server's message is kept; a secret is
 * never added to it.
 *
 * @author e2b-spring-boot contributors
 */
final class ErrorMapping {

	private ErrorMapping() {
	}

	/**
	 * Map a failed control-plane response that no call-site rule handled.
	 * @param status the HTTP status
	 * @param body the response body
	 * @param retryAfter the {@code Retry-After} header, if any
	 * @return the exception to throw
	 */
	static E2bException controlPlane(int status, byte[] body, @Nullable String retryAfter) {
		String message = message(status, body);
		return switch (status) {
			case 401 ->
				new AuthenticationException("Unauthorized, please check your credentials. - " + message, status, null);
			case 429 -> new RateLimitException("Rate limit exceeded, please try again later - " + message, status, null,
					retryAfter(retryAfter));
			case 503 ->
				new ServiceBusyException("Service temporarily unavailable, please retry - " + message, status, null);
			default -> new E2bException(status + ": " + message, status, null);
		};
	}

	/**
	 * Map a failed envd REST response ({@code /files}, {@code /health}).
	 * @param status the HTTP status
	 * @param body the response body
	 * @param retryAfter the {@code Retry-After} header, if any
	 * @return the exception to throw
	 */
	static E2bException envd(int status, byte[] body, @Nullable String retryAfter) {
		String message = message(status, body);
		return switch (status) {
			case 400 -> new InvalidArgumentException(message, status, null);
			case 401 -> new AuthenticationException(message, status, null);
			case 404 -> new SandboxFileNotFoundException(message, status, null);
			case 429 -> new RateLimitException(message + ": the sandbox is rate limiting requests", status, null,
					retryAfter(retryAfter));
			case 503 -> new ServiceBusyException(message + ": the sandbox is busy, please retry", status, null);
			case 502 -> new SandboxTimeoutException(message
					+ ": the sandbox is not running, most likely because its lifetime (the sandbox timeout) ran out;"
					+ " give a longer timeout at creation or extend it with setTimeout", status, null);
			case 507 -> new NotEnoughSpaceException(message, status, null);
			default -> new E2bException(status + ": " + message, status, null);
		};
	}

	/**
	 * Map a failed response of the code interpreter (PROTOCOL-NEXT.md 1.6), whose errors
	 * are plain text or, from E2B's edge, JSON.
	 * @param status the HTTP status
	 * @param body the response body
	 * @param namesContext whether the request named a context, so that "not found" means
	 * that context
	 * @return the exception to throw
	 */
	static E2bException codeInterpreter(int status, byte[] body, boolean namesContext) {
		String text = WireJson.errorMessage(body);
		HttpStatus known = HttpStatus.resolve(status);
		String reason = status + ((known != null) ? " " + known.getReasonPhrase() : "");
		String detail = (text != null && !text.isEmpty()) ? text : reason;
		return switch (status) {
			case 502 -> new SandboxTimeoutException(detail
					+ ": the sandbox is most likely not running any more, because its lifetime (the sandbox timeout)"
					+ " ran out; give a longer timeout at creation or extend it with setTimeout", status, null);
			case 404 -> namesContext ? new CodeContextNotFoundException(detail, status, null)
					: new NotFoundException(detail, status, null);
			default -> new E2bException(reason + ((text != null && !text.isEmpty()) ? ": " + text : ""), status, null);
		};
	}

	/**
	 * Map a Connect error of an envd RPC (PROTOCOL.md 6.5).
	 * @param code the Connect error code
	 * @param message the error message
	 * @param filesystem whether the call was a filesystem call, where "not found" means a
	 * path
	 * @return the exception to throw
	 */
	static E2bException rpc(String code, String message, boolean filesystem) {
		return switch (code) {
			case "invalid_argument" -> new InvalidArgumentException(message);
			case "unauthenticated" -> new AuthenticationException(message);
			case "not_found" -> filesystem ? new SandboxFileNotFoundException(message) : new NotFoundException(message);
			case "resource_exhausted" -> new RateLimitException(message + ": the sandbox is rate limiting requests");
			case "unavailable" -> new SandboxTimeoutException(message
					+ ": the sandbox is not running, most likely because its lifetime (the sandbox timeout) ran out");
			case "canceled" -> new SandboxTimeoutException(
					message + ": the request was canceled, possibly because it exceeded the request timeout");
			case "deadline_exceeded" -> new SandboxTimeoutException(
					message + ": the call ran longer than its timeout (the command or stream timeout option)");
			default -> new SandboxRpcException(code, message);
		};
	}

	/**
	 * Whether a failure is the transport's (a refused, reset or dropped connection)
	 * rather than an answer of E2B's.
	 * @param failure the failure
	 * @return {@code true} for a transport failure
	 */
	static boolean isTransportFailure(Throwable failure) {
		if (failure instanceof E2bException) {
			return false;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			// a read that stayed silent past the request timeout is a stalled connection
			// too
			if (cause instanceof java.io.IOException
					|| cause instanceof org.springframework.web.reactive.function.client.WebClientRequestException
					|| cause instanceof io.netty.handler.timeout.ReadTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The Connect code a non-Connect HTTP error stands for.
	 * @param status the HTTP status
	 * @return the code
	 */
	static String rpcCode(int status) {
		return switch (status) {
			case 400 -> "invalid_argument";
			case 401 -> "unauthenticated";
			case 403 -> "permission_denied";
			case 404 -> "not_found";
			case 409 -> "already_exists";
			case 429 -> "resource_exhausted";
			case 502, 503 -> "unavailable";
			case 504 -> "deadline_exceeded";
			default -> "unknown";
		};
	}

	/**
	 * Parse a {@code Retry-After} header: seconds, or an HTTP date.
	 */
	static @Nullable Duration retryAfter(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
		}
		catch (NumberFormatException ex) {
			try {
				Duration until = Duration.between(java.time.Instant.now(), java.time.ZonedDateTime.parse(header.trim(),
						java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME));
				return until.isNegative() ? Duration.ZERO : until;
			}
			catch (java.time.format.DateTimeParseException unparsable) {
				return null;
			}
		}
	}

	private static String message(int status, byte[] body) {
		String message = WireJson.errorMessage(body);
		if (message != null && !message.isEmpty()) {
			return message;
		}
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "HTTP " + status;
	}

}
