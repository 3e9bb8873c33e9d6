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
package io.github.e2bspringboot.local.testcontainers;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.HostConfig;

/**
 * A container's host configuration with no masked or read-only system paths, what
 * {@code docker run --security-opt systempaths=unconfined} asks for: bubblewrap may then
 * mount a {@code /proc} of the sandbox's own. docker-java's {@link HostConfig} has no
 * such fields, so this one adds them and copies the rest.
 */
final class UnmaskedHostConfig extends HostConfig {

	private static final long serialVersionUID = 1L;

	@JsonProperty("MaskedPaths")
	private final List<String> maskedPaths = List.of();

	@JsonProperty("ReadonlyPaths")
	private final List<String> readonlyPaths = List.of();

	private UnmaskedHostConfig() {
	}

	/**
	 * Copy a host configuration, unmasking the system paths.
	 * @param original the configuration Testcontainers made
	 * @return the copy
	 */
	static UnmaskedHostConfig of(HostConfig original) {
		UnmaskedHostConfig copy = new UnmaskedHostConfig();
		for (Field field : HostConfig.class.getDeclaredFields()) {
			if (!Modifier.isStatic(field.getModifiers())) {
				field.setAccessible(true);
				try {
					field.set(copy, field.get(original));
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException("Cannot copy the container's " + field.getName(), ex);
				}
			}
		}
		return copy;
	}

	List<String> maskedPaths() {
		return this.maskedPaths;
	}

	List<String> readonlyPaths() {
		return this.readonlyPaths;
	}

}
