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

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A filter and order for listing sandboxes: metadata entries that must all match, the
 * states to include (both running and paused when none is given), the template, a start
 * time, and whether the oldest or the newest come first.
 *
 * <pre class="code">
 * SandboxQuery query = SandboxQuery.builder()
 *     .metadata("user", "alice")
 *     .state(SandboxState.RUNNING)
 *     .order(SandboxOrder.ASCENDING)
 *     .build();
 * </pre>
 *
 * @param metadata the metadata entries a sandbox must have
 * @param states the states to include; empty means all
 * @param template the template (ID or alias) sandboxes were created from, or {@code null}
 * for any
 * @param startedAfter the time after which sandboxes started, or {@code null} for any
 * @param order the order of the listing, or {@code null} for the server's (newest first)
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record SandboxQuery(Map<String, String> metadata, Set<SandboxState> states, @Nullable String template,
		@Nullable Instant startedAfter, @Nullable SandboxOrder order) {

	private static final SandboxQuery ALL = new SandboxQuery(Map.of(), Set.of(), null, null, null);

	/**
	 * Create a query, copying its arguments.
	 * @param metadata the metadata entries a sandbox must have
	 * @param states the states to include; empty means all
	 * @param template the template (ID or alias) sandboxes were created from, or
	 * {@code null} for any
	 * @param startedAfter the time after which sandboxes started, or {@code null} for any
	 * @param order the order of the listing, or {@code null} for the server's (newest
	 * first)
	 */
	public SandboxQuery {
		metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
		states = states.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(states));
	}

	/**
	 * Return a query that matches every sandbox.
	 * @return the query
	 */
	public static SandboxQuery all() {
		return ALL;
	}

	/**
	 * Start a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builder for {@link SandboxQuery}.
	 */
	public static final class Builder {

		private final Map<String, String> metadata = new LinkedHashMap<>();

		private final Set<SandboxState> states = EnumSet.noneOf(SandboxState.class);

		private @Nullable String template;

		private @Nullable Instant startedAfter;

		private @Nullable SandboxOrder order;

		private Builder() {
		}

		/**
		 * Require a metadata entry.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder metadata(String key, String value) {
			this.metadata.put(key, value);
			return this;
		}

		/**
		 * Require metadata entries.
		 * @param metadata the entries
		 * @return this builder
		 */
		public Builder metadata(Map<String, String> metadata) {
			this.metadata.putAll(metadata);
			return this;
		}

		/**
		 * Include sandboxes in the given states.
		 * @param states the states
		 * @return this builder
		 */
		public Builder state(SandboxState... states) {
			this.states.addAll(java.util.List.of(states));
			return this;
		}

		/**
		 * Include only sandboxes created from a template.
		 * @param template the template ID or alias
		 * @return this builder
		 */
		public Builder template(@Nullable String template) {
			this.template = template;
			return this;
		}

		/**
		 * Include only sandboxes that started after a time.
		 * @param startedAfter the time
		 * @return this builder
		 */
		public Builder startedAfter(@Nullable Instant startedAfter) {
			this.startedAfter = startedAfter;
			return this;
		}

		/**
		 * Set the order of the listing.
		 * @param order oldest or newest first
		 * @return this builder
		 */
		public Builder order(@Nullable SandboxOrder order) {
			this.order = order;
			return this;
		}

		/**
		 * Build the query.
		 * @return the query
		 */
		public SandboxQuery build() {
			return new SandboxQuery(this.metadata, this.states, this.template, this.startedAfter, this.order);
		}

	}

}
