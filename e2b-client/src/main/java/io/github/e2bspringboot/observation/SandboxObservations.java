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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.e2bspringboot.errors.E2bException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Wraps reactive operations in observations: started on subscription (as a child of the
 * caller's observation, found in the Reactor context or else on the calling thread),
 * stopped when they end, with the error recorded, and logged at DEBUG. Without a registry
 * it costs little more than the DEBUG check.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class SandboxObservations {

	private static final DefaultSandboxObservationConvention DEFAULT_CONVENTION = new DefaultSandboxObservationConvention();

	private static final Log logger = LogFactory.getLog(SandboxObservations.class);

	/**
	 * The Reactor context key under which Micrometer's context propagation keeps the
	 * current observation ({@code ObservationThreadLocalAccessor.KEY}): a reactive
	 * caller's observation is read from it, and this one is put there so that the HTTP
	 * client's observations nest under it. A copy, so that nothing here needs the
	 * context-propagation library.
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
		return Mono.deferContextual((caller) -> {
			Running running = start(context, caller);
			// stopped before the signal travels on, so callers see finished observations
			return operation.doOnNext(onValue)
				.doOnSuccess((value) -> running.stop(null))
				.doOnError(running::stop)
				.doOnCancel(running::cancel)
				.contextWrite(running::putInto);
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
		return Flux.deferContextual((caller) -> {
			Running running = start(context, caller);
			return operation.doOnComplete(() -> running.stop(null))
				.doOnError(running::stop)
				.doOnCancel(running::cancel)
				.contextWrite(running::putInto);
		});
	}

	private Running start(SandboxObservationContext context, ContextView caller) {
		Observation observation = SandboxObservationDocumentation.SANDBOX_OPERATION.observation(this.convention,
				DEFAULT_CONVENTION, () -> context, this.registry);
		Observation parent = caller.getOrDefault(CURRENT_OBSERVATION_KEY, null);
		if (parent != null && !parent.isNoop()) {
			observation.parentObservation(parent);
		}
		return new Running(observation.start(), context);
	}

	/**
	 * A started observation, stopped exactly once whichever way the operation ends.
	 */
	private static final class Running {

		private final Observation observation;

		private final SandboxObservationContext context;

		private final long startedAt = System.nanoTime();

		private final AtomicBoolean stopped = new AtomicBoolean();

		Running(Observation observation, SandboxObservationContext context) {
			this.observation = observation;
			this.context = context;
		}

		Context putInto(Context reactor) {
			return reactor.put(CURRENT_OBSERVATION_KEY, this.observation)
				.put(SandboxObservationContext.class, this.context);
		}

		void stop(@Nullable Throwable error) {
			if (this.stopped.compareAndSet(false, true)) {
				if (error != null) {
					this.observation.error(error);
				}
				this.observation.stop();
				log(error, false);
			}
		}

		void cancel() {
			if (!this.stopped.get()) {
				this.observation.event(Observation.Event.of("cancelled"));
			}
			if (this.stopped.compareAndSet(false, true)) {
				this.observation.stop();
				log(null, true);
			}
		}

		private void log(@Nullable Throwable error, boolean cancelled) {
			if (!logger.isDebugEnabled()) {
				return;
			}
			StringBuilder line = new StringBuilder("e2b ").append(this.context.getOperation());
			if (this.context.getSandboxId() != null) {
				line.append(" sandbox=").append(this.context.getSandboxId());
			}
			line.append(" outcome=").append(cancelled ? "CANCELLED" : (error != null) ? "ERROR" : "SUCCESS");
			if (error != null) {
				line.append(" error=").append(error.getClass().getSimpleName());
				if (error instanceof E2bException e2b && e2b.getStatusCode() != null) {
					line.append(" status=").append(e2b.getStatusCode());
				}
			}
			line.append(" retries=").append(this.context.getRetries());
			line.append(" in ").append(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.startedAt)).append(" ms");
			logger.debug(line);
		}

	}

}
