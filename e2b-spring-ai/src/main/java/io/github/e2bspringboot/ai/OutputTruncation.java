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

/**
 * Cuts long text to a length, keeping its head and its tail (where errors and final
 * values are), with a line that says how much was cut.
 *
 * @author e2b-spring-boot contributors
 */
final class OutputTruncation {

	private OutputTruncation() {
	}

	/**
	 * Return the marker that replaces the cut middle.
	 * @param cut the number of characters cut
	 * @return the marker, a line of its own
	 */
	static String marker(int cut) {
		return "\n[... " + cut + " characters cut ...]\n";
	}

	/**
	 * Cut text to at most {@code max} characters plus the marker.
	 * @param text the text
	 * @param max the most characters of the text to keep
	 * @return the text, or its head and tail around the marker
	 */
	static String truncate(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		int head = max / 2;
		int tail = max - head;
		// never split a surrogate pair
		if (head > 0 && Character.isHighSurrogate(text.charAt(head - 1))) {
			head--;
		}
		int tailStart = text.length() - tail;
		if (tail > 0 && Character.isLowSurrogate(text.charAt(tailStart))) {
			tailStart++;
		}
		int cut = tailStart - head;
		return text.substring(0, head) + marker(cut) + text.substring(tailStart);
	}

}
