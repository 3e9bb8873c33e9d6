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
package io.github.e2bspringboot.samples.coderunner;

import java.time.Duration;
import java.util.Map;

import io.github.e2bspringboot.sandbox.ReactiveSandbox;
import io.github.e2bspringboot.sandbox.ReactiveSandboxOperations;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.commands.CommandExitException;
import io.github.e2bspringboot.sandbox.commands.CommandOptions;
import io.github.e2bspringboot.sandbox.commands.CommandResult;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Runs a snippet in a fresh sandbox and answers with what it printed: the sandbox is
 * created for the request and killed after it, whatever happens.
 */
@RestController
class RunController {

	private static final int MAX_CODE_LENGTH = 100_000;

	private static final Map<String, Language> LANGUAGES = Map.of("python", new Language("main.py", "python3 main.py"),
			"bash", new Language("main.sh", "bash main.sh"), "node", new Language("main.js", "node main.js"));

	private static final CommandOptions OPTIONS = CommandOptions.builder().timeout(Duration.ofSeconds(30)).build();

	private final ReactiveSandboxOperations sandboxes;

	RunController(ReactiveSandboxOperations sandboxes) {
		this.sandboxes = sandboxes;
	}

	@PostMapping("/api/run")
	Mono<RunResponse> run(@RequestBody RunRequest request) {
		Language language = LANGUAGES.get((request.language() != null) ? request.language() : "python");
		if (language == null) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"language must be one of " + LANGUAGES.keySet()));
		}
		if (request.code() == null || request.code().isBlank() || request.code().length() > MAX_CODE_LENGTH) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"code must be between 1 and " + MAX_CODE_LENGTH + " characters"));
		}
		long started = System.nanoTime();
		SandboxSpec spec = SandboxSpec.builder().timeout(Duration.ofMinutes(2)).metadata("app", "code-runner").build();
		return Mono.usingWhen(this.sandboxes.create(spec),
				(sandbox) -> execute(sandbox, language, request.code()).map((result) -> new RunResponse(result.stdout(),
						result.stderr(), result.exitCode(), (System.nanoTime() - started) / 1_000_000, sandbox.id())),
				ReactiveSandbox::kill);
	}

	private static Mono<CommandResult> execute(ReactiveSandbox sandbox, Language language, String code) {
		return sandbox.files()
			.write(language.file(), code)
			.then(sandbox.commands().run(language.command(), OPTIONS))
			// a failing snippet is a result to show, not an error of this service
			.onErrorResume(CommandExitException.class, (ex) -> Mono.just(ex.getResult()));
	}

	record RunRequest(String language, String code) {
	}

	record RunResponse(String stdout, String stderr, int exitCode, long durationMs, String sandboxId) {
	}

	private record Language(String file, String command) {
	}

}
