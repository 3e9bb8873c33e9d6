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

import java.util.Locale;

/**
 * The identification headers sent with every request, shaped like those of the official
 * SDKs so that E2B can tell clients apart.
 *
 * @author e2b-spring-boot contributors
 */
final class ClientHeaders {

	static final String VERSION = version();

	static final String USER_AGENT = "e2b-spring-boot/" + VERSION;

	private static final String LANG_VERSION = System.getProperty("java.version", "unknown");

	private static final String SYSTEM = system();

	private ClientHeaders() {
	}

	static void addTo(org.springframework.http.HttpHeaders headers) {
		headers.set("User-Agent", USER_AGENT);
		headers.set("lang", "java");
		headers.set("lang_version", LANG_VERSION);
		headers.set("package_version", VERSION);
		headers.set("publisher", "e2b-spring-boot");
		headers.set("sdk_runtime", "jvm");
		headers.set("system", SYSTEM);
	}

	private static String system() {
		String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
		if (os.contains("linux")) {
			return "Linux";
		}
		if (os.contains("mac")) {
			return "Darwin";
		}
		if (os.contains("windows")) {
			return "Windows";
		}
		return "unknown";
	}

	private static String version() {
		String version = ClientHeaders.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "dev";
	}

}
