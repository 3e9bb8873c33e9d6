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

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * envd's {@code /files} endpoint: downloads, and uploads as multipart (one part per file,
 * the filename naming the target) or as a raw body, optionally gzip-encoded, with access
 * token or signed-URL authorization (PROTOCOL.md 5). Every file is reached through the
 * sandbox's confined {@link SandboxFiles}, and every upload replaces its file atomically.
 */
final class FilesEndpoint {

	private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

	FilesEndpoint() {
	}

	/**
	 * A file to send.
	 *
	 * @param name its name, for its content type and disposition
	 * @param size how many bytes are sent
	 * @param channel the open file to send {@code size} bytes of, or {@code null} when
	 * the content was read already
	 * @param content the content read already (a file of {@code /proc} or {@code /sys})
	 */
	record Download(String name, long size, @Nullable FileChannel channel, byte[] content) {
	}

	/**
	 * Open the file a download reads, after checking authorization. Runs off the event
	 * loop: nothing here waits on sandbox code (FIFOs and devices are refused).
	 * @return the file
	 */
	Download download(LocalSandbox sandbox, Map<String, List<String>> query, HttpHeaders headers) throws IOException {
		authorize(sandbox, query, headers, "read");
		SandboxUser user = SandboxUser.named(first(query, "username"));
		SandboxPath path = SandboxPath.parse(nonNull(first(query, "path")), user);
		SandboxFiles.OpenFile file;
		try {
			file = sandbox.files().openForRead(path, user);
		}
		catch (IOException ex) {
			throw SandboxFiles.translate(ex, path);
		}
		if (!file.untilEnd()) {
			return new Download(file.name(), file.size(), file.channel(), new byte[0]);
		}
		try (FileChannel channel = file.channel()) {
			ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(file.size(), 64 * 1024));
			ByteArrayOutputStream content = new ByteArrayOutputStream();
			while (content.size() < file.size() && channel.read(buffer.clear()) > 0) {
				content.write(buffer.array(), 0, buffer.position());
			}
			return new Download(file.name(), content.size(), null, content.toByteArray());
		}
	}

	static String contentType(String name) {
		String guessed = URLConnection.guessContentTypeFromName(name);
		if (guessed == null) {
			return "application/octet-stream";
		}
		return guessed.startsWith("text/") ? guessed + "; charset=utf-8" : guessed;
	}

	/**
	 * The disposition of a download, safe for any file name: the plain form keeps only
	 * printable ASCII, the extended form (RFC 6266) has the whole name.
	 */
	static String contentDisposition(String name) {
		StringBuilder plain = new StringBuilder();
		name.chars().forEach((c) -> plain.append((c < 0x20 || c > 0x7E || c == '"' || c == '\\') ? '_' : (char) c));
		String extended = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
		return "inline; filename=\"" + plain + "\"; filename*=UTF-8''" + extended;
	}

	/**
	 * Write the uploaded files.
	 * @param body the request body, read as it arrives
	 * @return the JSON array of written entries
	 */
	Reply upload(LocalSandbox sandbox, Map<String, List<String>> query, HttpHeaders headers, InputStream body)
			throws IOException {
		authorize(sandbox, query, headers, "write");
		SandboxUser user = SandboxUser.named(first(query, "username"));
		Map<String, String> metadata = metadata(headers);
		String path = first(query, "path");
		String contentType = headers.get("Content-Type", "").toLowerCase(Locale.ROOT);
		CountingInputStream counted = new CountingInputStream(body);
		InputStream content = counted;
		if ("gzip".equalsIgnoreCase(headers.get("Content-Encoding", "").trim())) {
			content = gunzip(counted);
		}
		List<Object> written = new ArrayList<>();
		if (contentType.startsWith("multipart/form-data")) {
			String boundary = MultipartReader.boundary(headers.get("Content-Type"));
			if (boundary == null) {
				throw new BadRequestException("multipart body without a boundary");
			}
			MultipartReader reader = new MultipartReader(content, boundary);
			Set<SandboxPath> seen = new HashSet<>();
			MultipartReader.Part part;
			while ((part = reader.next()) != null) {
				String target = (path != null) ? path : part.filename();
				if (!"file".equals(part.name()) || target == null) {
					continue;
				}
				SandboxPath resolved = SandboxPath.parse(target, user);
				if (!seen.add(resolved) && path == null) {
					throw new BadRequestException("path '" + resolved + "' appears twice in the upload");
				}
				written.add(write(sandbox, resolved, user, reader::copyTo, metadata));
			}
		}
		else if (contentType.isEmpty() || contentType.startsWith("application/octet-stream")) {
			if (path == null) {
				throw new BadRequestException("path query parameter is required for raw body upload");
			}
			InputStream raw = content;
			long expected = contentLength(headers);
			written.add(write(sandbox, SandboxPath.parse(path, user), user, (out) -> {
				raw.transferTo(out);
				// a body cut short by a closed connection must not replace the file
				counted.transferTo(OutputStream.nullOutputStream());
				if (expected >= 0 && counted.count() != expected) {
					throw new BadRequestException(
							"the body ended after " + counted.count() + " of its " + expected + " bytes");
				}
			}, metadata));
		}
		else {
			throw new BadRequestException("unsupported content type '" + contentType + "'");
		}
		return Reply.json(200, written);
	}

	private static Map<String, Object> write(LocalSandbox sandbox, SandboxPath path, SandboxUser user,
			SandboxFiles.Content content, Map<String, String> metadata) throws IOException {
		FileEntry entry;
		try {
			entry = sandbox.files().write(path, user, content);
		}
		catch (IOException ex) {
			throw SandboxFiles.translate(ex, path);
		}
		return Json.obj("path", entry.path(), "name", entry.name(), "type", "file", "metadata",
				metadata.isEmpty() ? null : metadata);
	}

	/**
	 * A gzip body whose every decoding failure is the client's: a 400, not a 500.
	 */
	private static InputStream gunzip(InputStream body) {
		try {
			return new FilterInputStream(new GZIPInputStream(body, 64 * 1024)) {

				@Override
				public int read() throws IOException {
					try {
						return super.read();
					}
					catch (IOException ex) {
						throw invalidGzip(ex);
					}
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					try {
						return super.read(buffer, offset, length);
					}
					catch (IOException ex) {
						throw invalidGzip(ex);
					}
				}

			};
		}
		catch (IOException ex) {
			throw invalidGzip(ex);
		}
	}

	private static BadRequestException invalidGzip(IOException ex) {
		return new BadRequestException("invalid gzip body: " + ex.getMessage());
	}

	/**
	 * Find the sandbox whose access token signed a file URL, for URLs that name no
	 * sandbox (when one sandbox URL serves all sandboxes, as here).
	 * @return the sandbox ID, or {@code null} when no sandbox signed it
	 */
	@Nullable String signedBy(SandboxRegistry registry, Map<String, List<String>> query, String method) {
		String signature = first(query, "signature");
		if (signature == null) {
			return null;
		}
		String operation = method.equals("POST") ? "write" : "read";
		for (LocalSandbox sandbox : registry.all()) {
			String token = sandbox.accessToken();
			if (token != null && constantTimeEquals(signature, signature(nonNull(first(query, "path")), operation,
					nonNull(first(query, "username")), token, first(query, "signature_expiration")))) {
				return sandbox.id();
			}
		}
		return null;
	}

	/**
	 * Check the access token, or the signature when the token is absent, of a secure
	 * sandbox.
	 */
	private static void authorize(LocalSandbox sandbox, Map<String, List<String>> query, HttpHeaders headers,
			String operation) {
		String token = sandbox.accessToken();
		if (token == null) {
			return;
		}
		String header = headers.get("X-Access-Token");
		if (header != null) {
			if (!constantTimeEquals(header, token)) {
				throw BadRequestException.unauthenticated("access token present in header but does not match");
			}
			return;
		}
		String signature = first(query, "signature");
		if (signature == null) {
			throw BadRequestException.unauthenticated("missing signature query parameter");
		}
		String expiration = first(query, "signature_expiration");
		String expected = signature(nonNull(first(query, "path")), operation, nonNull(first(query, "username")), token,
				expiration);
		if (!constantTimeEquals(signature, expected)) {
			throw BadRequestException.unauthenticated("invalid signature");
		}
		if (expiration != null) {
			long expiresAt;
			try {
				expiresAt = Long.parseLong(expiration);
			}
			catch (NumberFormatException ex) {
				throw BadRequestException.unauthenticated("invalid signature expiration");
			}
			if (expiresAt < Instant.now().getEpochSecond()) {
				throw BadRequestException.unauthenticated("signature is already expired");
			}
		}
	}

	/**
	 * The v1 signature of a file URL: SHA-256 over path, operation, user, token and the
	 * optional expiration, in unpadded standard Base64.
	 */
	static String signature(String path, String operation, String username, String token, @Nullable String expiration) {
		String raw = path + ":" + operation + ":" + username + ":" + token
				+ ((expiration != null) ? ":" + expiration : "");
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
			return "v1_" + Base64.getEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The user metadata of an upload: keys are HTTP token characters, values printable
	 * ASCII, as envd accepts them.
	 */
	private static Map<String, String> metadata(HttpHeaders headers) {
		Map<String, String> metadata = new LinkedHashMap<>();
		for (Map.Entry<String, String> header : headers) {
			String name = header.getKey().toLowerCase(Locale.ROOT);
			if (name.startsWith("x-metadata-") && name.length() > "x-metadata-".length()) {
				String key = name.substring("x-metadata-".length());
				String value = header.getValue();
				if (!key.chars()
					.allMatch((c) -> c < 0x7F && (Character.isLetterOrDigit(c) || TOKEN_CHARS.indexOf(c) >= 0))
						|| !value.chars().allMatch((c) -> c >= 0x20 && c < 0x7F)) {
					throw new BadRequestException("invalid metadata header '" + header.getKey() + "'");
				}
				metadata.put(key, value);
			}
		}
		return metadata;
	}

	private static long contentLength(HttpHeaders headers) {
		try {
			return Long.parseLong(headers.get("Content-Length", "-1").trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static boolean constantTimeEquals(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

	private static String nonNull(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static @Nullable String first(Map<String, List<String>> query, String name) {
		List<String> values = query.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * Counts the bytes of the request body, to tell a whole body from one cut short.
	 */
	private static final class CountingInputStream extends FilterInputStream {

		private long count;

		CountingInputStream(InputStream in) {
			super(in);
		}

		long count() {
			return this.count;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = super.read(buffer, offset, length);
			if (read > 0) {
				this.count += read;
			}
			return read;
		}

	}

}
