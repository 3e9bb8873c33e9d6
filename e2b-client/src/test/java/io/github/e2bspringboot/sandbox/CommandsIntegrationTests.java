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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.e2bspringboot.errors.NotFoundException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.commands.CommandExitException;
import io.github.e2bspringboot.sandbox.CommandHandle;
import io.github.e2bspringboot.sandbox.commands.CommandOptions;
import io.github.e2bspringboot.sandbox.commands.CommandOutput;
import io.github.e2bspringboot.sandbox.commands.CommandResult;
import io.github.e2bspringboot.sandbox.Commands;
import io.github.e2bspringboot.sandbox.commands.ProcessInfo;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every command call of the client, blocking and reactive, against a real e2b-local.
 */
class CommandsIntegrationTests {

	private static E2bLocalServer server;

	private static SandboxTemplate sandboxes;

	private Sandbox sandbox;

	private Commands commands;

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
	void createSandbox() {
		this.sandbox = sandboxes.create(SandboxSpec.builder().env("FROM_SANDBOX", "yes").build());
		this.commands = this.sandbox.commands();
	}

	@AfterEach
	void killSandbox() {
		this.sandbox.close();
	}

	@Test
	void runReturnsTheOutputAndExitCode() {
		CommandResult result = this.commands.run("echo hi; echo there >&2");

		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).isEqualTo("hi\n");
		assertThat(result.stderr()).isEqualTo("there\n");
	}

	@Test
	void aNonZeroExitThrowsWithEverythingItPrinted() {
		assertThatExceptionOfType(CommandExitException.class)
			.isThrownBy(() -> this.commands.run("echo out; echo err >&2; exit 7"))
			.satisfies((ex) -> {
				assertThat(ex.getExitCode()).isEqualTo(7);
				assertThat(ex.getStdout()).isEqualTo("out\n");
				assertThat(ex.getStderr()).isEqualTo("err\n");
				assertThat(ex.getError()).isEqualTo("exit status 7");
				assertThat(ex.getMessage()).isEqualTo("Command exited with code 7 and error:\nerr\n");
			});
	}

	@Test
	void envsCwdAndTheSandboxEnvironmentApply() {
		CommandResult result = this.commands.run("echo $MODE $FROM_SANDBOX; pwd",
				CommandOptions.builder().env("MODE", "test").cwd("/tmp").build());

		assertThat(result.stdout()).isEqualTo("test yes\n/tmp\n");
	}

	@Test
	void theUserOptionChoosesWhoRunsTheCommand() {
		assumeTrue(server.isolated(), "users are the sandbox's own only under bubblewrap");

		assertThat(this.commands.run("whoami; pwd").stdout()).isEqualTo("user\n/home/user\n");
		assertThat(this.commands.run("whoami; pwd", CommandOptions.builder().user("root").build()).stdout())
			.isEqualTo("root\n/root\n");
	}

	@Test
	void callbacksReceiveOutputAsItArrives() throws InterruptedException {
		List<String> stdout = new CopyOnWriteArrayList<>();
		List<String> stderr = new CopyOnWriteArrayList<>();

		// it prints the second line only after the test has seen the first
		CommandHandle handle = this.commands.start("echo one; read -r go; echo two; echo warn >&2",
				CommandOptions.builder().stdin(true).onStdout(stdout::add).onStderr(stderr::add).build());
		for (int i = 0; i < 600 && !String.join("", stdout).equals("one\n"); i++) {
			Thread.sleep(50);
		}
		assertThat(stdout).as("the first line, while the command waits").containsExactly("one\n");
		handle.sendStdin("go\n");
		handle.waitFor();

		assertThat(String.join("", stdout)).isEqualTo("one\ntwo\n");
		assertThat(String.join("", stderr)).isEqualTo("warn\n");
	}

	@Test
	void aBackgroundCommandIsListedAndKilled() {
		CommandHandle handle = this.commands.start("sleep 30");

		assertThat(this.commands.list()).extracting(ProcessInfo::pid).contains(handle.pid());
		assertThat(this.commands.list()).filteredOn((process) -> process.pid() == handle.pid())
			.extracting(ProcessInfo::args)
			.containsExactly(List.of("-l", "-c", "sleep 30"));
		assertThat(handle.kill()).isTrue();

		assertThatExceptionOfType(CommandExitException.class).isThrownBy(handle::waitFor)
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("signal: killed"));
		assertThat(this.commands.kill(999_999)).isFalse();
	}

	@Test
	void stdinFeedsARunningCommand() {
		CommandHandle handle = this.commands.start("read line; echo got:$line; cat",
				CommandOptions.builder().stdin(true).build());

		handle.sendStdin("hello\n");
		this.commands.sendStdin(handle.pid(), "rest");
		handle.closeStdin();

		assertThat(handle.waitFor().stdout()).isEqualTo("got:hello\nrest");
	}

	@Test
	void aCommandTimeoutEndsTheCommand() {
		assertThatExceptionOfType(SandboxTimeoutException.class).isThrownBy(
				() -> this.commands.run("sleep 30", CommandOptions.builder().timeout(Duration.ofMillis(500)).build()))
			.withMessageContaining("timeout");

		assertThat(this.commands.list()).as("the command was ended, not left running").isEmpty();
	}

	@Test
	void oneMegabyteOfOutputArrivesWhole() {
		CommandResult result = this.commands.run("head -c 1000000 /dev/zero | tr '\\0' a");

		assertThat(result.stdout()).hasSize(1_000_000).matches("a+");
	}

	@Test
	void multiByteCharactersSplitAcrossChunksStayWhole() {
		// 40000 three-byte characters: chunk boundaries fall inside characters
		CommandResult result = this.commands.run("printf '€%.0s' $(seq 40000)");

		assertThat(result.stdout()).hasSize(40000).matches("€+");
	}

	@Test
	void connectFollowsARunningProcess() {
		// it waits for its input, so it is still running when connect attaches, however
		// slow the machine
		CommandHandle started = this.commands.start("read -r line; echo later-$line",
				CommandOptions.builder().stdin(true).build());

		CommandHandle attached = this.commands.connect(started.pid());
		started.sendStdin("x\n");

		assertThat(attached.pid()).isEqualTo(started.pid());
		assertThat(attached.waitFor().stdout()).isEqualTo("later-x\n");
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.commands.connect(999_999));
	}

	@Test
	void killingTheSandboxDuringACommandReportsTheSandboxGoneNotAnExit() {
		Sandbox other = sandboxes.create();
		CommandHandle running = other.commands().start("read -r never", CommandOptions.builder().stdin(true).build());

		assertThat(other.kill()).isTrue();

		assertThatExceptionOfType(SandboxTimeoutException.class).isThrownBy(running::waitFor)
			.withMessageContaining("was killed or reached its end of life");
	}

	@Test
	void backgroundProcessesSurvivePauseAndResumeWithTheirPids() {
		CommandHandle echo = this.commands.start("while read -r line; do echo \"got-$line\"; done",
				CommandOptions.builder().stdin(true).timeout(Duration.ZERO).build());

		assertThat(this.sandbox.pause()).isTrue();
		this.sandbox.resume();

		assertThat(this.commands.list()).extracting(ProcessInfo::pid).contains(echo.pid());
		CommandHandle again = this.commands.connect(echo.pid());
		this.commands.sendStdin(echo.pid(), "after\n");
		this.commands.closeStdin(echo.pid());
		assertThat(again.waitFor().stdout()).isEqualTo("got-after\n");
	}

	@Test
	void isRunningFollowsTheSandboxLifecycle() {
		Sandbox other = sandboxes.create();

		assertThat(other.isRunning()).isTrue();
		assertThat(other.pause()).isTrue();
		assertThat(other.isRunning()).isFalse();
		other.resume();
		assertThat(other.isRunning()).isTrue();
		assertThat(other.kill()).isTrue();
		assertThat(other.isRunning()).isFalse();
	}

	@Test
	void theReactiveSideStreamsOutputWithBackpressure() {
		StringBuilder text = new StringBuilder();
		// one chunk asked for, one delivered; how the rest is cut into chunks is the
		// pipe's
		// business
		StepVerifier
			.create(this.sandbox.reactive().commands().stream("echo 1; echo 2; echo 3", CommandOptions.defaults()), 1)
			.consumeNextWith((output) -> text.append(output.text()))
			.thenRequest(Long.MAX_VALUE)
			.thenConsumeWhile((output) -> output.channel() == CommandOutput.Channel.STDOUT,
					(output) -> text.append(output.text()))
			.verifyComplete();
		assertThat(text).hasToString("1\n2\n3\n");
		StepVerifier.create(this.sandbox.reactive().commands().run("exit 3"))
			.verifyErrorMatches((ex) -> ex instanceof CommandExitException exit && exit.getExitCode() == 3);
	}

}
