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
package io.github.e2bspringboot.autoconfigure.docker;

import java.net.URI;

import io.github.e2bspringboot.autoconfigure.E2bConnectionDetails;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;

/**
 * Creates {@link E2bConnectionDetails} for an e2b-local service of a {@code compose.yaml}
 * that Spring Boot's Docker Compose support started: an {@code e2b-spring-boot/e2b-local}
 * image, reached on the port mapped to its 3000, with the key of its {@code E2B_API_KEY}.
 * Both the API and the sandboxes are reached there.
 *
 * @author e2b-spring-boot contributors
 */
class E2bLocalDockerComposeConnectionDetailsFactory
		extends DockerComposeConnectionDetailsFactory<E2bConnectionDetails> {

	static final String IMAGE = "e2b-spring-boot/e2b-local";

	static final int PORT = 3000;

	E2bLocalDockerComposeConnectionDetailsFactory() {
		super(IMAGE);
	}

	@Override
	protected E2bConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new E2bLocalDockerComposeConnectionDetails(source.getRunningService());
	}

	/**
	 * Connection details of a running e2b-local service.
	 */
	static final class E2bLocalDockerComposeConnectionDetails extends DockerComposeConnectionDetails
			implements E2bConnectionDetails {

		private final String apiKey;

		private final URI url;

		E2bLocalDockerComposeConnectionDetails(RunningService service) {
			super(service);
			String apiKey = service.env().get("E2B_API_KEY");
			if (apiKey == null || apiKey.isBlank()) {
				throw new IllegalStateException("The e2b-local service '" + service.name()
						+ "' of the Compose file sets no E2B_API_KEY in its environment; set one, such as"
						+ " e2b_0123456789abcdef, so that the application can use the same key");
			}
			this.apiKey = apiKey;
			this.url = URI.create("http://" + service.host() + ":" + service.ports().get(PORT));
		}

		@Override
		public String getApiKey() {
			return this.apiKey;
		}

		@Override
		public URI getApiUrl() {
			return this.url;
		}

		@Override
		public URI getSandboxUrl() {
			return this.url;
		}

		@Override
		public String toString() {
			return "E2bLocalDockerComposeConnectionDetails[url=" + this.url + ", apiKey=******]";
		}

	}

}
