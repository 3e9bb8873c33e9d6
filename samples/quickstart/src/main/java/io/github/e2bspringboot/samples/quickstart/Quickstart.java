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
package io.github.e2bspringboot.samples.quickstart;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxInfo;
import io.github.e2bspringboot.sandbox.SandboxPaginator;
import io.github.e2bspringboot.sandbox.SandboxQuery;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.sandbox.code.Execution;
import io.github.e2bspringboot.sandbox.code.LineChart;
import io.github.e2bspringboot.sandbox.code.Result;
import io.github.e2bspringboot.sandbox.commands.CommandResult;
import io.github.e2bspringboot.sandbox.files.WriteEntry;
import io.github.e2bspringboot.sandbox.files.WriteInfo;

/**
 * A tour of the starter, printing each step: create a sandbox, write one file and then
 * several in one request, run a command that reads them, list sandboxes page by page with
 * a metadata query, kill everything it created; then run Python in a code-interpreter
 * sandbox, keeping state between cells, and save the chart it draws as a PNG.
 */
class Quickstart {

	private final SandboxTemplate sandboxes;

	private final PrintStream out;

	private final Path chartFile;

	Quickstart(SandboxTemplate sandboxes, PrintStream out, Path chartFile) {
		this.sandboxes = sandboxes;
		this.out = out;
		this.chartFile = chartFile;
	}

	void run() {
		// a tag of this run, so the listing below finds only what this run created
		String run = UUID.randomUUID().toString().substring(0, 8);
		SandboxSpec spec = SandboxSpec.builder()
			.timeout(Duration.ofMinutes(5))
			.metadata("app", "quickstart")
			.metadata("run", run)
			.build();

		this.out.println("1. Creating a sandbox from the default template");
		try (Sandbox sandbox = this.sandboxes.create(spec)) {
			this.out.println("   created sandbox " + sandbox.id());

			this.out.println("2. Writing one file with write()");
			WriteInfo hello = sandbox.files().write("hello.txt", "Hello from Spring Boot!\n");
			this.out.println("   wrote " + hello.path());

			this.out.println("3. Writing three files in one request with writeFiles()");
			List<WriteInfo> data = sandbox.files()
				.writeFiles(List.of(WriteEntry.of("data/a.txt", "apples\n"), WriteEntry.of("data/b.txt", "bananas\n"),
						WriteEntry.of("data/c.txt", "cherries\n")));
			data.forEach((file) -> this.out.println("   wrote " + file.path()));

			this.out.println("4. Running a command that reads them");
			CommandResult result = sandbox.commands().run("cat hello.txt data/*.txt");
			result.stdout().lines().forEach((line) -> this.out.println("   | " + line));
			this.out.println("   exit code " + result.exitCode());

			this.out.println("5. Creating two more sandboxes, then listing page by page (2 per page)");
			List<Sandbox> more = new ArrayList<>();
			try {
				more.add(this.sandboxes.create(spec));
				more.add(this.sandboxes.create(spec));
				SandboxQuery query = SandboxQuery.builder().metadata("app", "quickstart").metadata("run", run).build();
				SandboxPaginator pages = this.sandboxes.list(query, 2, null);
				int page = 0;
				while (pages.hasNext()) {
					List<SandboxInfo> items = pages.nextItems();
					page++;
					for (SandboxInfo info : items) {
						this.out.println("   page " + page + ": " + info.sandboxId() + " (" + info.state().value()
								+ ", ends " + info.endAt() + ")");
					}
				}
			}
			finally {
				this.out.println("6. Killing what this run created");
				for (Sandbox extra : more) {
					this.out.println("   killed " + extra.id() + ": " + extra.kill());
				}
			}
			this.out.println("   killing " + sandbox.id() + " as the try block closes it");
		}

		this.out.println("7. Running Python in a code-interpreter sandbox (template code-interpreter-v1)");
		try (Sandbox sandbox = this.sandboxes.createForCode(spec)) {
			// the kernel keeps its state between cells, as a notebook does
			sandbox.codeInterpreter().runCode("squares = [n * n for n in range(1, 11)]");
			Execution execution = sandbox.codeInterpreter()
				.runCode(String.join("\n", "import matplotlib.pyplot as plt",
						"plt.plot(range(1, 11), squares, label='n squared')",
						"plt.title('Squares'); plt.xlabel('n'); plt.ylabel('n * n')", "plt.legend()",
						"print('sum of squares:', sum(squares))", "plt.show()"));
			execution.logs().stdout().forEach((chunk) -> this.out.print("   | " + chunk));
			Result figure = execution.results()
				.stream()
				.filter((result) -> result.png() != null)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no figure in " + execution));
			if (figure.chart() instanceof LineChart chart) {
				this.out.println("   a line chart '" + chart.title() + "' with "
						+ chart.elements().get(0).points().size() + " points");
			}
			write(this.chartFile, java.util.Objects.requireNonNull(figure.pngBytes()));
			this.out.println("   saved the chart as " + this.chartFile.toAbsolutePath());
		}
		this.out.println("Done.");
	}

	private static void write(Path file, byte[] bytes) {
		try {
			Files.write(file, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
