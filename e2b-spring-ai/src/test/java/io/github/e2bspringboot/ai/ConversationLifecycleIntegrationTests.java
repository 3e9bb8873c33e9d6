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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.ai.tool.ToolCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The lifecycle of conversation sandboxes against a real e2b-local: lazy creation, reuse,
 * idle expiry by a clock the test moves, explicit end, close and the limit. The sandboxes
 * are small ones from the base template (no kernel), driven by {@code run_command}; the
 * server's own count proves that none is left behind.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConversationLifecycleIntegrationTests {

	private static final Duration IDLE = Duration.ofMinutes(10);

	private static E2bLocalServer server;

	private static SandboxTemplate sandboxes;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private ConversationSandboxes conversations;

	private ToolCallback runCommand;

	@BeforeAll
	static void startServer() {
		server = LocalSandboxes.startServer();
		sandboxes = new SandboxTemplate(LocalSandboxes.reactiveTemplate(server));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void createConversations() {
		useSettings(settings().build());
	}

	@AfterEach
	void noSandboxIsLeft() {
		this.conversations.close();
		assertThat(server.sandboxCount()).as("sandboxes left on the server").isZero();
	}

	@Test
	void aSandboxIsCreatedOnTheFirstCallAndReused() {
		assertThat(server.sandboxCount()).isZero();
		assertThat(this.conversations.size()).isZero();

		String first = echo("c1", "one");
		String sandboxId = this.conversations.sandboxFor("c1").id();
		String second = echo("c1", "two");

		assertThat(first).isEqualTo("exit code: 0\nstdout:\none");
		assertThat(second).isEqualTo("exit code: 0\nstdout:\ntwo");
		assertThat(this.conversations.sandboxFor("c1").id()).isEqualTo(sandboxId);
		assertThat(server.sandboxCount()).isOne();
		assertThat(this.conversations.conversations()).containsExactly("c1");
	}

	@Test
	void badArgumentsCreateNoSandbox() {
		String result = this.runCommand.call("{\"command\":", Tools.conversation("c1"));

		assertThat(result).startsWith("Error: ");
		assertThat(server.sandboxCount()).isZero();
		assertThat(this.conversations.size()).isZero();
	}

	@Test
	void idleSandboxesAreKilledOnceTheIdleTimeoutHasPassed() {
		echo("c1", "t0");
		echo("c2", "t0");
		this.clock.advance(Duration.ofMinutes(4));
		echo("c2", "t4"); // c2 was last used at t0 + 4 min

		this.clock.advance(IDLE.minus(Duration.ofMinutes(4)).minusSeconds(1)); // t0 +
																				// 9:59
		assertThat(this.conversations.killIdle()).as("at 9:59 nobody has been idle for 10 min").isZero();

		this.clock.advance(Duration.ofSeconds(1)); // t0 + 10:00: c1 idle for exactly 10
													// min
		assertThat(this.conversations.killIdle()).isOne();
		assertThat(this.conversations.conversations()).containsExactly("c2");
		assertThat(server.sandboxCount()).isOne();

		this.clock.advance(Duration.ofMinutes(4).minusSeconds(1)); // t0 + 13:59: c2 idle
																	// 9:59
		assertThat(this.conversations.killIdle()).isZero();
		this.clock.advance(Duration.ofSeconds(1)); // t0 + 14:00
		assertThat(this.conversations.killIdle()).isOne();
		assertThat(this.conversations.size()).isZero();
		assertThat(server.sandboxCount()).isZero();

		// a later call starts afresh
		assertThat(this.runCommand.call("{\"command\":\"test -e /home/user/marker || echo fresh\"}",
				Tools.conversation("c1")))
			.isEqualTo("exit code: 0\nstdout:\nfresh");
	}

	@Test
	void endingAConversationKillsItsSandbox() {
		echo("c1", "x");
		echo("c2", "x");

		assertThat(this.conversations.end("c1")).isTrue();
		assertThat(this.conversations.end("c1")).isFalse();
		assertThat(this.conversations.end("never-started")).isFalse();

		assertThat(this.conversations.conversations()).containsExactly("c2");
		assertThat(server.sandboxCount()).isOne();
	}

	@Test
	void closeKillsEverySandboxAndLaterCallsGetAnErrorResult() {
		echo("c1", "x");
		echo("c2", "x");

		this.conversations.close();

		assertThat(server.sandboxCount()).isZero();
		assertThat(this.conversations.size()).isZero();
		assertThat(echo("c1", "again")).startsWith("Error: ").contains("closed");
		assertThat(echo("c3", "new")).startsWith("Error: ").contains("closed");
		assertThatIllegalStateException().isThrownBy(() -> this.conversations.sandboxFor("c1"));
		assertThat(server.sandboxCount()).isZero();
	}

	@Test
	void theLimitOfConversationsGivesAnErrorResultUntilOneEnds() {
		useSettings(settings().maxConversations(2).build());
		echo("c1", "x");
		echo("c2", "x");

		String third = echo("c3", "x");

		assertThat(third).startsWith("Error: ")
			.contains("limit of 2 live conversation sandboxes (maxConversations)")
			.contains("end a conversation");
		assertThat(this.conversations.conversations()).containsExactlyInAnyOrder("c1", "c2");
		assertThat(server.sandboxCount()).isEqualTo(2);
		assertThat(echo("c1", "still")).as("existing conversations go on").endsWith("still");

		this.conversations.end("c1");

		assertThat(echo("c3", "room")).isEqualTo("exit code: 0\nstdout:\nroom");
		assertThat(this.conversations.conversations()).containsExactlyInAnyOrder("c2", "c3");
	}

	@Test
	void manyConversationsLeaveNoSandboxAfterIdleExpiryOrClose() throws Exception {
		int count = 12;
		runConcurrently(count, "idle-");
		assertThat(this.conversations.size()).isEqualTo(count);
		assertThat(server.sandboxCount()).isEqualTo(count);

		this.clock.advance(IDLE);
		assertThat(this.conversations.killIdle()).isEqualTo(count);
		assertThat(server.sandboxCount()).isZero();

		runConcurrently(count, "closed-");
		assertThat(server.sandboxCount()).isEqualTo(count);
		this.conversations.close();
		assertThat(server.sandboxCount()).isZero();
	}

	private void runConcurrently(int count, String prefix) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(count);
		try {
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String id = prefix + i;
				results.add(executor.submit(() -> echo(id, id)));
			}
			for (int i = 0; i < count; i++) {
				assertThat(results.get(i).get(2, TimeUnit.MINUTES)).isEqualTo("exit code: 0\nstdout:\n" + prefix + i);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private String echo(String conversationId, String text) {
		return this.runCommand.call("{\"command\":\"echo " + text + "\"}", Tools.conversation(conversationId));
	}

	private static SandboxToolsSettings.Builder settings() {
		// small sandboxes: commands need no kernel
		return SandboxToolsSettings.builder()
			.sandboxSpec(SandboxSpec.builder().template("base").build())
			.idleTimeout(IDLE);
	}

	private void useSettings(SandboxToolsSettings settings) {
		if (this.conversations != null) {
			this.conversations.close();
		}
		this.conversations = new ConversationSandboxes(sandboxes, settings, this.clock);
		this.runCommand = Tools.named(new E2bSandboxTools(this.conversations, settings, List.of(), null),
				"run_command");
	}

}
