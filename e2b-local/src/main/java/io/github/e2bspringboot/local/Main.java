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

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link E2bLocalServer} from the command line:
 * {@code java -jar e2b-local.jar --port 3000 --api-key e2b_<hex>}.
 */
public final class Main {

	private static final String USAGE = """
			Usage: java -jar e2b-local.jar [options]

			An E2B-compatible sandbox server for development and tests. Point the official
			SDKs or the Spring Boot starter at it with E2B_API_URL and E2B_SANDBOX_URL both
			set to the URL it prints, and E2B_API_KEY set to its key.

			Options:
			  --port <n>            port to listen on; 0 picks a free one (default 3000)
			  --host <address>      address to listen on (default 127.0.0.1)
			  --api-key <key>       API key clients must send (default: E2B_API_KEY, else a
			                        random key printed to standard error)
			  --isolation <mode>    auto, bubblewrap or none (default auto: bubblewrap when
			                        it works here)
			  --data-dir <path>     where sandbox files live (default: a temporary directory)
			  --help                show this help

			Once ready it prints one line to standard output:
			  E2B local server listening on http://127.0.0.1:<port>
			""";

	private Main() {
	}

	/**
	 * Start the server and serve until the process is stopped.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) throws InterruptedException {
		E2bLocalServer.Builder builder = E2bLocalServer.builder().port(3000);
		String apiKey = System.getenv("E2B_API_KEY");
		boolean generatedKey = apiKey == null || apiKey.isBlank();
		try {
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				switch (arg) {
					case "--help", "-h" -> {
						System.out.print(USAGE);
						return;
					}
					case "--port" -> builder.port(Integer.parseInt(value(args, ++i, arg)));
					case "--host" -> builder.host(value(args, ++i, arg));
					case "--api-key" -> {
						apiKey = value(args, ++i, arg);
						generatedKey = false;
					}
					case "--isolation" ->
						builder.isolation(Isolation.valueOf(value(args, ++i, arg).toUpperCase(Locale.ROOT)));
					case "--data-dir" -> builder.dataDirectory(Path.of(value(args, ++i, arg)));
					default -> throw new IllegalArgumentException("Unknown option '" + arg + "'");
				}
			}
		}
		catch (IllegalArgumentException ex) {
			fail(String.valueOf(ex.getMessage()));
			return;
		}
		if (!generatedKey) {
			builder.apiKey(apiKey);
		}
		E2bLocalServer server = builder.build();
		try {
			server.start();
		}
		catch (RuntimeException ex) {
			fail("cannot start: " + ex.getMessage());
			return;
		}
		if (generatedKey) {
			System.err.println("API key: " + server.apiKey());
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			stopped.countDown();
		}, "e2b-local-shutdown"));
		PrintStream out = System.out;
		out.println("E2B local server listening on " + server.url());
		out.flush();
		stopped.await();
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException("Option " + option + " needs a value");
		}
		return args[index];
	}

	private static void fail(String message) {
		System.err.println("e2b-local: " + message);
		System.err.print(USAGE);
		System.exit(2);
	}

}
