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
package io.github.e2bspringboot.local;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.e2bspringboot.local.LocalClient.CommandOutput;
import io.github.e2bspringboot.local.LocalClient.Frame;
import io.github.e2bspringboot.local.LocalClient.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The process service of e2b-local: commands, their streams, stdin, signals, deadlines,
 * and the isolation of sandboxes from each other (PROTOCOL.md 6.4).
 */
class ProcessTests {

	private static E2bLocalServer server;

	private static LocalClient client;

	@BeforeAll
	static void start() {
		server = E2bLocalServer.builder().isolation(IsolationRequirement.forTests()).build().start();
		client = new LocalClient(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static Sandbox newSandbox() {
		return Sandbox.of(client.createSandbox("{\"templateID\":\"base\",\"envVars\":{\"FROM_CREATE\":\"yes\"}}"));
	}

	@Test
	void aCommandStreamsStartOutputEndAndTheEndStreamFrame() {
		Sandbox sandbox = newSandbox();

		List<Frame> frames = client.stream(sandbox, "process.Process/Start",
				"{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"echo hi\"]},\"stdin\":false}");

		assertThat(frames.get(0).message().get("event").has("start")).isTrue();
		CommandOutput output = CommandOutput.of(frames);
		assertThat(output.stdout()).isEqualTo("hi\n");
		assertThat(output.end().get("status").asString()).isEqualTo("exit status 0");
		assertThat(output.end().has("exitCode")).as("a zero exit code is omitted").isFalse();
		assertThat(output.endStream().isEmpty()).isTrue();
	}

	@Test
	void aFailingCommandReportsItsExitCodeAndStderr() {
		CommandOutput output = client.run(newSandbox(), "echo oops >&2; exit 3");

		assertThat(output.exitCode()).isEqualTo(3);
		assertThat(output.stderr()).isEqualTo("oops\n");
		assertThat(output.end().get("error").asString()).isEqualTo("exit status 3");
	}

	@Test
	void envsCwdAndTheSandboxEnvironmentApply() {
		Sandbox sandbox = newSandbox();
		String json = "{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"echo $A $FROM_CREATE; pwd\"],"
				+ "\"envs\":{\"A\":\"b\"},\"cwd\":\"/tmp\"},\"stdin\":false}";

		CommandOutput output = CommandOutput.of(client.stream(sandbox, "process.Process/Start", json));

		assertThat(output.stdout()).isEqualTo("b yes\n/tmp\n");
	}

	@Test
	void theDefaultUserIsUserAndRootCanBeChosen() {
		Sandbox sandbox = newSandbox();
		assumeTrue(server.isolated(), "users and homes are the sandbox's own only under bubblewrap");

		assertThat(client.run(sandbox, "whoami; pwd; echo $HOME").stdout()).isEqualTo("user\n/home/user\n/home/user\n");
		assertThat(client.run(sandbox, "whoami; pwd", "Authorization", "Basic cm9vdDo=").stdout())
			.isEqualTo("root\n/root\n");
		List<Frame> unknown = client.stream(sandbox, "process.Process/Start", "{\"process\":{\"cmd\":\"/bin/true\"}}",
				"Authorization", "Basic " + Base64.getEncoder().encodeToString("nobody:".getBytes()));
		assertThat(unknown.get(0).message().get("error").get("code").asString()).isEqualTo("unauthenticated");
	}

	@Test
	void filesWrittenThroughTheApiAreWhatCommandsSee() {
		Sandbox sandbox = newSandbox();
		assumeTrue(server.isolated(), "absolute paths are the sandbox's own only under bubblewrap");
		client.envd(sandbox, "POST", "/files?path=%2Fhome%2Fuser%2Fa.txt", HttpRequest.BodyPublishers.ofString("home"),
				"Content-Type", "application/octet-stream");
		client.envd(sandbox, "POST", "/files?path=%2Ftmp%2Fb.txt", HttpRequest.BodyPublishers.ofString("tmp"),
				"Content-Type", "application/octet-stream");

		assertThat(client.run(sandbox, "cat /home/user/a.txt /tmp/b.txt; echo made > /tmp/c.txt").stdout())
			.isEqualTo("hometmp");
		HttpResponse<byte[]> made = client.envd(sandbox, "GET", "/files?path=%2Ftmp%2Fc.txt",
				HttpRequest.BodyPublishers.noBody());
		assertThat(LocalClient.text(made)).isEqualTo("made\n");
	}

	@Test
	void sandboxesCannotSeeEachOther() {
		assumeTrue(server.isolated(), "sandboxes are kept apart only under bubblewrap");
		Sandbox first = newSandbox();
		Sandbox second = newSandbox();

		client.run(first, "echo first > /tmp/secret.txt");
		client.run(second, "echo second > /tmp/secret.txt");

		assertThat(client.run(first, "cat /tmp/secret.txt").stdout()).isEqualTo("first\n");
		assertThat(client.run(second, "cat /tmp/secret.txt").stdout()).isEqualTo("second\n");
		assertThat(client.run(first, "ls /home").stdout()).isEqualTo("user\n");
		assertThat(client.run(first, "ls / | grep -c work || true").stdout()).isEqualTo("0\n");
	}

	@Test
	void aBackgroundCommandIsListedAndKilled() throws Exception {
		Sandbox sandbox = newSandbox();
		CompletableFuture<List<Frame>> running = CompletableFuture
			.supplyAsync(() -> client.stream(sandbox, "process.Process/Start",
					"{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"sleep 30\"]},\"stdin\":false}"));
		int pid = awaitListedPid(sandbox);

		HttpResponse<byte[]> killed = client.unary(sandbox, "process.Process/SendSignal",
				"{\"process\":{\"pid\":" + pid + "},\"signal\":\"SIGNAL_SIGKILL\"}");

		assertThat(killed.statusCode()).isEqualTo(200);
		CommandOutput output = CommandOutput.of(running.get(10, TimeUnit.SECONDS));
		assertThat(output.end().get("status").asString()).isEqualTo("signal: killed");
		assertThat(output.exitCode()).isEqualTo(-1);
		HttpResponse<byte[]> unknown = client.unary(sandbox, "process.Process/SendSignal",
				"{\"process\":{\"pid\":999999},\"signal\":\"SIGNAL_SIGKILL\"}");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(LocalClient.json(unknown).get("code").asString()).isEqualTo("not_found");
	}

	@Test
	void stdinReachesTheProcessUntilClosed() throws Exception {
		Sandbox sandbox = newSandbox();
		CompletableFuture<List<Frame>> running = CompletableFuture
			.supplyAsync(() -> client.stream(sandbox, "process.Process/Start",
					"{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"cat\"]},\"stdin\":true}"));
		int pid = awaitListedPid(sandbox);

		client.unary(sandbox, "process.Process/SendInput", "{\"process\":{\"pid\":" + pid + "},\"input\":{\"stdin\":\""
				+ Base64.getEncoder().encodeToString("hello\n".getBytes()) + "\"}}");
		client.unary(sandbox, "process.Process/CloseStdin", "{\"process\":{\"pid\":" + pid + "}}");

		assertThat(CommandOutput.of(running.get(10, TimeUnit.SECONDS)).stdout()).isEqualTo("hello\n");
	}

	@Test
	void connectAttachesToARunningProcess() throws Exception {
		Sandbox sandbox = newSandbox();
		// it waits for its input, so it still runs when Connect attaches, however slow
		// the
		// machine is
		CompletableFuture.supplyAsync(() -> client.stream(sandbox, "process.Process/Start",
				"{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"read -r line; echo late-$line\"]},\"stdin\":true}"));
		int pid = awaitListedPid(sandbox);

		String stdout;
		int attachedPid;
		try (LocalClient.FrameReader connected = client.open(sandbox, "process.Process/Connect",
				"{\"process\":{\"pid\":" + pid + "}}")) {
			// once the start frame is here, nothing the process prints is missed
			attachedPid = connected.next().message().get("event").get("start").get("pid").asInt();
			client.unary(sandbox, "process.Process/SendInput", "{\"process\":{\"pid\":" + pid
					+ "},\"input\":{\"stdin\":\"" + Base64.getEncoder().encodeToString("x\n".getBytes()) + "\"}}");
			StringBuilder out = new StringBuilder();
			for (Frame frame = connected.next(); !frame.isEnd(); frame = connected.next()) {
				JsonNode data = frame.message().get("event").get("data");
				if (data != null && data.has("stdout")) {
					out.append(new String(Base64.getDecoder().decode(data.get("stdout").asString())));
				}
			}
			stdout = out.toString();
		}
		List<Frame> unknown = client.stream(sandbox, "process.Process/Connect", "{\"process\":{\"pid\":999999}}");

		assertThat(attachedPid).isEqualTo(pid);
		assertThat(stdout).isEqualTo("late-x\n");
		assertThat(unknown).hasSize(1);
		assertThat(unknown.get(0).isEnd()).isTrue();
		assertThat(unknown.get(0).message().get("error").get("code").asString()).isEqualTo("not_found");
	}

	@Test
	void theConnectTimeoutKillsAStartedProcess() {
		Sandbox sandbox = newSandbox();

		List<Frame> frames = client.stream(sandbox, "process.Process/Start",
				"{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"sleep 20\"]},\"stdin\":false}",
				"Connect-Timeout-Ms", "500");

		Frame last = frames.get(frames.size() - 1);
		assertThat(last.isEnd()).isTrue();
		assertThat(last.message().get("error").get("code").asString()).isEqualTo("deadline_exceeded");
		assertThat(LocalClient.json(client.unary(sandbox, "process.Process/List", "{}")).get("processes").size())
			.isZero();
	}

	@Test
	void oneMegabyteOfOutputArrivesWhole() {
		CommandOutput output = client.run(newSandbox(), "head -c 1000000 /dev/zero | tr '\\0' a");

		assertThat(output.stdout()).hasSize(1_000_000).matches("a+");
	}

	@Test
	void idleStreamsGetKeepalives() throws Exception {
		Sandbox sandbox = newSandbox();
		try (LocalClient.FrameReader frames = client.open(sandbox, "process.Process/Start",
				"{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"read -r line\"]},\"stdin\":true}",
				"Keepalive-Ping-Interval", "1")) {
			int pid = frames.next().message().get("event").get("start").get("pid").asInt();

			// a silent process: the stream carries keepalives until it is ended
			frames.until((frame) -> !frame.isEnd() && frame.message().get("event").has("keepalive"));
			client.unary(sandbox, "process.Process/CloseStdin", "{\"process\":{\"pid\":" + pid + "}}");
			assertThat(frames.until(Frame::isEnd).message().has("error")).isFalse();
		}
	}

	@Test
	void pausingCutsTheStreamsAndFreezesTheProcessesWhichGoOnWithTheirPidsAfterTheResume() throws Exception {
		Sandbox sandbox = newSandbox();
		int pid;
		try (LocalClient.FrameReader frames = client.open(sandbox, "process.Process/Start",
				"{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"while read -r l; do echo got-$l; done\"]},\"stdin\":true}")) {
			pid = frames.next().message().get("event").get("start").get("pid").asInt();

			assertThat(client.control("POST", "/sandboxes/" + sandbox.id() + "/pause", "{}").statusCode())
				.isEqualTo(204);

			assertThat(endsWithoutEndFrame(frames)).as("the stream is cut, as a paused VM's connections are").isTrue();
		}
		assertThat(client.envd(sandbox, "GET", "/health", HttpRequest.BodyPublishers.noBody()).statusCode())
			.isEqualTo(502);

		assertThat(client.control("POST", "/sandboxes/" + sandbox.id() + "/connect", "{}").statusCode()).isEqualTo(201);
		assertThat(LocalClient.json(client.unary(sandbox, "process.Process/List", "{}")).get("processes"))
			.extracting((process) -> process.get("pid").asInt())
			.containsExactly(pid);
		try (LocalClient.FrameReader frames = client.open(sandbox, "process.Process/Connect",
				"{\"process\":{\"pid\":" + pid + "}}")) {
			frames.next();
			client.unary(sandbox, "process.Process/SendInput", "{\"process\":{\"pid\":" + pid
					+ "},\"input\":{\"stdin\":\"" + Base64.getEncoder().encodeToString("again\n".getBytes()) + "\"}}");
			Frame data = frames.until((frame) -> !frame.isEnd() && frame.message().get("event").has("data"));
			assertThat(new String(
					Base64.getDecoder().decode(data.message().get("event").get("data").get("stdout").asString())))
				.isEqualTo("got-again\n");
			// and it ends as any process does: nothing of the freeze is left behind
			client.unary(sandbox, "process.Process/CloseStdin", "{\"process\":{\"pid\":" + pid + "}}");
			Frame end = frames.until((frame) -> !frame.isEnd() && frame.message().get("event").has("end"));
			assertThat(end.message().get("event").get("end").get("exited").asBoolean()).isTrue();
		}
		client.control("DELETE", "/sandboxes/" + sandbox.id(), null);
	}

	@Test
	void killingASandboxCutsItsStreamsAndEndsItsProcesses() throws Exception {
		Sandbox sandbox = newSandbox();
		try (LocalClient.FrameReader frames = client.open(sandbox, "process.Process/Start",
				"{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-l\",\"-c\",\"read -r never\"]},\"stdin\":true}")) {
			frames.next();

			assertThat(client.control("DELETE", "/sandboxes/" + sandbox.id(), null).statusCode()).isEqualTo(204);

			assertThat(endsWithoutEndFrame(frames))
				.as("no exit event: the stream is cut, as the connection to a vanished VM is")
				.isTrue();
		}
		assertThat(client.envd(sandbox, "GET", "/health", HttpRequest.BodyPublishers.noBody()).statusCode())
			.isEqualTo(502);
	}

	/**
	 * Read the rest of a stream: whether it ended (cut, or at its end of input) without
	 * an end-stream frame.
	 */
	private static boolean endsWithoutEndFrame(LocalClient.FrameReader frames) {
		try {
			for (Frame frame = frames.next(); frame != null; frame = frames.next()) {
				if (frame.isEnd() || frame.message().get("event").has("end")) {
					return false;
				}
			}
			return true;
		}
		catch (IOException ex) {
			return true;
		}
	}

	@Test
	void rpcsNeedTheAccessToken() {
		Sandbox sandbox = newSandbox();

		HttpResponse<byte[]> missing = client.unary(new Sandbox(sandbox.id(), null), "process.Process/List", "{}");
		HttpResponse<byte[]> wrong = client.unary(new Sandbox(sandbox.id(), "wrong"), "process.Process/List", "{}");

		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(LocalClient.json(missing).get("message").asString()).startsWith("unauthorized access");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(client.envd(new Sandbox(sandbox.id(), null), "GET", "/health", HttpRequest.BodyPublishers.noBody())
			.statusCode()).as("health needs no token").isEqualTo(204);
	}

	private static int awaitListedPid(Sandbox sandbox) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			JsonNode processes = LocalClient.json(client.unary(sandbox, "process.Process/List", "{}")).get("processes");
			if (processes.size() > 0) {
				return processes.get(0).get("pid").asInt();
			}
			Thread.sleep(50);
		}
		throw new AssertionError("No process was listed");
	}

}
