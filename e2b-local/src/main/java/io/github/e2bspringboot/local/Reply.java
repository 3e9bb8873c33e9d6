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

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete, non-streaming HTTP answer.
 *
 * @param status the status
 * @param contentType the content type, or empty for no body
 * @param headers extra headers
 * @param body the body
 */
record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {

	static final String JSON = "application/json; charset=utf-8";

	static Reply json(int status, Object value) {
		return new Reply(status, JSON, Map.of(), Json.write(value));
	}

	static Reply empty(int status) {
		return new Reply(status, "", Map.of(), new byte[0]);
	}

	static Reply text(int status, String text) {
		return new Reply(status, "text/plain; charset=utf-8", Map.of(), text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The JSON error body E2B uses everywhere outside Connect: {@code {code, message}}.
	 */
	static Reply error(int status, String message) {
		return json(status, Json.obj("code", status, "message", message));
	}

	Reply withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new Reply(this.status, this.contentType, headers, this.body);
	}

}
