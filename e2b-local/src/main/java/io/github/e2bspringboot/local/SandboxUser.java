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

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The Linux users a sandbox knows: {@code user} (uid 1000, the default) and {@code root}.
 *
 * @param name the user name
 * @param uid the user and group ID inside the sandbox
 * @param home the home directory inside the sandbox
 */
record SandboxUser(String name, int uid, String home) {

	static final SandboxUser USER = new SandboxUser("user", 1000, "/home/user");

	static final SandboxUser ROOT = new SandboxUser("root", 0, "/root");

	/**
	 * Return the user a name selects; {@code null} or empty selects the default user.
	 * @throws BadRequestException for an unknown user
	 */
	static SandboxUser named(@Nullable String name) {
		if (name == null || name.isEmpty() || name.equals(USER.name)) {
			return USER;
		}
		if (name.equals(ROOT.name)) {
			return ROOT;
		}
		throw BadRequestException.unauthenticated("invalid username: '" + name + "'");
	}

	/**
	 * Return the user an RPC's {@code Authorization: Basic base64("name:")} header
	 * selects.
	 */
	static SandboxUser fromBasicAuthorization(@Nullable String header) {
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return USER;
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw BadRequestException.unauthenticated("invalid authorization header");
		}
		int colon = decoded.indexOf(':');
		return named((colon >= 0) ? decoded.substring(0, colon) : decoded);
	}

}
