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
package io.github.e2bspringboot.ai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.e2bspringboot.errors.SandboxNotFoundException;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxOperations;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The sandboxes of conversations: one per conversation id, created on the conversation's
 * first tool call, reused by its later calls, and killed when it has been idle for
 * {@link SandboxToolsSettings#idleTimeout()} ({@link #killIdle()}), when it is ended
 * ({@link #end(String)}), or when this is closed. At most
 * {@link SandboxToolsSettings#maxConversations()} live at once.
 * <p>
 * Each sandbox is created with a lifetime of the idle timeout plus the longest tool call
 * (unless the spec sets one), renewed as it is used, so that a sandbox outlives its
 * conversation by little even if this application dies without closing it.
 * <p>
 * Thread-safe. Creating one conversation's sandbox does not hold up the others.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class ConversationSandboxes implements AutoCloseable {

	/** The conversation of tool calls whose context names none. */
	public static final String DEFAULT_CONVERSATION = "default";

	/** The metadata key each conversation sandbox carries its conversation id under. */
	public static final String CONVERSATION_METADATA_KEY = "e2b-ai-conversation";

	private static final Log logger = LogFactory.getLog(ConversationSandboxes.class);

	private final SandboxOperations sandboxes;

	private final SandboxToolsSettings settings;

	private final Clock clock;

	private final Duration lifetime;

	/** Guarded by {@code this}; in order of creation. */
	private final Map<String, ConversationSandbox> conversations = new LinkedHashMap<>();

	/** Guarded by {@code this}. */
	private boolean closed;

	/**
	 * Create the registry; no sandbox is created until a conversation needs one.
	 * @param sandboxes creates and kills the sandboxes
	 * @param settings the spec, idle timeout and limit
	 * @param clock tells the idle time
	 */
	public ConversationSandboxes(SandboxOperations sandboxes, SandboxToolsSettings settings, Clock clock) {
		this.sandboxes = Objects.requireNonNull(sandboxes, "sandboxes");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.clock = Objects.requireNonNull(clock, "clock");
		Duration specTimeout = settings.sandboxSpec().timeout();
		this.lifetime = (specTimeout != null) ? specTimeout : settings.idleTimeout().plus(settings.maxTimeout());
	}

	/**
	 * Return a conversation's sandbox, creating it on the conversation's first call.
	 * Counts as a use of the conversation.
	 * @param conversationId the conversation id
	 * @return the sandbox
	 * @throws ConversationLimitException when a new sandbox is needed and the limit is
	 * reached
	 * @throws IllegalStateException when this is closed or the conversation was ended
	 * while its sandbox was being created
	 */
	public Sandbox sandboxFor(String conversationId) {
		return use(conversationId, ConversationSession::sandbox);
	}

	/**
	 * Run work with a conversation's sandbox, which is neither idle nor expired while it
	 * runs.
	 * @param <T> the work's result type
	 * @param conversationId the conversation id
	 * @param work what to do with the conversation's sandbox
	 * @return the work's result
	 */
	<T> T use(String conversationId, Function<ConversationSession, T> work) {
		Objects.requireNonNull(conversationId, "conversationId");
		ConversationSandbox conversation = reserve(conversationId);
		try {
			conversation.sandbox();
		}
		catch (RuntimeException ex) {
			release(conversation, false);
			forgetIfFailed(conversation);
			throw ex;
		}
		try {
			return work.apply(conversation);
		}
		catch (SandboxNotFoundException ex) {
			// it expired or was killed outside: the next call starts a new one
			forget(conversation);
			throw ex;
		}
		finally {
			release(conversation, true);
		}
	}

	/**
	 * End a conversation: kill its sandbox now.
	 * @param conversationId the conversation id
	 * @return {@code true} if the conversation had a sandbox
	 */
	public boolean end(String conversationId) {
		ConversationSandbox conversation;
		synchronized (this) {
			conversation = this.conversations.remove(conversationId);
		}
		if (conversation == null) {
			return false;
		}
		conversation.kill();
		return true;
	}

	/**
	 * Return the number of live conversation sandboxes, those being created included.
	 * @return the number
	 */
	public synchronized int size() {
		return this.conversations.size();
	}

	/**
	 * Return the ids of the conversations that have a sandbox.
	 * @return a snapshot of the ids, in order of creation
	 */
	public synchronized Set<String> conversations() {
		return Set.copyOf(this.conversations.keySet());
	}

	/**
	 * Kill the sandboxes of the conversations that no tool call has used for at least the
	 * idle timeout, as the clock tells; a sandbox in use is never idle. Call it
	 * periodically.
	 * @return how many were killed
	 */
	public int killIdle() {
		Instant now = this.clock.instant();
		List<ConversationSandbox> idle = new ArrayList<>();
		synchronized (this) {
			this.conversations.values().removeIf((conversation) -> {
				boolean expired = conversation.isIdleSince(now.minus(this.settings.idleTimeout()));
				if (expired) {
					idle.add(conversation);
				}
				return expired;
			});
		}
		idle.forEach(ConversationSandbox::kill);
		if (!idle.isEmpty() && logger.isDebugEnabled()) {
			logger.debug("Killed the sandboxes of " + idle.size() + " idle conversations");
		}
		return idle.size();
	}

	/**
	 * Kill every conversation's sandbox; later calls of {@link #sandboxFor(String)} throw
	 * {@link IllegalStateException}. Idempotent.
	 */
	@Override
	public void close() {
		List<ConversationSandbox> all;
		synchronized (this) {
			this.closed = true;
			all = new ArrayList<>(this.conversations.values());
			this.conversations.clear();
		}
		all.forEach(ConversationSandbox::kill);
	}

	private synchronized ConversationSandbox reserve(String conversationId) {
		if (this.closed) {
			throw new IllegalStateException("the conversation sandboxes are closed (the application is shutting down)");
		}
		ConversationSandbox conversation = this.conversations.get(conversationId);
		if (conversation == null) {
			// the slot is taken before the sandbox exists, so that concurrent first calls
			// cannot overshoot the limit
			if (this.conversations.size() >= this.settings.maxConversations()) {
				throw new ConversationLimitException(this.settings.maxConversations());
			}
			conversation = new ConversationSandbox(conversationId);
			this.conversations.put(conversationId, conversation);
		}
		conversation.acquire(this.clock.instant());
		return conversation;
	}

	private synchronized void release(ConversationSandbox conversation, boolean used) {
		conversation.release(used ? this.clock.instant() : null);
	}

	private void forgetIfFailed(ConversationSandbox conversation) {
		if (!conversation.hasSandbox()) {
			forget(conversation);
		}
	}

	private void forget(ConversationSandbox conversation) {
		synchronized (this) {
			this.conversations.remove(conversation.id, conversation);
		}
		conversation.kill();
	}

	/**
	 * One conversation's sandbox, created on first use under its own lock.
	 */
	private final class ConversationSandbox implements ConversationSession {

		private final String id;

		private final AtomicInteger artifacts = new AtomicInteger();

		/** Guarded by {@code this}. */
		private @Nullable Sandbox sandbox;

		/** Guarded by {@code this}. */
		private boolean killed;

		/** Guarded by {@code this}: when its lifetime was last renewed. */
		private @Nullable Instant renewed;

		/** Guarded by the registry. */
		private int users;

		/** Guarded by the registry. */
		private Instant lastUsed = Instant.EPOCH;

		ConversationSandbox(String id) {
			this.id = id;
		}

		void acquire(Instant now) {
			this.users++;
			this.lastUsed = now;
		}

		void release(@Nullable Instant now) {
			this.users--;
			if (now != null) {
				this.lastUsed = now;
			}
		}

		boolean isIdleSince(Instant threshold) {
			return this.users == 0 && !this.lastUsed.isAfter(threshold);
		}

		@Override
		public String conversationId() {
			return this.id;
		}

		@Override
		public int nextArtifactNumber() {
			return this.artifacts.incrementAndGet();
		}

		synchronized boolean hasSandbox() {
			return this.sandbox != null;
		}

		@Override
		public synchronized Sandbox sandbox() {
			if (this.killed) {
				throw new IllegalStateException("the conversation '" + this.id + "' was ended");
			}
			Sandbox current = this.sandbox;
			Instant now = ConversationSandboxes.this.clock.instant();
			if (current == null) {
				SandboxSpec spec = ConversationSandboxes.this.settings.sandboxSpec()
					.toBuilder()
					.timeout(ConversationSandboxes.this.lifetime)
					.metadata(CONVERSATION_METADATA_KEY, this.id)
					.build();
				current = ConversationSandboxes.this.sandboxes.createForCode(spec);
				this.sandbox = current;
				this.renewed = now;
			}
			else if (needsRenewal(now)) {
				current.setTimeout(ConversationSandboxes.this.lifetime);
				this.renewed = now;
			}
			return current;
		}

		private boolean needsRenewal(Instant now) {
			// renewing costs a request, so only once a quarter of the lifetime has passed
			Instant last = this.renewed;
			return last == null || !now.isBefore(last.plus(ConversationSandboxes.this.lifetime.dividedBy(4)));
		}

		synchronized void kill() {
			this.killed = true;
			Sandbox current = this.sandbox;
			this.sandbox = null;
			if (current != null) {
				try {
					current.kill();
				}
				catch (RuntimeException ex) {
					// it may be gone already; its lifetime ends it anyway
					logger.warn("Could not kill the sandbox " + current.id() + " of conversation '" + this.id + "'",
							ex);
				}
			}
		}

	}

}
