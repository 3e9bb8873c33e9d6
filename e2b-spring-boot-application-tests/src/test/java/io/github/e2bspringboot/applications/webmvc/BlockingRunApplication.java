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
package io.github.e2bspringboot.applications.webmvc;

import io.github.e2bspringboot.applications.ParentRecorder;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxOperations;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WebMVC application whose endpoint runs a command in a fresh sandbox, blocking its
 * request thread.
 */
@SpringBootApplication
@RestController
public class BlockingRunApplication {

	private final SandboxOperations sandboxes;

	BlockingRunApplication(SandboxOperations sandboxes) {
		this.sandboxes = sandboxes;
	}

	@GetMapping("/run")
	String run() {
		try (Sandbox sandbox = this.sandboxes.create()) {
			sandbox.files().write("greeting.txt", "hello");
			return sandbox.commands().run("cat greeting.txt").stdout();
		}
	}

	@Bean
	static ParentRecorder parentRecorder() {
		return new ParentRecorder();
	}

}
