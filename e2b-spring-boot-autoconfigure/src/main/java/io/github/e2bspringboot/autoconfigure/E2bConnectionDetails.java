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
package io.github.e2bspringboot.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details required to establish a connection to E2B: the only way connection settings
 * reach the starter's beans. Backed by {@link E2bProperties} by default; a bean of this
 * type (for example from a Testcontainers service connection) replaces them.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public interface E2bConnectionDetails extends ConnectionDetails {

	/**
	 * Return the team API key.
	 * @return the API key, or {@code null} when none is configured
	 */
	@Nullable String getApiKey();

	/**
	 * Return the base URL of the control plane.
	 * @return the API URL
	 */
	URI getApiUrl();

	/**
	 * Return the sandbox domain.
	 * @return the domain
	 */
	default String getDomain() {
		return "e2b.app";
	}

	/**
	 * Return the URL of the sandbox daemon used for every sandbox, if any.
	 * @return the sandbox URL or {@code null} to derive it from the domain
	 */
	default @Nullable URI getSandboxUrl() {
		return null;
	}

}
