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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Python programs the code interpreter runs in a sandbox, passed as arguments so that
 * nothing has to be written into the sandbox's files first.
 */
final class BridgeSources {

	/** The bridge between the server and the sandbox's kernels. */
	static final String BRIDGE = load("interpreter/kernel_bridge.py");

	/** What every Python kernel runs first: E2B's rich formats (data frames, charts). */
	static final String KERNEL_SETUP = load("interpreter/kernel_setup.py");

	private BridgeSources() {
	}

	private static String load(String name) {
		try (InputStream source = BridgeSources.class.getResourceAsStream(name)) {
			if (source == null) {
				throw new IllegalStateException(name + " is missing from e2b-local's jar");
			}
			return new String(source.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
