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

import java.net.URL;
import java.security.CodeSource;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code e2b.local.enabled} is {@code true}, or when it is unset, neither an
 * API key nor an API URL is configured, and e2b-local is not packaged inside an
 * executable archive (a development-time dependency stays out of one).
 *
 * @author e2b-spring-boot contributors
 */
class OnEmbeddedLocalServerCondition extends SpringBootCondition {

	private static final String E2B_LOCAL_SERVER = "io.github.e2bspringboot.local.E2bLocalServer";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		Boolean enabled = environment.getProperty("e2b.local.enabled", Boolean.class);
		if (enabled != null) {
			return new ConditionOutcome(enabled, "e2b.local.enabled is " + enabled);
		}
		if (StringUtils.hasText(resolved(environment, "e2b.api-key"))) {
			return ConditionOutcome.noMatch("an E2B API key is configured");
		}
		if (StringUtils.hasText(resolved(environment, "e2b.api-url"))) {
			return ConditionOutcome.noMatch("an E2B API URL is configured");
		}
		URL location = codeSource(context.getClassLoader());
		if (location != null && isInsidePackagedArchive(location.toString())) {
			return ConditionOutcome.noMatch("e2b-local is packaged inside an executable archive, where it is no"
					+ " development-time dependency: set e2b.local.enabled=true to start it there");
		}
		return ConditionOutcome.match("neither an E2B API key nor an API URL is configured");
	}

	private static @Nullable URL codeSource(@Nullable ClassLoader classLoader) {
		try {
			Class<?> server = ClassUtils.forName(E2B_LOCAL_SERVER, classLoader);
			CodeSource source = server.getProtectionDomain().getCodeSource();
			return (source != null) ? source.getLocation() : null;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * Return whether a class comes from a jar nested in an executable archive (Spring
	 * Boot's {@code nested:} URLs, or a {@code jar:...!/} one).
	 * @param url where the class was loaded from
	 * @return whether that is inside a packaged application
	 */
	static boolean isInsidePackagedArchive(String url) {
		return url.startsWith("nested:") || url.startsWith("jar:nested:") || url.contains("!/");
	}

	/**
	 * Return a property, or {@code null} when it is a placeholder that cannot be resolved
	 * (such as {@code ${E2B_API_KEY}} with the variable unset), which configures nothing.
	 */
	private static @Nullable String resolved(Environment environment, String name) {
		try {
			return environment.getProperty(name);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
