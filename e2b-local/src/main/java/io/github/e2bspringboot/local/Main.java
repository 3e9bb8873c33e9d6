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
 *
 * @since 0.1.0
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
			  --isolation <mode>    auto, bubblewrap or none (default auto: each sandbox in
			                        namespaces of its own when bubblewrap works here, else
			                        no commands at all; none runs them on this machine)
			  --template <name=dir> register a template: a root file system (such as a
			                        Debian tree) whose system directories sandboxes created
			                        from it see read-only; repeatable; base is built in
			  --max-processes <n>   processes per sandbox user (default 512)
			  --disk-limit <size>   writable file system of each sandbox, in memory, such as
			                        512m or 2g (default 2g)
			  --max-watchers <n>    directory watches per sandbox (default 16)
			  --max-code-contexts <n>
			                        code-interpreter contexts (kernels) per sandbox
			                        (default 8)
			  --max-env-vars <n>    environment variables per process (default 256)
			  --max-env-bytes <n>   bytes of those variables (default 131072)
			  --uid-base <uid>      first host uid of the sandboxes' users when run as root
			                        (default 1000000000; 65536 per sandbox)
			  --data-dir <path>     where the server keeps its files (default: a temporary
			                        directory)
			  --help                show this help

			Once ready it prints one line to standard output:
			  E2B local server listening on http://127.0.0.1:<port>
			""";

	private Main() {
	}

	/**
	 * Start the server and serve until the process is stopped.
	 * @param args the command-line arguments
	 * @throws InterruptedException when interrupted while serving
	 */
	public static void main(String[] args) throws InterruptedException {
		E2bLocalServer.Builder builder = E2bLocalServer.builder().port(3000);
		String apiKey = System.getenv("E2B_API_KEY");
		boolean generatedKey = apiKey == null || apiKey.isBlank();
		String option = "";
		try {
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				option = arg;
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
					case "--template" -> {
						String[] template = value(args, ++i, arg).split("=", 2);
						if (template.length != 2 || template[0].isBlank() || template[1].isBlank()) {
							throw new IllegalArgumentException("--template takes NAME=DIRECTORY");
						}
						builder.template(template[0], Path.of(template[1]));
					}
					case "--max-processes" -> builder.maxProcesses(Integer.parseInt(value(args, ++i, arg)));
					case "--disk-limit" -> builder.diskLimit(size(value(args, ++i, arg)));
					case "--max-watchers" -> builder.maxWatchers(Integer.parseInt(value(args, ++i, arg)));
					case "--max-code-contexts" -> builder.maxCodeContexts(Integer.parseInt(value(args, ++i, arg)));
					case "--max-env-vars" -> builder.maxEnvVars(Integer.parseInt(value(args, ++i, arg)));
					case "--max-env-bytes" -> builder.maxEnvBytes(Integer.parseInt(value(args, ++i, arg)));
					case "--uid-base" -> builder.uidBase(Long.parseLong(value(args, ++i, arg)));
					default -> throw new IllegalArgumentException("Unknown option '" + arg + "'");
				}
			}
		}
		catch (NumberFormatException ex) {
			fail("Option " + option + " needs a whole number in range");
			return;
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

	/**
	 * Read a size in bytes, with an optional k, m or g (powers of 1024).
	 */
	static long size(String value) {
		String lower = value.trim().toLowerCase(Locale.ROOT);
		int shift = switch (lower.isEmpty() ? ' ' : lower.charAt(lower.length() - 1)) {
			case 'k' -> 10;
			case 'm' -> 20;
			case 'g' -> 30;
			default -> 0;
		};
		long number = Long.parseLong((shift == 0) ? lower : lower.substring(0, lower.length() - 1));
		if (number < 0 || number > (Long.MAX_VALUE >> shift)) {
			throw new IllegalArgumentException("size '" + value + "' is out of range");
		}
		return number << shift;
	}

	private static void fail(String message) {
		System.err.println("e2b-local: " + message);
		System.err.print(USAGE);
		System.exit(2);
	}

}
