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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.github.e2bspringboot.errors.InvalidArgumentException;
import org.jspecify.annotations.Nullable;

/**
 * Builds the signed file URLs that let someone without headers read or write one file of
 * a secure sandbox (PROTOCOL.md 5.4): {@code v1_} and the unpadded Base64 of the SHA-256
 * of path, operation, user, access token and the optional expiration.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class FileUrls {

	private FileUrls() {
	}

	/**
	 * Build a file URL.
	 * @param directUrl the sandbox's direct envd URL
	 * @param path the path, or {@code null} (upload only: the file names its path)
	 * @param user the Linux user, or {@code null} for the sandbox's default
	 * @param accessToken the sandbox's access token, or {@code null} when it is not
	 * secure
	 * @param operation {@code read} or {@code write}
	 * @param expiration how long the signature is valid, or {@code null} for ever
	 * @param now the current time
	 * @return the URL
	 */
	public static String build(String directUrl, @Nullable String path, @Nullable String user,
			@Nullable String accessToken, String operation, @Nullable Duration expiration, Instant now) {
		if (accessToken == null && expiration != null) {
			throw new InvalidArgumentException(
					"A signature expiration can be used only with a secure sandbox (one created with secure=true)");
		}
		StringBuilder query = new StringBuilder();
		if (user != null) {
			append(query, "username", user);
		}
		if (path != null) {
			append(query, "path", path);
		}
		if (accessToken != null) {
			String expiresAt = (expiration != null)
					? Long.toString(now.getEpochSecond() + ControlPlaneClient.seconds(expiration)) : null;
			append(query, "signature", signature((path != null) ? path : "", operation, (user != null) ? user : "",
					accessToken, expiresAt));
			if (expiresAt != null) {
				append(query, "signature_expiration", expiresAt);
			}
		}
		return directUrl + "/files" + ((query.length() > 0) ? "?" + query : "");
	}

	/**
	 * Compute a signature.
	 * @param path the path as put in the URL
	 * @param operation {@code read} or {@code write}
	 * @param user the user, empty for the default
	 * @param accessToken the sandbox's access token
	 * @param expiresAt the expiration in Unix seconds, or {@code null}
	 * @return the signature
	 */
	public static String signature(String path, String operation, String user, String accessToken,
			@Nullable String expiresAt) {
		String raw = path + ":" + operation + ":" + user + ":" + accessToken
				+ ((expiresAt != null) ? ":" + expiresAt : "");
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
			return "v1_" + Base64.getEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void append(StringBuilder query, String name, String value) {
		if (query.length() > 0) {
			query.append('&');
		}
		query.append(name).append('=').append(UriEncoding.form(value));
	}

}
