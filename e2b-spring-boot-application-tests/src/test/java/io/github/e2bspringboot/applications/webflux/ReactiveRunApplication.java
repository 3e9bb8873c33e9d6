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
package io.github.e2bspringboot.applications.webflux;

import io.github.e2bspringboot.applications.ParentRecorder;
import io.github.e2bspringboot.sandbox.ReactiveSandboxOperations;
import io.github.e2bspringboot.sandbox.commands.CommandResult;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WebFlux application whose endpoint runs a command in a fresh sandbox, without
 * blocking.
 */
@SpringBootApplication
@RestController
public class ReactiveRunApplication {

	private final ReactiveSandboxOperations sandboxes;

	ReactiveRunApplication(ReactiveSandboxOperations sandboxes) {
		this.sandboxes = sandboxes;
	}

	@GetMapping("/run")
	Mono<String> run() {
		return Mono.usingWhen(this.sandboxes.create(),
				(sandbox) -> sandbox.files()
					.write("greeting.txt", "hello")
					.then(sandbox.commands().run("cat greeting.txt"))
					.map(CommandResult::stdout),
				(sandbox) -> sandbox.kill());
	}

	@Bean
	static ParentRecorder parentRecorder() {
		return new ParentRecorder();
	}

}
