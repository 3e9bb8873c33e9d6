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
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code multipart/form-data} body part by part from a stream, handing each
 * part's content to the caller as it arrives, so a part of any size passes through a
 * fixed buffer.
 */
final class MultipartReader {

	private static final int MAX_HEADER_BYTES = 16 * 1024;

	private static final int BUFFER_SIZE = 64 * 1024;

	private final InputStream in;

	private final byte[] delimiter;

	private final byte[] buffer;

	private int start;

	private int end;

	private boolean finished;

	/**
	 * Whether the content of the current part (at first: the preamble) is still unread.
	 */
	private boolean unread = true;

	MultipartReader(InputStream in, String boundary) {
		this.in = in;
		this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		this.buffer = new byte[BUFFER_SIZE + this.delimiter.length];
		// the first delimiter may open the body without a preceding line break
		this.buffer[0] = '\r';
		this.buffer[1] = '\n';
		this.end = 2;
	}

	/**
	 * The headers of one part.
	 *
	 * @param name the form field name
	 * @param filename the raw filename parameter, or {@code null}
	 */
	record Part(@Nullable String name, @Nullable String filename) {
	}

	/**
	 * Move to the next part.
	 * @return its headers, or {@code null} after the last part
	 */
	@Nullable Part next() throws IOException {
		if (this.finished) {
			return null;
		}
		if (this.unread) {
			// skip what precedes the next delimiter: the preamble, or a part nobody read
			skipTo(OutputStream.nullOutputStream());
			if (this.finished) {
				return null;
			}
		}
		this.unread = true;
		return readHeaders();
	}

	/**
	 * Copy the current part's content.
	 * @param out where the content goes
	 * @return the number of bytes copied
	 */
	long copyTo(OutputStream out) throws IOException {
		this.unread = false;
		return skipTo(out);
	}

	private long skipTo(OutputStream out) throws IOException {
		long copied = 0;
		while (true) {
			int found = indexOf(this.delimiter, this.start, this.end);
			if (found >= 0) {
				out.write(this.buffer, this.start, found - this.start);
				copied += found - this.start;
				this.start = found + this.delimiter.length;
				afterDelimiter();
				return copied;
			}
			int keep = Math.min(this.delimiter.length - 1, this.end - this.start);
			int safe = this.end - keep;
			out.write(this.buffer, this.start, safe - this.start);
			copied += safe - this.start;
			this.start = safe;
			if (!fill()) {
				throw new BadRequestException("multipart body ends without its closing delimiter");
			}
		}
	}

	private void afterDelimiter() throws IOException {
		require(2);
		if (this.buffer[this.start] == '-' && this.buffer[this.start + 1] == '-') {
			this.finished = true;
			return;
		}
		// transport padding, then the line break that ends the delimiter line
		while (true) {
			require(1);
			byte b = this.buffer[this.start++];
			if (b == '\n') {
				return;
			}
			if (b != ' ' && b != '\t' && b != '\r') {
				throw new BadRequestException("malformed multipart delimiter line");
			}
		}
	}

	private Part readHeaders() throws IOException {
		StringBuilder headers = new StringBuilder();
		while (true) {
			require(1);
			headers.append((char) (this.buffer[this.start++] & 0xFF));
			if (headers.length() > MAX_HEADER_BYTES) {
				throw new BadRequestException("multipart part headers are too large");
			}
			int length = headers.length();
			if (length >= 4 && headers.substring(length - 4).equals("\r\n\r\n")
					|| length == 2 && headers.toString().equals("\r\n")) {
				break;
			}
		}
		String name = null;
		String filename = null;
		String decoded = new String(headers.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
		for (String line : decoded.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-disposition")) {
				name = parameter(line, "name");
				filename = parameter(line, "filename");
			}
		}
		return new Part(name, filename);
	}

	private static @Nullable String parameter(String header, String parameter) {
		int index = 0;
		String lower = header.toLowerCase(Locale.ROOT);
		while ((index = lower.indexOf(parameter + "=", index)) >= 0) {
			char before = (index > 0) ? header.charAt(index - 1) : ';';
			int valueStart = index + parameter.length() + 1;
			if (before == ';' || before == ' ' || before == '\t') {
				if (valueStart < header.length() && header.charAt(valueStart) == '"') {
					StringBuilder value = new StringBuilder();
					for (int i = valueStart + 1; i < header.length(); i++) {
						char c = header.charAt(i);
						if (c == '\\' && i + 1 < header.length()) {
							value.append(header.charAt(++i));
						}
						else if (c == '"') {
							break;
						}
						else {
							value.append(c);
						}
					}
					// undici escapes quotes and line breaks in filenames this way
					return value.toString().replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
				}
				int valueEnd = header.indexOf(';', valueStart);
				return header.substring(valueStart, (valueEnd < 0) ? header.length() : valueEnd).trim();
			}
			index = valueStart;
		}
		return null;
	}

	private void require(int count) throws IOException {
		while (this.end - this.start < count) {
			if (!fill()) {
				throw new BadRequestException("multipart body ends early");
			}
		}
	}

	private boolean fill() throws IOException {
		if (this.start > 0) {
			System.arraycopy(this.buffer, this.start, this.buffer, 0, this.end - this.start);
			this.end -= this.start;
			this.start = 0;
		}
		if (this.end == this.buffer.length) {
			return true;
		}
		int read = this.in.read(this.buffer, this.end, this.buffer.length - this.end);
		if (read < 0) {
			return false;
		}
		this.end += read;
		return true;
	}

	private int indexOf(byte[] pattern, int from, int to) {
		outer: for (int i = from; i <= to - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (this.buffer[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	static @Nullable String boundary(@Nullable String contentType) {
		if (contentType == null) {
			return null;
		}
		String boundary = parameter(contentType, "boundary");
		return (boundary == null || boundary.isEmpty()) ? null : boundary;
	}

}
