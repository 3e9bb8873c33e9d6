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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.e2bspringboot.local.LocalClient.Frame;
import io.github.e2bspringboot.local.LocalClient.Sandbox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command writes 1 GiB to a client that stops reading: the server, in a process of its
 * own so that its memory can be measured, holds a bounded buffer and holds the command at
 * its pipe, then delivers every byte once the client reads again.
 */
class OutputBackpressureTests {

	private static final long GIB = 1024L * 1024 * 1024;

	/** What the server may grow to, heap and all, however much output waits. */
	private static final long MAX_RSS_KIB = 512 * 1024;

	@Test
	void oneGibibyteToAClientThatStopsReadingCostsBoundedMemory() throws Exception {
		Process server = startServer();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
			String ready = out.readLine();
			assertThat(ready).as("the server's ready line").startsWith("E2B local server listening on ");
			LocalClient client = new LocalClient(ready.substring(ready.lastIndexOf(' ') + 1), "e2b_backpressure");
			Sandbox sandbox = Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}"));
			long pid = server.pid();
			List<Long> whileStalled = new ArrayList<>();
			long received = 0;

			try (LocalClient.FrameReader stream = client.open(sandbox, "process.Process/Start",
					"{\"process\":{\"cmd\":\"head\",\"args\":[\"-c\",\"" + GIB + "\",\"/dev/zero\"]}}")) {
				received += stdout(stream
					.until((frame) -> frame.message().has("event") && frame.message().get("event").has("data")));
				// the client stops reading while the command could write on: the server's
				// memory is sampled meanwhile
				for (int sample = 0; sample < 20; sample++) {
					whileStalled.add(rssKib(pid));
					Thread.sleep(100);
				}
				Frame frame;
				while ((frame = stream.next()) != null) {
					received += stdout(frame);
				}
			}
			long peak = peakRssKib(pid);

			System.out.printf("e2b-local RSS while the client stalled: %s KiB; peak over the 1 GiB transfer: %d KiB%n",
					whileStalled, peak);
			assertThat(received).isEqualTo(GIB);
			assertThat(peak).as("peak RSS in KiB").isLessThan(MAX_RSS_KIB);
		}
		finally {
			server.destroy();
			server.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static long stdout(Frame frame) {
		String data = frame.message().path("event").path("data").path("stdout").asString("");
		return data.isEmpty() ? 0 : Base64.getDecoder().decode(data).length;
	}

	private static Process startServer() throws IOException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
				"-cp", System.getProperty("java.class.path"), Main.class.getName(), "--port", "0", "--api-key",
				"e2b_backpressure", "--isolation", IsolationRequirement.forTests().name().toLowerCase());
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
	}

	private static long rssKib(long pid) throws IOException {
		return statusField(pid, "VmRSS:");
	}

	private static long peakRssKib(long pid) throws IOException {
		return statusField(pid, "VmHWM:");
	}

	private static long statusField(long pid, String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith(field)) {
				return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
			}
		}
		throw new IllegalStateException(field + " not found");
	}

}
