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
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for E2B sandboxes. The official SDKs' environment variables
 * ({@code E2B_API_KEY}, {@code E2B_DOMAIN}, {@code E2B_API_URL}, {@code E2B_SANDBOX_URL})
 * bind to them through relaxed binding. {@link #toString()} never shows the API key.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
@ConfigurationProperties("e2b")
public class E2bProperties {

	/**
	 * Team API key, sent as the X-API-KEY header. Also read from the E2B_API_KEY
	 * environment variable.
	 */
	private @Nullable String apiKey;

	/**
	 * Whether to check at startup that the API key has the shape of an E2B key (e2b_
	 * followed by hexadecimal digits).
	 */
	private boolean validateApiKey = true;

	/**
	 * Domain of the E2B deployment. Used to derive the API URL and the sandbox hosts.
	 */
	private String domain = "e2b.app";

	/**
	 * Base URL of the control plane. Defaults to https://api.<domain>.
	 */
	private @Nullable URI apiUrl;

	/**
	 * URL of the sandbox daemon used for every sandbox instead of the one derived from
	 * the domain; requests are routed by their E2b-Sandbox-Id header.
	 */
	private @Nullable URI sandboxUrl;

	/**
	 * Whether created sandboxes require an access token for their daemon. E2B has
	 * deprecated unsecured sandboxes; false uses the older create endpoint.
	 */
	private boolean secure = true;

	/**
	 * Template (name, alias or ID) of sandboxes created without one.
	 */
	private String template = "base";

	/**
	 * Lifetime of created sandboxes; E2B kills (or pauses) a sandbox when it passes
	 * unless it is extended. A plain number means seconds, as in the Python SDK. Sent in
	 * whole seconds, rounded up.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration timeout = Duration.ofMinutes(5);

	/**
	 * Maximum time one HTTP request to E2B may take (for file transfers: may stay
	 * silent). A plain number means seconds, as in the Python SDK. Zero disables it. Not
	 * the sandbox lifetime and not a command's timeout.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration requestTimeout = Duration.ofSeconds(60);

	/**
	 * Whether created sandboxes may reach the internet. Unset leaves the server's default
	 * (allowed).
	 */
	private @Nullable Boolean allowInternetAccess;

	/**
	 * Extra headers sent on every control-plane request (never to sandboxes).
	 */
	private Map<String, String> apiHeaders = new LinkedHashMap<>();

	private final Health health = new Health();

	private final Local local = new Local();

	private final Retry retry = new Retry();

	private final CodeInterpreter codeInterpreter = new CodeInterpreter();

	/**
	 * Whether sandboxes this application created are killed when the application context
	 * closes, so none outlives the application.
	 */
	private boolean killSandboxesOnShutdown = true;

	/**
	 * Whether each create is tagged with a unique metadata entry, so that a sandbox whose
	 * create response was lost is found and killed instead of leaking.
	 */
	private boolean cleanUpLostCreates = true;

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public boolean isValidateApiKey() {
		return this.validateApiKey;
	}

	public void setValidateApiKey(boolean validateApiKey) {
		this.validateApiKey = validateApiKey;
	}

	public String getDomain() {
		return this.domain;
	}

	public void setDomain(String domain) {
		this.domain = domain;
	}

	public @Nullable URI getApiUrl() {
		return this.apiUrl;
	}

	public void setApiUrl(@Nullable URI apiUrl) {
		this.apiUrl = apiUrl;
	}

	public @Nullable URI getSandboxUrl() {
		return this.sandboxUrl;
	}

	public void setSandboxUrl(@Nullable URI sandboxUrl) {
		this.sandboxUrl = sandboxUrl;
	}

	public boolean isSecure() {
		return this.secure;
	}

	public void setSecure(boolean secure) {
		this.secure = secure;
	}

	public String getTemplate() {
		return this.template;
	}

	public void setTemplate(String template) {
		this.template = template;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public @Nullable Boolean getAllowInternetAccess() {
		return this.allowInternetAccess;
	}

	public void setAllowInternetAccess(@Nullable Boolean allowInternetAccess) {
		this.allowInternetAccess = allowInternetAccess;
	}

	public Map<String, String> getApiHeaders() {
		return this.apiHeaders;
	}

	public void setApiHeaders(Map<String, String> apiHeaders) {
		this.apiHeaders = apiHeaders;
	}

	/**
	 * Return the health settings of the old location.
	 * @return the settings
	 * @deprecated since 0.1.0 in favour of {@link E2bHealthProperties}
	 */
	@Deprecated(since = "0.1.0")
	public Health getHealth() {
		return this.health;
	}

	public Local getLocal() {
		return this.local;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public CodeInterpreter getCodeInterpreter() {
		return this.codeInterpreter;
	}

	public boolean isKillSandboxesOnShutdown() {
		return this.killSandboxesOnShutdown;
	}

	public void setKillSandboxesOnShutdown(boolean killSandboxesOnShutdown) {
		this.killSandboxesOnShutdown = killSandboxesOnShutdown;
	}

	public boolean isCleanUpLostCreates() {
		return this.cleanUpLostCreates;
	}

	public void setCleanUpLostCreates(boolean cleanUpLostCreates) {
		this.cleanUpLostCreates = cleanUpLostCreates;
	}

	@Override
	public String toString() {
		return "E2bProperties[apiKey=" + ((this.apiKey != null) ? "******" : "none") + ", domain=" + this.domain
				+ ", apiUrl=" + this.apiUrl + ", sandboxUrl=" + this.sandboxUrl + ", secure=" + this.secure
				+ ", template=" + this.template + ", timeout=" + this.timeout + ", requestTimeout="
				+ this.requestTimeout + "]";
	}

	/**
	 * Code interpreter settings.
	 */
	public static class CodeInterpreter {

		/**
		 * Template (name, alias or ID) of sandboxes created with createForCode() without
		 * one; its sandboxes must serve the code interpreter on port 49999.
		 */
		private String template = "code-interpreter-v1";

		public String getTemplate() {
			return this.template;
		}

		public void setTemplate(String template) {
			this.template = template;
		}

	}

	/**
	 * Health indicator settings, moved to {@code management.health.e2b.*}.
	 *
	 * @deprecated since 0.1.0 in favour of {@link E2bHealthProperties}
	 */
	@Deprecated(since = "0.1.0")
	public static class Health {

		private @Nullable Duration timeout;

		private @Nullable Duration cacheTimeToLive;

		/**
		 * Maximum time one health probe of the E2B API may take.
		 * @return the timeout, or {@code null} when unset
		 * @deprecated since 0.1.0 in favour of {@code management.health.e2b.timeout}
		 */
		@Deprecated(since = "0.1.0")
		@DeprecatedConfigurationProperty(replacement = "management.health.e2b.timeout", since = "0.1.0")
		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		/**
		 * How long a health result is reused before the API is probed again.
		 * @return the time, or {@code null} when unset
		 * @deprecated since 0.1.0 in favour of
		 * {@code management.health.e2b.cache-time-to-live}
		 */
		@Deprecated(since = "0.1.0")
		@DeprecatedConfigurationProperty(replacement = "management.health.e2b.cache-time-to-live", since = "0.1.0")
		public @Nullable Duration getCacheTimeToLive() {
			return this.cacheTimeToLive;
		}

		public void setCacheTimeToLive(@Nullable Duration cacheTimeToLive) {
			this.cacheTimeToLive = cacheTimeToLive;
		}

	}

	/**
	 * Embedded e2b-local server settings.
	 */
	public static class Local {

		/**
		 * Whether to start an embedded e2b-local server (needs e2b-local on the
		 * classpath). Unset starts one only when neither an API key nor an API URL is
		 * configured, and not from a packaged executable archive.
		 */
		private @Nullable Boolean enabled;

		/**
		 * How sandboxes are kept apart from the host and from each other: 'auto' isolates
		 * them where bubblewrap works and otherwise runs no commands; 'bubblewrap' fails
		 * the start without it; 'none' runs commands on this machine as the application's
		 * user, with a warning at every create.
		 */
		private LocalIsolation isolation = LocalIsolation.AUTO;

		/**
		 * Root file systems sandboxes may be created from, by template name, besides the
		 * built-in 'base' (this machine's /usr with a generated /etc).
		 */
		private final Map<String, Path> templates = new LinkedHashMap<>();

		/**
		 * Most processes each user of a sandbox may run at once.
		 */
		private int maxProcesses = 512;

		/**
		 * Size of each sandbox's writable file system, kept in memory, which its
		 * processes and uploads share.
		 */
		private DataSize diskLimit = DataSize.ofGigabytes(2);

		/**
		 * Most directory watches a sandbox may have open at once.
		 */
		private int maxWatchers = 16;

		/**
		 * Most code-interpreter contexts a sandbox may have at once; each is a kernel
		 * process that holds its memory while it lives.
		 */
		private int maxCodeContexts = 8;

		/**
		 * Most environment variables a sandbox and one of its processes may set together.
		 */
		private int maxEnvVars = 256;

		/**
		 * Most bytes those environment variables may take, names and values.
		 */
		private DataSize maxEnvSize = DataSize.ofKilobytes(128);

		/**
		 * First host uid of the sandboxes' users when the application runs as root; each
		 * sandbox takes 65,536 uids from there, which must belong to nobody on the host.
		 */
		private long uidBase = 1_000_000_000L;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public LocalIsolation getIsolation() {
			return this.isolation;
		}

		public void setIsolation(LocalIsolation isolation) {
			this.isolation = isolation;
		}

		public Map<String, Path> getTemplates() {
			return this.templates;
		}

		public int getMaxProcesses() {
			return this.maxProcesses;
		}

		public void setMaxProcesses(int maxProcesses) {
			this.maxProcesses = maxProcesses;
		}

		public DataSize getDiskLimit() {
			return this.diskLimit;
		}

		public void setDiskLimit(DataSize diskLimit) {
			this.diskLimit = diskLimit;
		}

		public int getMaxWatchers() {
			return this.maxWatchers;
		}

		public void setMaxWatchers(int maxWatchers) {
			this.maxWatchers = maxWatchers;
		}

		public int getMaxCodeContexts() {
			return this.maxCodeContexts;
		}

		public void setMaxCodeContexts(int maxCodeContexts) {
			this.maxCodeContexts = maxCodeContexts;
		}

		public int getMaxEnvVars() {
			return this.maxEnvVars;
		}

		public void setMaxEnvVars(int maxEnvVars) {
			this.maxEnvVars = maxEnvVars;
		}

		public DataSize getMaxEnvSize() {
			return this.maxEnvSize;
		}

		public void setMaxEnvSize(DataSize maxEnvSize) {
			this.maxEnvSize = maxEnvSize;
		}

		public long getUidBase() {
			return this.uidBase;
		}

		public void setUidBase(long uidBase) {
			this.uidBase = uidBase;
		}

	}

	/**
	 * How an embedded e2b-local isolates sandboxes.
	 */
	public enum LocalIsolation {

		/**
		 * Isolated where bubblewrap and user namespaces work; otherwise no commands.
		 */
		AUTO,

		/**
		 * Isolated, or the server does not start.
		 */
		BUBBLEWRAP,

		/**
		 * Commands run on this machine without isolation, as the application's user.
		 */
		NONE

	}

	/**
	 * Retry settings: exponential backoff with jitter for idempotent calls that failed to
	 * connect or got 429, 502, 503 or 504.
	 */
	public static class Retry {

		/**
		 * Whether failed calls are retried.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of attempts of one call, the first included.
		 */
		private int maxAttempts = 4;

		/**
		 * Wait before the first retry.
		 */
		private Duration initialBackoff = Duration.ofMillis(200);

		/**
		 * Longest wait between attempts, a server's Retry-After included.
		 */
		private Duration maxBackoff = Duration.ofSeconds(10);

		/**
		 * Factor by which the wait grows after each retry.
		 */
		private double multiplier = 2.0;

		/**
		 * Random share of each wait, from 0 (none) to 1, so that clients do not retry in
		 * step.
		 */
		private double jitter = 0.5;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

	}

}
