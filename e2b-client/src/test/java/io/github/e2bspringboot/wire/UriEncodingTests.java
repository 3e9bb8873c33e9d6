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

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encodings of the JS SDK, reproduced exactly.
 */
class UriEncodingTests {

	@Test
	void componentKeepsWhatEncodeUriComponentKeeps() {
		assertThat(UriEncoding.component("AZaz09-_.!~*'()")).isEqualTo("AZaz09-_.!~*'()");
		assertThat(UriEncoding.component("/a b+c=d&e%")).isEqualTo("%2Fa%20b%2Bc%3Dd%26e%25");
		assertThat(UriEncoding.component("é€")).isEqualTo("%C3%A9%E2%82%AC");
	}

	@Test
	void formEncodesLikeUrlSearchParams() {
		assertThat(UriEncoding.form("a b*-._~!'()")).isEqualTo("a+b*-._%7E%21%27%28%29");
	}

	@Test
	void metadataFilterIsEncodedTwiceBeforeTheQueryEncoding() {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("user", "a b");
		metadata.put("x/y", "z&w");

		String value = UriEncoding.metadataFilter(metadata);

		assertThat(value).isEqualTo("user=a%2520b&x%252Fy=z%2526w");
		assertThat(UriEncoding.component(value)).isEqualTo("user%3Da%252520b%26x%25252Fy%3Dz%252526w");
	}

}
