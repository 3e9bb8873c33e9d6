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

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The Connect protocol's JSON codec: 5-byte envelopes for streams, the end-stream frame,
 * and the HTTP status of each error code for unary calls (PROTOCOL.md 6.1).
 */
final class Connect {

	static final String UNARY_CONTENT_TYPE = "application/json";

	static final String STREAM_CONTENT_TYPE = "application/connect+json";

	private static final byte END_STREAM = 0x02;

	/** Enveloped JSON messages, ended by an end-stream frame. */
	static final EventStream.Framing FRAMING = new EventStream.Framing() {

		@Override
		public byte[] message(Object message) {
			return frame(message);
		}

		@Override
		public byte[] end() {
			return endStream();
		}

		@Override
		public byte[] failure(String code, String message) {
			return endStream(code, message);
		}

	};

	private Connect() {
	}

	static byte[] frame(Object message) {
		return envelope((byte) 0, Json.write(message));
	}

	static byte[] endStream() {
		return envelope(END_STREAM, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	static byte[] endStream(String code, String message) {
		return envelope(END_STREAM, Json.write(Map.of("error", Json.obj("code", code, "message", message))));
	}

	static byte[] errorBody(String code, String message) {
		return Json.write(Json.obj("code", code, "message", message));
	}

	static int httpStatus(String code) {
		return switch (code) {
			case "canceled" -> 499;
			case "invalid_argument", "failed_precondition", "out_of_range" -> 400;
			case "deadline_exceeded" -> 504;
			case "not_found" -> 404;
			case "already_exists", "aborted" -> 409;
			case "permission_denied" -> 403;
			case "resource_exhausted" -> 429;
			case "unimplemented" -> 501;
			case "unavailable" -> 503;
			case "unauthenticated" -> 401;
			default -> 500;
		};
	}

	/**
	 * Read the single envelope of a server-streaming request.
	 * @throws BadRequestException when the body is not one uncompressed envelope
	 */
	static byte[] unwrap(byte[] body) {
		if (body.length < 5) {
			throw new BadRequestException("Streaming request body must be one Connect envelope");
		}
		ByteBuffer buffer = ByteBuffer.wrap(body);
		byte flags = buffer.get();
		int length = buffer.getInt();
		if ((flags & 0x01) != 0) {
			throw new BadRequestException(501, "unimplemented", "Compressed Connect messages are not supported");
		}
		if (length < 0 || length > body.length - 5) {
			throw new BadRequestException("Connect envelope length " + length + " exceeds the body");
		}
		byte[] message = new byte[length];
		buffer.get(message);
		return message;
	}

	private static byte[] envelope(byte flags, byte[] payload) {
		return ByteBuffer.allocate(5 + payload.length).put(flags).putInt(payload.length).put(payload).array();
	}

}
