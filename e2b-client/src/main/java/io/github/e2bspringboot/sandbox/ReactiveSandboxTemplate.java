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
package io.github.e2bspringboot.sandbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.e2bspringboot.errors.AuthenticationException;
import io.github.e2bspringboot.errors.E2bConnectionException;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.InvalidArgumentException;
import io.github.e2bspringboot.errors.RateLimitException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.errors.ServiceBusyException;
import io.github.e2bspringboot.errors.TemplateException;
import io.github.e2bspringboot.observation.SandboxObservationContext;
import io.github.e2bspringboot.observation.SandboxObservationConvention;
import io.github.e2bspringboot.observation.SandboxObservationScope;
import io.github.e2bspringboot.observation.SandboxObservations;
import io.github.e2bspringboot.wire.Arguments;
import io.github.e2bspringboot.wire.CodeInterpreterAddress;
import io.github.e2bspringboot.wire.CodeInterpreterClient;
import io.github.e2bspringboot.wire.ControlPlaneClient;
import io.github.e2bspringboot.wire.CreatedSandbox;
import io.github.e2bspringboot.wire.EnvdAddress;
import io.github.e2bspringboot.wire.EnvdClient;
import io.github.e2bspringboot.wire.Retries;
import io.github.e2bspringboot.wire.Versions;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The reactive implementation of {@link ReactiveSandboxOperations}, over Spring's
 * {@link WebClient}. Every operation is a Micrometer observation; created sandboxes are
 * tracked until killed. Thread-safe; one instance serves the whole application.
 *
 * <pre class="code">
 * ReactiveSandboxTemplate sandboxes = new ReactiveSandboxTemplate(WebClient.builder(),
 *         E2bConnectionConfig.builder().apiKey(System.getenv("E2B_API_KEY")).build(), SandboxSpec.empty());
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class ReactiveSandboxTemplate implements ReactiveSandboxOperations {

	/** The template used when neither the call nor the defaults name one. */
	public static final String DEFAULT_TEMPLATE = "base";

	/** The sandbox lifetime of the official SDKs, sent when no other is given. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

	private static final Log logger = LogFactory.getLog(ReactiveSandboxTemplate.class);

	/**
	 * The metadata key that tags each create, to find a sandbox whose create response was
	 * lost.
	 */
	public static final String CREATE_ID_METADATA_KEY = "e2b-spring-boot-create-id";

	private static final String MINIMUM_ENVD_VERSION = "0.1.0";

	private final AtomicBoolean unsecuredWarned = new AtomicBoolean();

	private final E2bConnectionConfig config;

	private final SandboxSpec defaults;

	private final ControlPlaneClient controlPlane;

	private final WebClient envdWebClient;

	private final ObservationRegistry observationRegistry;

	private final SandboxTracker tracker;

	private volatile SandboxObservations observations;

	private volatile boolean lostCreateCleanup = true;

	/**
	 * Create a template that records no observations.
	 * @param webClientBuilder the builder the HTTP clients are cloned from
	 * @param config how to reach E2B
	 * @param defaults the values a {@link SandboxSpec} takes for what it leaves unset
	 */
	public ReactiveSandboxTemplate(WebClient.Builder webClientBuilder, E2bConnectionConfig config,
			SandboxSpec defaults) {
		this(webClientBuilder, config, defaults, ObservationRegistry.NOOP, new SandboxTracker());
	}

	/**
	 * Create a template.
	 * @param webClientBuilder the builder the HTTP clients are cloned from, so that its
	 * customizations (codecs, SSL, observations) apply
	 * @param config how to reach E2B
	 * @param defaults the values a {@link SandboxSpec} takes for what it leaves unset
	 * @param observationRegistry where operations are observed
	 * @param tracker where created sandboxes are recorded
	 */
	public ReactiveSandboxTemplate(WebClient.Builder webClientBuilder, E2bConnectionConfig config, SandboxSpec defaults,
			ObservationRegistry observationRegistry, SandboxTracker tracker) {
		this.config = config;
		this.defaults = defaults.withDefaults(SandboxSpec.builder().template(DEFAULT_TEMPLATE).build());
		this.controlPlane = new ControlPlaneClient(webClientBuilder, config);
		this.envdWebClient = webClientBuilder.clone().build();
		this.observationRegistry = observationRegistry;
		this.tracker = tracker;
		this.observations = new SandboxObservations(observationRegistry, null);
	}

	/**
	 * Create a template for plain Java use: its own HTTP client on Reactor Netty, no
	 * observations, and the official SDKs' defaults for what a sandbox leaves unset.
	 * @param config how to reach E2B, for example
	 * {@link E2bConnectionConfig#fromEnvironment()}
	 * @return the template
	 */
	public static ReactiveSandboxTemplate create(E2bConnectionConfig config) {
		return new ReactiveSandboxTemplate(WebClient.builder(), config, SandboxSpec.builder().build());
	}

	/**
	 * Replace the default observation convention.
	 * @param convention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable SandboxObservationConvention convention) {
		this.observations = new SandboxObservations(this.observationRegistry, convention);
	}

	/**
	 * Set whether each create is tagged with a unique {@value #CREATE_ID_METADATA_KEY}
	 * metadata entry, so that a sandbox whose create response was lost (a dropped
	 * connection, a timeout, a 5xx after the request arrived) can be found and killed
	 * rather than leaked. On by default.
	 * @param lostCreateCleanup whether to tag creates and clean up after lost responses
	 */
	public void setLostCreateCleanup(boolean lostCreateCleanup) {
		this.lostCreateCleanup = lostCreateCleanup;
	}

	/**
	 * Return the sandboxes this template created and did not kill.
	 * @return the tracker
	 */
	public SandboxTracker getTracker() {
		return this.tracker;
	}

	@Override
	public Mono<ReactiveSandbox> create() {
		return create(SandboxSpec.empty());
	}

	@Override
	public Mono<ReactiveSandbox> create(String template) {
		return create(SandboxSpec.builder().template(template).build());
	}

	@Override
	public Mono<ReactiveSandbox> create(SandboxSpec spec) {
		return Mono.defer(() -> {
			SandboxSpec resolved = validate(Arguments.requireNonNull(spec, "spec").withDefaults(this.defaults));
			String template = Arguments.requireText(resolved.template(), "template");
			Duration timeout = (resolved.timeout() != null) ? resolved.timeout() : DEFAULT_TIMEOUT;
			SandboxObservationContext context = new SandboxObservationContext("create", template, null);
			Mono<CreatedSandbox> created = createCleaningUp(resolved).flatMap(this::requireSupportedEnvd);
			return this.observations.observe(context, created, (sandbox) -> context.setSandboxId(sandbox.sandboxId()))
				.doOnNext((sandbox) -> this.tracker.created(sandbox.sandboxId(), template, timeout))
				.doOnError((ex) -> this.tracker.createFailed(template))
				.map((sandbox) -> toSandbox(sandbox, template));
		});
	}

	@Override
	public Mono<ReactiveSandbox> createForCode() {
		return createForCode(SandboxSpec.empty());
	}

	@Override
	public Mono<ReactiveSandbox> createForCode(SandboxSpec spec) {
		return Mono.defer(() -> {
			SandboxSpec given = Arguments.requireNonNull(spec, "spec");
			// the spec's own template wins; else the code interpreter's, not the
			// defaults'
			return create((given.template() != null) ? given
					: given.toBuilder().template(this.config.codeInterpreterTemplate()).build());
		});
	}

	/**
	 * Create, and when the response is lost after the request may have arrived, kill what
	 * the create made: the caller gets the error and no sandbox is left behind.
	 */
	private Mono<CreatedSandbox> createCleaningUp(SandboxSpec spec) {
		if (!this.lostCreateCleanup) {
			return this.controlPlane.create(spec);
		}
		String createId = UUID.randomUUID().toString();
		SandboxSpec tagged = spec.toBuilder().metadata(CREATE_ID_METADATA_KEY, createId).build();
		return this.controlPlane.create(tagged)
			.onErrorResume((ex) -> mayHaveCreated(ex) ? killTagged(createId).then(Mono.error(ex)) : Mono.error(ex));
	}

	private Mono<Void> killTagged(String createId) {
		SandboxQuery query = SandboxQuery.builder().metadata(CREATE_ID_METADATA_KEY, createId).build();
		return new ReactiveSandboxPaginator((token) -> this.controlPlane.list(query, null, token), null).items()
			.concatMap((orphan) -> this.controlPlane.kill(orphan.sandboxId())
				.doOnNext((killed) -> logger.warn("Killed sandbox " + orphan.sandboxId()
						+ " whose create response was lost, so that it does not leak")))
			.onErrorResume((ex) -> {
				logger
					.warn("Could not check for a sandbox left by a create whose response was lost: " + ex.getMessage());
				return Mono.empty();
			})
			.then();
	}

	/**
	 * Whether a failed create may still have made a sandbox: the request may have arrived
	 * and only the answer was lost.
	 */
	private static boolean mayHaveCreated(Throwable failure) {
		if (failure instanceof RateLimitException || failure instanceof ServiceBusyException
				|| failure instanceof AuthenticationException || failure instanceof InvalidArgumentException) {
			return false;
		}
		if (failure instanceof E2bConnectionException) {
			return !Retries.neverSent(failure);
		}
		if (failure instanceof E2bException e2b && e2b.getStatusCode() != null) {
			return e2b.getStatusCode() >= 500;
		}
		return failure instanceof SandboxTimeoutException || failure instanceof E2bException;
	}

	@Override
	public Mono<ReactiveSandbox> connect(String sandboxId) {
		return Mono.defer(() -> connectTo(Arguments.requireText(sandboxId, "sandboxId"), null));
	}

	@Override
	public Mono<ReactiveSandbox> connect(String sandboxId, Duration timeout) {
		return Mono.defer(() -> connectTo(Arguments.requireText(sandboxId, "sandboxId"),
				Arguments.requirePositive(timeout, "timeout")));
	}

	private Mono<ReactiveSandbox> connectTo(String sandboxId, @Nullable Duration timeout) {
		SandboxObservationContext context = new SandboxObservationContext("connect", trackedTemplate(sandboxId),
				sandboxId);
		return this.observations.observe(context, this.controlPlane.connect(sandboxId, timeout), (sandbox) -> {
			if (context.getTemplate() == null) {
				context.setTemplate(sandbox.templateId());
			}
			if (timeout != null) {
				this.tracker.renewed(sandboxId, timeout);
			}
		}).map((sandbox) -> toSandbox(sandbox, context.getTemplate()));
	}

	@Override
	public Mono<Boolean> kill(String sandboxId) {
		return Mono.defer(() -> {
			String id = Arguments.requireText(sandboxId, "sandboxId");
			return observe("kill", id, this.controlPlane.kill(id))
				.doOnNext((killed) -> this.tracker.killed(id,
						killed ? SandboxTracker.KillOutcome.SUCCESS : SandboxTracker.KillOutcome.NOT_FOUND))
				.doOnError((ex) -> this.tracker.killed(id, SandboxTracker.KillOutcome.ERROR));
		});
	}

	@Override
	public Mono<SandboxInfo> getInfo(String sandboxId) {
		return Mono.defer(() -> {
			String id = Arguments.requireText(sandboxId, "sandboxId");
			return observe("get_info", id, this.controlPlane.getInfo(id)).map(ReactiveSandboxTemplate::withoutCreateId);
		});
	}

	@Override
	public Mono<Void> setTimeout(String sandboxId, Duration timeout) {
		return Mono.defer(() -> {
			String id = Arguments.requireText(sandboxId, "sandboxId");
			Duration lifetime = Arguments.requirePositive(timeout, "timeout");
			return observe("set_timeout", id, this.controlPlane.setTimeout(id, lifetime))
				.doOnSuccess((done) -> this.tracker.extended(id, lifetime));
		});
	}

	@Override
	public Mono<Boolean> pause(String sandboxId) {
		return Mono.defer(() -> {
			String id = Arguments.requireText(sandboxId, "sandboxId");
			return observe("pause", id, this.controlPlane.pause(id));
		});
	}

	@Override
	public Mono<List<SandboxMetrics>> getMetrics(String sandboxId) {
		return Mono.defer(() -> {
			String id = Arguments.requireText(sandboxId, "sandboxId");
			return observe("get_metrics", id, this.controlPlane.getMetrics(id));
		});
	}

	@Override
	public ReactiveSandboxPaginator list(SandboxQuery query, @Nullable Integer limit, @Nullable String nextToken) {
		Arguments.requireNonNull(query, "query");
		if (limit != null && (limit < 1 || limit > 100)) {
			throw new InvalidArgumentException("limit must be between 1 and 100, got " + limit);
		}
		return new ReactiveSandboxPaginator((token) -> this.observations
			.observe(new SandboxObservationContext("list", null, null), this.controlPlane.list(query, limit, token))
			.map((page) -> new SandboxPage(page.items().stream().map(ReactiveSandboxTemplate::withoutCreateId).toList(),
					page.nextToken())),
				nextToken);
	}

	/**
	 * Drop the tag that finds lost creates: it belongs on the wire, not in what
	 * applications read back.
	 */
	private static SandboxInfo withoutCreateId(SandboxInfo info) {
		if (!info.metadata().containsKey(CREATE_ID_METADATA_KEY)) {
			return info;
		}
		Map<String, String> metadata = new HashMap<>(info.metadata());
		metadata.remove(CREATE_ID_METADATA_KEY);
		return new SandboxInfo(info.sandboxId(), info.templateId(), info.name(), metadata, info.startedAt(),
				info.endAt(), info.state(), info.cpuCount(), info.memoryMB(), info.diskSizeMB(), info.envdVersion());
	}

	private <T> Mono<T> observe(String operation, String sandboxId, Mono<T> call) {
		return this.observations
			.observe(new SandboxObservationContext(operation, trackedTemplate(sandboxId), sandboxId), call);
	}

	private @Nullable String trackedTemplate(String sandboxId) {
		SandboxTracker.TrackedSandbox tracked = this.tracker.get(sandboxId);
		return (tracked != null) ? tracked.template() : null;
	}

	private SandboxSpec validate(SandboxSpec spec) {
		Arguments.requireText(spec.template(), "template");
		Duration timeout = spec.timeout();
		if (timeout != null) {
			Arguments.requirePositive(timeout, "timeout");
		}
		if (Boolean.FALSE.equals(spec.secure())) {
			if (this.unsecuredWarned.compareAndSet(false, true)) {
				logger.warn("Creating an unsecured sandbox (secure=false): E2B has deprecated unsecured sandboxes"
						+ " and may stop offering them");
			}
			// the older endpoint that still takes "secure" defaults to a 15 s lifetime
			if (timeout == null) {
				return spec.toBuilder().timeout(DEFAULT_TIMEOUT).build();
			}
		}
		return spec;
	}

	private Mono<CreatedSandbox> requireSupportedEnvd(CreatedSandbox created) {
		if (Versions.compare(created.envdVersion(), MINIMUM_ENVD_VERSION) >= 0) {
			return Mono.just(created);
		}
		TemplateException error = new TemplateException(
				"Sandbox " + created.sandboxId() + " runs envd " + created.envdVersion() + ", older than the "
						+ MINIMUM_ENVD_VERSION + " this client needs: rebuild the template with a current E2B version");
		return this.controlPlane.kill(created.sandboxId()).onErrorComplete().then(Mono.error(error));
	}

	private ReactiveSandbox toSandbox(CreatedSandbox created, @Nullable String template) {
		String baseUrl = EnvdAddress.baseUrl(this.config, created.sandboxId(), created.domain());
		EnvdClient envd = new EnvdClient(this.envdWebClient, baseUrl, created.sandboxId(), created.envdAccessToken(),
				this.config.requestTimeout(), this.config.retrySettings(), EnvdAddress.hint(this.config));
		CodeInterpreterClient codeInterpreter = new CodeInterpreterClient(this.envdWebClient,
				CodeInterpreterAddress.baseUrl(this.config, created.sandboxId(), created.domain()), created.sandboxId(),
				created.envdAccessToken(), this.config.requestTimeout(), this.config.retrySettings(),
				EnvdAddress.hint(this.config), envd);
		return new ReactiveSandbox(created, this, envd,
				EnvdAddress.directUrl(this.config, created.sandboxId(), created.domain()), codeInterpreter,
				new SandboxObservationScope(this.observations, template, created.sandboxId()));
	}

}
