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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.e2bspringboot.local.LocalClient.Sandbox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server killed outright (SIGKILL, no shutdown hook) leaves nothing of its sandboxes
 * running: not their processes, not their holders, not their network stacks.
 */
class ServerCrashTests {

	@Test
	void killingTheServerEndsEverySandboxProcess() throws Exception {
		Process server = startServer();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
			String ready = out.readLine();
			assertThat(ready).as("the server's ready line").startsWith("E2B local server listening on ");
			LocalClient client = new LocalClient(ready.substring(ready.lastIndexOf(' ') + 1), "e2b_crash");
			for (int i = 0; i < 2; i++) {
				Sandbox sandbox = Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}"));
				// a daemon that left its command's process tree, and a plain command
				client.stream(sandbox, "process.Process/Start",
						"{\"process\":{\"cmd\":\"/bin/bash\",\"args\":[\"-c\",\"setsid sleep 1000 >/dev/null 2>&1 </dev/null & echo started\"]}}");
			}
			List<ProcessHandle> spawned = server.descendants().toList();
			assertThat(spawned).as("the sandboxes' processes").isNotEmpty();

			server.destroyForcibly().waitFor();

			for (ProcessHandle process : spawned) {
				// the kernel ends them as their parent dies; the bound only stops a
				// failing
				// run from hanging
				process.onExit().get(30, TimeUnit.SECONDS);
				assertThat(process.isAlive()).as(process.info().commandLine().orElse("pid " + process.pid())).isFalse();
			}
		}
		finally {
			server.destroyForcibly();
		}
	}

	private static Process startServer() throws IOException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), Main.class.getName(), "--port", "0", "--api-key", "e2b_crash",
				"--isolation", IsolationRequirement.forTests().name().toLowerCase());
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
	}

}
