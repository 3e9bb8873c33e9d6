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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables of sandbox processes: those of the sandbox and of one process
 * together stay within the sandbox's limits, and each is a name and value a process can
 * receive, so a bad one is a 400 when it arrives rather than a process that cannot start.
 */
final class Environment {

	private Environment() {
	}

	/**
	 * Check variables of the sandbox and of a process together.
	 * @param sandbox the sandbox's variables
	 * @param process the process's own variables, which override the sandbox's
	 * @param limits the sandbox's limits
	 * @return the variables of the sandbox, for a create
	 * @throws BadRequestException when they are too many, too large, or malformed
	 */
	static Map<String, String> checked(Map<String, String> sandbox, Map<String, String> process, Limits limits) {
		Map<String, String> all = new LinkedHashMap<>(sandbox);
		all.putAll(process);
		if (all.size() > limits.envVars()) {
			throw new BadRequestException(
					"too many environment variables: " + all.size() + ", at most " + limits.envVars());
		}
		long bytes = 0;
		for (Map.Entry<String, String> entry : all.entrySet()) {
			String name = entry.getKey();
			if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0
					|| entry.getValue().indexOf('\0') >= 0) {
				throw new BadRequestException("invalid environment variable '" + printable(name)
						+ "': a name is not empty and has no '=', and neither has a NUL character");
			}
			bytes += name.getBytes(StandardCharsets.UTF_8).length
					+ entry.getValue().getBytes(StandardCharsets.UTF_8).length + 2;
		}
		if (bytes > limits.envBytes()) {
			throw new BadRequestException(
					"environment variables take " + bytes + " bytes, at most " + limits.envBytes());
		}
		return sandbox;
	}

	private static String printable(String name) {
		String shown = name.replaceAll("\\p{Cntrl}", "?");
		return (shown.length() > 64) ? shown.substring(0, 64) + "..." : shown;
	}

}
