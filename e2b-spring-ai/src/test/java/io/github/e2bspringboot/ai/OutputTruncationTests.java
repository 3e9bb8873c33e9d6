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
package io.github.e2bspringboot.ai;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cutting long tool output.
 */
class OutputTruncationTests {

	@Test
	void shortTextIsKept() {
		assertThat(OutputTruncation.truncate("abc", 3)).isEqualTo("abc");
	}

	@Test
	void longTextKeepsHeadAndTailAroundTheMarker() {
		String text = "H".repeat(500) + "m".repeat(10_000) + "T".repeat(500);

		String cut = OutputTruncation.truncate(text, 1_000);

		int removed = text.length() - 1_000;
		assertThat(cut).isEqualTo("H".repeat(500) + "\n[... " + removed + " characters cut ...]\n" + "T".repeat(500));
		assertThat(cut).hasSizeLessThanOrEqualTo(1_000 + OutputTruncation.marker(removed).length());
	}

	@Test
	void aSurrogatePairIsNeverSplit() {
		// the head would end after a high surrogate, the tail start at a low one
		String text = "a".repeat(4) + "😀" + "b".repeat(20) + "😀" + "c".repeat(4);

		String cut = OutputTruncation.truncate(text, 10);

		assertThat(cut).doesNotContain("\uFFFD");
		assertThat(cut.codePoints().filter((c) -> c >= 0xD800 && c <= 0xDFFF).count()).as("lone surrogates").isZero();
		assertThat(cut).startsWith("aaaa\n[...").endsWith("...]\ncccc");
		assertThat(cut.length()).isLessThanOrEqualTo(10 + OutputTruncation.marker(text.length()).length());
	}

}
