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

/**
 * Adapts {@link E2bProperties} to {@link E2bConnectionDetails}.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class PropertiesE2bConnectionDetails implements E2bConnectionDetails {

	private final E2bProperties properties;

	/**
	 * Create connection details from properties.
	 * @param properties the properties
	 */
	public PropertiesE2bConnectionDetails(E2bProperties properties) {
		this.properties = properties;
	}

	@Override
	public @Nullable String getApiKey() {
		return this.properties.getApiKey();
	}

	@Override
	public URI getApiUrl() {
		URI apiUrl = this.properties.getApiUrl();
		return (apiUrl != null) ? apiUrl : URI.create("https://api." + this.properties.getDomain());
	}

	@Override
	public String getDomain() {
		return this.properties.getDomain();
	}

	@Override
	public @Nullable URI getSandboxUrl() {
		return this.properties.getSandboxUrl();
	}

	@Override
	public String toString() {
		return "PropertiesE2bConnectionDetails[apiUrl=" + getApiUrl() + ", domain=" + getDomain() + ", sandboxUrl="
				+ getSandboxUrl() + ", apiKey=" + ((getApiKey() != null) ? "******" : "none") + "]";
	}

}
