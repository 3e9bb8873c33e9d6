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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The percent-encodings the official JS SDK applies, reproduced byte for byte:
 * {@code encodeURIComponent} for path segments and query values, and the
 * {@code application/x-www-form-urlencoded} serializer of {@code URLSearchParams}. The
 * JDK has no {@code encodeURIComponent}, and Spring's {@code UriUtils} follows RFC 3986,
 * which encodes {@code !'()*} differently, so that one is written here.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class UriEncoding {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private UriEncoding() {
	}

	/**
	 * Encode like JavaScript's {@code encodeURIComponent}: everything but
	 * {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )} is percent-encoded as UTF-8.
	 * @param value the value
	 * @return the encoded value
	 */
	public static String component(String value) {
		StringBuilder out = new StringBuilder(value.length() + 16);
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "-_.!~*'()".indexOf(c) >= 0) {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return out.toString();
	}

	/**
	 * Encode like {@code URLSearchParams}: everything but {@code A-Z a-z 0-9 * - . _} is
	 * percent-encoded as UTF-8, and a space becomes {@code +}, which is exactly what the
	 * JDK's {@link URLEncoder} does.
	 * @param value the value
	 * @return the encoded value
	 */
	public static String form(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Encode a metadata filter the way both official SDKs do (PROTOCOL.md 3.4): each key
	 * and value with {@link #component}, the pairs joined as a form query string. The
	 * result is the parameter value before the usual query encoding, which makes three.
	 * @param metadata the metadata entries
	 * @return the value of the {@code metadata} parameter, not yet query-encoded
	 */
	public static String metadataFilter(Map<String, String> metadata) {
		StringJoiner joined = new StringJoiner("&");
		metadata.forEach((key, value) -> joined.add(form(component(key)) + "=" + form(component(value))));
		return joined.toString();
	}

}
