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
package io.github.e2bspringboot.observation;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Observes the data-plane operations of one sandbox (file transfers, commands), tagged
 * with its template and ID.
 *
 * @param observations the observations
 * @param template the sandbox's template, if known
 * @param sandboxId the sandbox's ID
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record SandboxObservationScope(SandboxObservations observations, @Nullable String template, String sandboxId) {

	/**
	 * Observe a single-valued operation.
	 * @param <T> the value type
	 * @param operation the operation's name, such as {@code file.write}
	 * @param mono the operation
	 * @return the observed operation
	 */
	public <T> Mono<T> observe(String operation, Mono<T> mono) {
		return observe(operation, null, mono);
	}

	/**
	 * Observe a single-valued operation that runs code in a language.
	 * @param <T> the value type
	 * @param operation the operation's name, such as {@code code.run}
	 * @param language the language as a low-cardinality tag, or {@code null}
	 * @param mono the operation
	 * @return the observed operation
	 */
	public <T> Mono<T> observe(String operation, @Nullable String language, Mono<T> mono) {
		return this.observations.observe(context(operation, language), mono);
	}

	/**
	 * Observe a streaming operation.
	 * @param <T> the element type
	 * @param operation the operation's name, such as {@code file.read}
	 * @param flux the operation
	 * @return the observed operation
	 */
	public <T> Flux<T> observe(String operation, Flux<T> flux) {
		return observe(operation, null, flux);
	}

	/**
	 * Observe a streaming operation that runs code in a language.
	 * @param <T> the element type
	 * @param operation the operation's name, such as {@code code.run}
	 * @param language the language as a low-cardinality tag, or {@code null}
	 * @param flux the operation
	 * @return the observed operation
	 */
	public <T> Flux<T> observe(String operation, @Nullable String language, Flux<T> flux) {
		return this.observations.observe(context(operation, language), flux);
	}

	private SandboxObservationContext context(String operation, @Nullable String language) {
		SandboxObservationContext context = new SandboxObservationContext(operation, this.template, this.sandboxId);
		context.setLanguage(language);
		return context;
	}

}
