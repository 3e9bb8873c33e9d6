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

import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import org.jspecify.annotations.Nullable;

/**
 * Where a sandbox's code interpreter (port {@value #PORT}) is reached, as the official
 * code-interpreter SDKs address it: the configured sandbox URL verbatim (the routing
 * headers then name the sandbox and port), else the sandbox's own host for that port.
 * Never the shared {@code sandbox.<domain>} host that envd calls may use.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class CodeInterpreterAddress {

	/** The port the code interpreter listens on inside the sandbox. */
	public static final int PORT = 49999;

	private CodeInterpreterAddress() {
	}

	/**
	 * Return the code interpreter's base URL for a sandbox.
	 * @param config the connection configuration
	 * @param sandboxId the sandbox ID
	 * @param sandboxDomain the domain the control plane gave the sandbox, if any
	 * @return the base URL, without a trailing slash
	 */
	public static String baseUrl(E2bConnectionConfig config, String sandboxId, @Nullable String sandboxDomain) {
		URI override = config.sandboxUrl();
		if (override != null) {
			return EnvdAddress.stripTrailingSlash(override.toString());
		}
		String domain = (sandboxDomain != null && !sandboxDomain.isEmpty()) ? sandboxDomain : config.domain();
		return "https://" + PORT + "-" + sandboxId + "." + domain;
	}

}
