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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code e2b} health indicator, under {@code management.health.e2b}
 * beside Spring Boot's own indicators. {@code management.health.e2b.enabled} turns it
 * off.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
@ConfigurationProperties("management.health.e2b")
public class E2bHealthProperties {

	/**
	 * Maximum time one health probe of the E2B API may take. Defaults to 5s.
	 */
	private @Nullable Duration timeout;

	/**
	 * How long a health result is reused before the API is probed again. Defaults to 10s.
	 */
	private @Nullable Duration cacheTimeToLive;

	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(@Nullable Duration timeout) {
		this.timeout = timeout;
	}

	public @Nullable Duration getCacheTimeToLive() {
		return this.cacheTimeToLive;
	}

	public void setCacheTimeToLive(@Nullable Duration cacheTimeToLive) {
		this.cacheTimeToLive = cacheTimeToLive;
	}

}
