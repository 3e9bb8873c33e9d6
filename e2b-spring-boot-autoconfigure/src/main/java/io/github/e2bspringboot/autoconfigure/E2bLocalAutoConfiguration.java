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

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.local.Isolation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts an embedded {@code e2b-local} server when no API key and no API URL are
 * configured and {@code e2b-local} is on the classpath, the way Spring Boot starts an
 * embedded database when no URL is set, configured by {@code e2b.local.*}. Like Spring
 * Boot's Docker Compose support it is a development-time dependency: declared optional,
 * it stays out of executable archives, and from inside one it starts only when
 * {@code e2b.local.enabled=true}. The server stops with the application context.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
@AutoConfiguration(before = E2bAutoConfiguration.class)
@ConditionalOnClass(E2bLocalServer.class)
@ConditionalOnMissingBean(E2bConnectionDetails.class)
@Conditional(OnEmbeddedLocalServerCondition.class)
public final class E2bLocalAutoConfiguration {

	private static final Log logger = LogFactory.getLog(E2bLocalAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	E2bLocalServer embeddedE2bLocalServer(E2bProperties properties) {
		E2bProperties.Local local = properties.getLocal();
		E2bLocalServer.Builder builder = E2bLocalServer.builder()
			.isolation(Isolation.valueOf(local.getIsolation().name()))
			.maxProcesses(local.getMaxProcesses())
			.diskLimit(local.getDiskLimit().toBytes())
			.maxWatchers(local.getMaxWatchers())
			.maxCodeContexts(local.getMaxCodeContexts())
			.maxEnvVars(local.getMaxEnvVars())
			.maxEnvBytes(Math.toIntExact(local.getMaxEnvSize().toBytes()))
			.uidBase(local.getUidBase());
		local.getTemplates().forEach(builder::template);
		E2bLocalServer server = builder.build().start();
		logger.warn("No E2B API key is configured: started an embedded e2b-local server at " + server.url() + " ("
				+ (server.isolated() ? "sandboxes isolated" : "commands refused: e2b-local cannot isolate them here")
				+ "). Set 'e2b.api-key' (or E2B_API_KEY) to use E2B's cloud; 'e2b.local.enabled=false' turns the"
				+ " embedded server off.");
		return server;
	}

	@Bean
	LocalE2bConnectionDetails e2bConnectionDetails(E2bLocalServer embeddedE2bLocalServer) {
		return new LocalE2bConnectionDetails(embeddedE2bLocalServer);
	}

	/**
	 * Connection details of the embedded server.
	 */
	static final class LocalE2bConnectionDetails implements E2bConnectionDetails {

		private final E2bLocalServer server;

		LocalE2bConnectionDetails(E2bLocalServer server) {
			this.server = server;
		}

		@Override
		public String getApiKey() {
			return this.server.apiKey();
		}

		@Override
		public URI getApiUrl() {
			return URI.create(this.server.url());
		}

		@Override
		public URI getSandboxUrl() {
			return URI.create(this.server.url());
		}

		@Override
		public String toString() {
			return "LocalE2bConnectionDetails[url=" + this.server.url() + ", apiKey=******]";
		}

	}

}
