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

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * token or signed-URL authorization (PROTOCOL.md 5).
 */
final class FilesEndpoint {

	private final ServerContext context;

	FilesEndpoint(ServerContext context) {
		this.context = context;
	}

	/**
	 * Resolve the file a download reads, after checking authorization.
	 * @return the file on disk
	 */
	Path download(LocalSandbox sandbox, Map<String, List<String>> query, HttpHeaders headers) {
		authorize(sandbox, query, headers, "read");
		SandboxUser user = SandboxUser.named(first(query, "username"));
		SandboxPaths.Resolved resolved = sandbox.paths().resolve(nonNull(first(query, "path")), user, true);
		if (!Files.exists(resolved.host())) {
			throw BadRequestException.notFound("path '" + resolved.sandboxPath() + "' does not exist");
		}
		if (Files.isDirectory(resolved.host())) {
			throw new BadRequestException("path '" + resolved.sandboxPath() + "' is a directory");
		}
		return resolved.host();
	}

	static String contentType(Path file) {
		String guessed = URLConnection.guessContentTypeFromName(file.getFileName().toString());
		if (guessed == null) {
			return "application/octet-stream";
		}
		return guessed.startsWith("text/") ? guessed + "; charset=utf-8" : guessed;
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
		String contentType = headers.get("Content-Type", "");
		InputStream content = body;
		if ("gzip".equalsIgnoreCase(headers.get("Content-Encoding", "").trim())) {
			content = new GZIPInputStream(body, 64 * 1024);
		}
		List<Object> written = new ArrayList<>();
		Quota quota = new Quota(sandbox.diskUsed(), this.context.sandboxDiskLimit());
		if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
			String boundary = MultipartReader.boundary(contentType);
			if (boundary == null) {
				throw new BadRequestException("multipart body without a boundary");
			}
			MultipartReader reader = new MultipartReader(content, boundary);
			Set<String> seen = new HashSet<>();
			MultipartReader.Part part;
			while ((part = reader.next()) != null) {
				String target = (path != null) ? path : part.filename();
				if (!"file".equals(part.name()) || target == null) {
					continue;
				}
				SandboxPaths.Resolved resolved = sandbox.paths().resolve(target, user, true);
				if (!seen.add(resolved.sandboxPath()) && path == null) {
					throw new BadRequestException("path '" + resolved.sandboxPath() + "' appears twice in the upload");
				}
				try (OutputStream out = open(resolved, quota)) {
					reader.copyTo(out);
				}
				written.add(entry(resolved, metadata));
			}
		}
		else if (contentType.isEmpty() || contentType.toLowerCase(Locale.ROOT).startsWith("application/octet-stream")) {
			if (path == null) {
				throw new BadRequestException("path query parameter is required for raw body upload");
			}
			SandboxPaths.Resolved resolved = sandbox.paths().resolve(path, user, true);
			try (OutputStream out = open(resolved, quota)) {
				content.transferTo(out);
			}
			written.add(entry(resolved, metadata));
		}
		else {
			throw new BadRequestException("unsupported content type '" + contentType + "'");
		}
		return Reply.json(200, written);
	}

	private static Map<String, Object> entry(SandboxPaths.Resolved resolved, Map<String, String> metadata) {
		return Json.obj("path", resolved.sandboxPath(), "name", resolved.name(), "type", "file", "metadata",
				metadata.isEmpty() ? null : metadata);
	}

	private static OutputStream open(SandboxPaths.Resolved resolved, Quota quota) throws IOException {
		if (Files.isDirectory(resolved.host())) {
			throw new BadRequestException("path '" + resolved.sandboxPath() + "' is a directory");
		}
		Files.createDirectories(resolved.host().getParent());
		return new FilterOutputStream(Files.newOutputStream(resolved.host())) {

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				quota.take(length);
				this.out.write(bytes, offset, length);
			}

			@Override
			public void write(int b) throws IOException {
				quota.take(1);
				this.out.write(b);
			}

		};
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

	private static Map<String, String> metadata(HttpHeaders headers) {
		Map<String, String> metadata = new LinkedHashMap<>();
		for (Map.Entry<String, String> header : headers) {
			String name = header.getKey().toLowerCase(Locale.ROOT);
			if (name.startsWith("x-metadata-") && name.length() > "x-metadata-".length()) {
				metadata.put(name.substring("x-metadata-".length()), header.getValue());
			}
		}
		return metadata;
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
	 * The bytes a sandbox may still write through the API.
	 */
	private static final class Quota {

		private long remaining;

		Quota(long used, long limit) {
			this.remaining = limit - used;
		}

		void take(long bytes) {
			this.remaining -= bytes;
			if (this.remaining < 0) {
				throw new BadRequestException(507, "resource_exhausted", "not enough disk space in the sandbox");
			}
		}

	}

}
