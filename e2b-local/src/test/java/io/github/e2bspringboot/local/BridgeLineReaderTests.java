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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the server reads its code-interpreter bridge's output, which sandbox code may write
 * into: lines are bounded, whatever comes.
 */
class BridgeLineReaderTests {

	@Test
	void aLineLongerThanTheLimitIsSkippedWholeAndTheNextOneIsRead() throws IOException {
		InputStream endless = new InputStream() {

			private long left = 40L * 1024 * 1024;

			@Override
			public int read() {
				return (this.left-- > 0) ? '{' : -1;
			}

		};
		InputStream input = new SequenceInputStream(new SequenceInputStream(bytes("first\n"), endless),
				bytes("\nafter\nlast without end"));

		assertThat(lines(input)).containsExactly("first", "after", "last without end");
	}

	@Test
	void aLongLineWithoutAnEndIsDropped() throws IOException {
		assertThat(lines(bytes("x".repeat(17 * 1024 * 1024)))).isEmpty();
	}

	private static List<String> lines(InputStream input) throws IOException {
		List<String> lines = new ArrayList<>();
		byte[] line;
		while ((line = CodeInterpreter.readLine(input)) != null) {
			lines.add(new String(line, StandardCharsets.UTF_8));
		}
		return lines;
	}

	private static InputStream bytes(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

}
