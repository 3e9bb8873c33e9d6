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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the conformance suite in {@code src/test/js}: the official E2B JS SDK (npm
 * {@code e2b}, pinned) against this server, with {@code E2B_API_URL} and
 * {@code E2B_SANDBOX_URL} pointing at it. The build installs the suite's dependencies
 * ({@code npm ci}); in CI a missing installation fails instead of skipping.
 */
class JsSdkConformanceTests {

	private static final Path SUITE = Path.of("src/test/js");

	@Test
	void theOfficialJsSdkWorksAgainstTheServer() throws Exception {
		boolean installed = Files.isDirectory(SUITE.resolve("node_modules/e2b"));
		if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
			assumeTrue(installed,
					"the JS suite is not installed: run the build without -Dskip.npm (needs Node and npm)");
		}
		assertThat(installed).as("npm ci installed the JS suite").isTrue();
		try (E2bLocalServer server = E2bLocalServer.builder()
			.isolation(IsolationRequirement.forTests())
			.build()
			.start()) {
			ProcessBuilder npm = new ProcessBuilder(List.of("npm", "test")).directory(SUITE.toFile())
				.redirectErrorStream(true);
			npm.environment().put("E2B_API_URL", server.url());
			npm.environment().put("E2B_SANDBOX_URL", server.url());
			npm.environment().put("E2B_API_KEY", server.apiKey());
			npm.environment().put("E2B_LOCAL_ISOLATED", Boolean.toString(server.isolated()));
			Process process = npm.start();
			String output = readAll(process);
			boolean finished = process.waitFor(10, TimeUnit.MINUTES);
			System.out.println(output);
			assertThat(finished).as("the JS suite finished in time").isTrue();
			assertThat(process.exitValue()).as("the JS suite passed:%n%s", output).isZero();
			assertThat(server.sandboxCount()).as("the JS suite left no sandbox behind").isZero();
		}
	}

	private static String readAll(Process process) throws IOException {
		return new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
	}

}
