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

import java.net.URI;
import java.util.Set;

import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import org.jspecify.annotations.Nullable;

/**
 * Where a sandbox's daemon (envd) is reached, in the order of PROTOCOL.md section 4: the
 * configured sandbox URL, else the stable host of E2B's own domains, else the sandbox's
 * own host. Requests always carry the routing headers, so every form works.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class EnvdAddress {

	/** The port envd listens on inside every sandbox. */
	public static final int ENVD_PORT = 49983;

	private static final Set<String> STABLE_HOST_DOMAINS = Set.of("e2b.app", "e2b.dev", "e2b.pro", "e2b-staging.dev");

	private EnvdAddress() {
	}

	/**
	 * Return the envd base URL for a sandbox, used for its own requests.
	 * @param config the connection configuration
	 * @param sandboxId the sandbox ID
	 * @param sandboxDomain the domain the control plane gave the sandbox, if any
	 * @return the base URL, without a trailing slash
	 */
	public static String baseUrl(E2bConnectionConfig config, String sandboxId, @Nullable String sandboxDomain) {
		URI override = config.sandboxUrl();
		if (override != null) {
			return stripTrailingSlash(override.toString());
		}
		String domain = domain(config, sandboxDomain);
		if (STABLE_HOST_DOMAINS.contains(domain)) {
			return "https://sandbox." + domain;
		}
		return directUrl(config, sandboxId, sandboxDomain);
	}

	/**
	 * Return the per-sandbox URL that needs no routing headers, for links handed to
	 * others.
	 * @param config the connection configuration
	 * @param sandboxId the sandbox ID
	 * @param sandboxDomain the domain the control plane gave the sandbox, if any
	 * @return the direct URL, without a trailing slash
	 */
	public static String directUrl(E2bConnectionConfig config, String sandboxId, @Nullable String sandboxDomain) {
		URI override = config.sandboxUrl();
		if (override != null) {
			return stripTrailingSlash(override.toString());
		}
		return "https://" + ENVD_PORT + "-" + sandboxId + "." + domain(config, sandboxDomain);
	}

	/**
	 * Say where the sandbox URLs come from and which setting changes them, for messages
	 * about sandboxes that cannot be reached.
	 * @param config the connection configuration
	 * @return the explanation
	 */
	public static String hint(E2bConnectionConfig config) {
		if (config.sandboxUrl() != null) {
			return "the sandbox URL set by e2b.sandbox-url or E2B_SANDBOX_URL";
		}
		return "derived from the domain '" + config.domain() + "' (e2b.domain or E2B_DOMAIN); set e2b.sandbox-url"
				+ " or E2B_SANDBOX_URL to send sandbox calls elsewhere";
	}

	private static String domain(E2bConnectionConfig config, @Nullable String sandboxDomain) {
		return (sandboxDomain != null && !sandboxDomain.isEmpty()) ? sandboxDomain : config.domain();
	}

	static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
