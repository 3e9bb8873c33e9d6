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
package io.github.e2bspringboot.autoconfigure.testcontainers;

import java.net.URI;

import io.github.e2bspringboot.autoconfigure.E2bConnectionDetails;
import io.github.e2bspringboot.local.testcontainers.E2bLocalContainer;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * Creates {@link E2bConnectionDetails} for an {@link E2bLocalContainer} annotated with
 * {@code @ServiceConnection}.
 *
 * @author e2b-spring-boot contributors
 */
class E2bLocalContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<E2bLocalContainer, E2bConnectionDetails> {

	@Override
	protected E2bConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<E2bLocalContainer> source) {
		return new E2bLocalContainerConnectionDetails(source);
	}

	/**
	 * Connection details of a running {@link E2bLocalContainer}.
	 */
	static final class E2bLocalContainerConnectionDetails extends ContainerConnectionDetails<E2bLocalContainer>
			implements E2bConnectionDetails {

		E2bLocalContainerConnectionDetails(ContainerConnectionSource<E2bLocalContainer> source) {
			super(source);
		}

		@Override
		public String getApiKey() {
			return getContainer().getApiKey();
		}

		@Override
		public URI getApiUrl() {
			return URI.create(getContainer().getUrl());
		}

		@Override
		public URI getSandboxUrl() {
			return URI.create(getContainer().getUrl());
		}

		@Override
		public String toString() {
			return "E2bLocalContainerConnectionDetails[apiKey=******]";
		}

	}

}
