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
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.github.e2bspringboot.local.LocalClient.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sandbox code swaps names under the file API while it works: a directory for a link to
 * the host's files, a file for a FIFO, thousands of times. Every answer is about the
 * sandbox's own files, and none waits on the swap.
 */
class FileApiRaceTests {

	private static final int ROUNDS = 1500;

	@TempDir
	static Path host;

	private static E2bLocalServer server;

	private static LocalClient client;

	private static String canary;

	@BeforeAll
	static void start() throws IOException {
		Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwx--x--x"));
		canary = "host canary " + UUID.randomUUID();
		Files.writeString(host.resolve("canary.txt"), canary);
		server = E2bLocalServer.builder().isolation(IsolationRequirement.forTests()).build().start();
		assumeTrue(server.isolated(), "the race is the sandbox's code against the server: it needs processes");
		client = new LocalClient(server);
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void aDirectorySwappedForALinkToTheHostNeverRedirectsAReadOrAWrite() throws IOException {
		Sandbox sandbox = Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}"));
		client.run(sandbox, "mkdir -p /tmp/race/real && echo inside > /tmp/race/real/canary.txt" + " && ln -s " + host
				+ " /tmp/race/link");
		// swaps /tmp/race/swap between the real directory and the link as fast as it can
		client.run(sandbox, "cd /tmp/race; nohup bash -c 'while :; do mv -T real swap; mv -T swap real;"
				+ " mv -T link swap; mv -T swap link; done' > /dev/null 2>&1 &");
		Map<Integer, Integer> statuses = new HashMap<>();

		for (int round = 0; round < ROUNDS; round++) {
			HttpResponse<byte[]> read = client.envd(sandbox, "GET",
					"/files?path=" + encode("/tmp/race/swap/canary.txt"), HttpRequest.BodyPublishers.noBody());
			assertThat(LocalClient.text(read)).doesNotContain(canary);
			statuses.merge(read.statusCode(), 1, Integer::sum);
			HttpResponse<byte[]> write = client.envd(sandbox, "POST",
					"/files?path=" + encode("/tmp/race/swap/written-" + round + ".txt"),
					HttpRequest.BodyPublishers.ofString("x"), "Content-Type", "application/octet-stream");
			statuses.merge(write.statusCode(), 1, Integer::sum);
		}

		try (Stream<Path> written = Files.list(host)) {
			assertThat(written.map(Path::getFileName).map(Path::toString)).containsExactly("canary.txt");
		}
		assertThat(Files.readString(host.resolve("canary.txt"))).isEqualTo(canary);
		// the swap really happened under the reads: some found the directory, some not
		assertThat(statuses).containsKey(200).containsKey(404);
		assertThat(statuses.keySet())
			.allMatch((status) -> status == 200 || status == 404 || status == 400 || status == 409);
	}

	@Test
	void aFileSwappedForAFifoNeverHoldsADownload() {
		Sandbox sandbox = Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}"));
		client.run(sandbox, "cd /tmp && echo regular > file && mkfifo fifo; nohup bash -c 'while :; do"
				+ " mv -T fifo swap; mv -T swap fifo; mv -T file swap; mv -T swap file; done' > /dev/null 2>&1 &");
		Map<Integer, Integer> statuses = new HashMap<>();

		for (int round = 0; round < ROUNDS; round++) {
			HttpResponse<byte[]> read = client.envd(sandbox, "GET", "/files?path=%2Ftmp%2Fswap",
					HttpRequest.BodyPublishers.noBody());
			statuses.merge(read.statusCode(), 1, Integer::sum);
			if (read.statusCode() == 200) {
				assertThat(LocalClient.text(read)).isEqualTo("regular\n");
			}
		}

		assertThat(statuses).containsKey(200).containsKey(400);
		assertThat(statuses.keySet()).as("answers by status: %s", statuses)
			.allMatch((status) -> status == 200 || status == 400 || status == 404);
	}

	private static String encode(String path) {
		return URLEncoder.encode(path, StandardCharsets.UTF_8);
	}

}
