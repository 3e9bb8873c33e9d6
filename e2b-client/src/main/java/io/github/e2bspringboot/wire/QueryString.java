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

import org.jspecify.annotations.Nullable;

/**
 * Builds a query string in the order parameters are added, skipping unset ones and
 * encoding values with {@link UriEncoding#component}. Spring's {@code UriBuilder} would
 * encode them by RFC 3986 instead, which changes bytes that tests compare with the
 * official SDK's requests.
 *
 * @author e2b-spring-boot contributors
 */
final class QueryString {

	private final StringBuilder query = new StringBuilder();

	QueryString add(String name, @Nullable Object value) {
		if (value != null) {
			return addEncoded(name, UriEncoding.component(value.toString()));
		}
		return this;
	}

	QueryString addEncoded(String name, @Nullable String encodedValue) {
		if (encodedValue != null) {
			this.query.append((this.query.length() == 0) ? '?' : '&').append(name).append('=').append(encodedValue);
		}
		return this;
	}

	@Override
	public String toString() {
		return this.query.toString();
	}

}
