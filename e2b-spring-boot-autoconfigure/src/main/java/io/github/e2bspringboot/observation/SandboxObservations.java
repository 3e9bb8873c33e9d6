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

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wraps reactive operations in observations: started on subscription, stopped when they
 * end, with the error recorded. Without a registry it costs nothing.
 *
 * @author e2b-spring-boot contributors
 */
public final class SandboxObservations {

	private static final DefaultSandboxObservationConvention DEFAULT_CONVENTION = new DefaultSandboxObservationConvention();

	/**
	 * The Reactor context key under which Micrometer's context propagation finds the
	 * current observation, so that the HTTP client's observations nest under this one.
	 */
	public static final String CURRENT_OBSERVATION_KEY = "micrometer.observation";

	private final ObservationRegistry registry;

	private final @Nullable SandboxObservationConvention convention;

	/**
	 * Create observations in a registry.
	 * @param registry the registry ({@link ObservationRegistry#NOOP} for none)
	 * @param convention a convention replacing the default, or {@code null}
	 */
	public SandboxObservations(ObservationRegistry registry, @Nullable SandboxObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Observe a single-valued operation.
	 * @param <T> the value type
	 * @param context what the observation knows
	 * @param operation the operation
	 * @return the observed operation
	 */
	public <T> Mono<T> observe(SandboxObservationContext context, Mono<T> operation) {
		return observe(context, operation, (value) -> {
		});
	}

	/**
	 * Observe a single-valued operation, letting its value complete the context (for
	 * example with the ID of a created sandbox).
	 * @param <T> the value type
	 * @param context what the observation knows
	 * @param operation the operation
	 * @param onValue completes the context from the value
	 * @return the observed operation
	 */
	public <T> Mono<T> observe(SandboxObservationContext context, Mono<T> operation, Consumer<T> onValue) {
		return Mono.defer(() -> {
			Running running = new Running(start(context));
			// stopped before the signal travels on, so callers see finished observations
			return operation.doOnNext(onValue)
				.doOnSuccess((value) -> running.stop(null))
				.doOnError(running::stop)
				.doOnCancel(running::cancel)
				.contextWrite((reactor) -> reactor.put(CURRENT_OBSERVATION_KEY, running.observation));
		});
	}

	/**
	 * Observe a streaming operation, from subscription to its end.
	 * @param <T> the element type
	 * @param context what the observation knows
	 * @param operation the operation
	 * @return the observed operation
	 */
	public <T> Flux<T> observe(SandboxObservationContext context, Flux<T> operation) {
		return Flux.defer(() -> {
			Running running = new Running(start(context));
			return operation.doOnComplete(() -> running.stop(null))
				.doOnError(running::stop)
				.doOnCancel(running::cancel)
				.contextWrite((reactor) -> reactor.put(CURRENT_OBSERVATION_KEY, running.observation));
		});
	}

	private Observation start(SandboxObservationContext context) {
		return SandboxObservationDocumentation.SANDBOX_OPERATION
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
	}

	/**
	 * A started observation, stopped exactly once whichever way the operation ends.
	 */
	private static final class Running {

		private final Observation observation;

		private final AtomicBoolean stopped = new AtomicBoolean();

		Running(Observation observation) {
			this.observation = observation;
		}

		void stop(@Nullable Throwable error) {
			if (this.stopped.compareAndSet(false, true)) {
				if (error != null) {
					this.observation.error(error);
				}
				this.observation.stop();
			}
		}

		void cancel() {
			if (!this.stopped.get()) {
				this.observation.event(Observation.Event.of("cancelled"));
			}
			stop(null);
		}

	}

}
