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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line: {@code java ... Main --port 0 --api-key ...} prints exactly one ready
 * line and serves.
 */
class MainTests {

	@Test
	void printsOneReadyLineAndServesWithTheGivenKey() throws Exception {
		Process process = java("--port", "0", "--api-key", "e2b_0123abcd", "--isolation", "none");
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String ready = out.readLine();

			assertThat(ready).matches("E2B local server listening on http://127\\.0\\.0\\.1:\\d+");
			String url = ready.substring(ready.lastIndexOf(' ') + 1);
			HttpResponse<String> list = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url + "/v2/sandboxes"))
					.header("X-API-KEY", "e2b_0123abcd")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(list.statusCode()).isEqualTo(200);
			assertThat(list.body()).isEqualTo("[]");
		}
		finally {
			process.destroy();
			assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void helpExplainsTheOptions() throws Exception {
		Process process = java("--help");
		String help = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		assertThat(help).contains("--port")
			.contains("--api-key")
			.contains("E2B_API_KEY")
			.contains("--isolation")
			.contains("--template <name=dir>")
			.contains("--max-processes")
			.contains("--disk-limit");
	}

	@Test
	void aMalformedLimitFailsWithUsageNamingTheOption() throws Exception {
		Process process = java("--disk-limit", "1e400");
		String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isEqualTo(2);
		assertThat(error).contains("Option --disk-limit needs a whole number in range").contains("Usage:");
	}

	@Test
	void sizesTakeBinarySuffixes() {
		assertThat(Main.size("512m")).isEqualTo(512L * 1024 * 1024);
		assertThat(Main.size("2G")).isEqualTo(2L * 1024 * 1024 * 1024);
		assertThat(Main.size("4096")).isEqualTo(4096);
	}

	@Test
	void anUnknownOptionFailsWithUsage() throws Exception {
		Process process = java("--bogus");
		String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isEqualTo(2);
		assertThat(error).contains("Unknown option '--bogus'").contains("Usage:");
	}

	private static Process java(String... args) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), Main.class.getName()));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).start();
	}

}
