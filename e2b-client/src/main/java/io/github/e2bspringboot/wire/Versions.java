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

/**
 * Compares the dotted version numbers of sandbox daemons.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class Versions {

	private Versions() {
	}

	/**
	 * Compare two versions numerically, part by part; missing or non-numeric parts count
	 * as zero.
	 * @param left a version
	 * @param right another version
	 * @return negative, zero or positive as {@code left} is older, equal or newer
	 */
	public static int compare(String left, String right) {
		String[] a = left.split("[.-]");
		String[] b = right.split("[.-]");
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			int x = (i < a.length) ? parse(a[i]) : 0;
			int y = (i < b.length) ? parse(b[i]) : 0;
			if (x != y) {
				return Integer.compare(x, y);
			}
		}
		return 0;
	}

	private static int parse(String part) {
		try {
			return Integer.parseInt(part);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
