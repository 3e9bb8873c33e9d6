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
package io.github.e2bspringboot.autoconfigure.testcontainers;

import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.local.testcontainers.E2bLocalContainer;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.sandbox.commands.CommandOptions;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The e2b-local image isolates sandboxes with the engine options its Dockerfile documents
 * ({@link E2bLocalContainer#withFullIsolation()}, no {@code --privileged}), and without
 * them refuses commands, saying which options it needs.
 */
@ExtendWith(E2bLocalImage.class)
class ContainerIsolationTests {

	@Test
	void withTheDocumentedOptionsSandboxesRunIsolatedWithANetworkOfTheirOwn() {
		try (E2bLocalContainer container = E2bLocalImage.container()) {
			container.start();
			Sandbox sandbox = templateFor(container).create(SandboxSpec.empty());

			String asRoot = sandbox.commands()
				.run("id -u; cut -c1-30 /proc/self/uid_map; grep CapEff /proc/self/status; tail -n +3 /proc/net/dev"
						+ " | cut -d: -f1 | tr -d ' '", CommandOptions.builder().user("root").build())
				.stdout();

			String[] lines = asRoot.split("\n");
			assertThat(lines[0]).isEqualTo("0");
			assertThat(lines[1].trim().split("\\s+")).as("the sandbox's root is an unprivileged uid")
				.satisfies((map) -> assertThat(Long.parseLong(map[1])).isPositive());
			assertThat(lines[2]).isEqualTo("CapEff:\t0000000000000000");
			assertThat(asRoot).contains("lo\ntap0");
		}
	}

	@Test
	void withoutThemCommandsAreRefusedWithTheOptionsToUse() {
		try (E2bLocalContainer container = E2bLocalImage.containerWithoutIsolation()) {
			container.start();
			Sandbox sandbox = templateFor(container).create(SandboxSpec.empty());

			assertThat(sandbox.files().write("kept.txt", "files still work").name()).isEqualTo("kept.txt");
			assertThatExceptionOfType(E2bException.class).isThrownBy(() -> sandbox.commands().run("true"))
				.withMessageContaining("--security-opt seccomp=unconfined")
				.withMessageContaining("--security-opt systempaths=unconfined");
			assertThat(container.getLogs()).contains("cannot isolate sandboxes here");
		}
	}

	private static SandboxTemplate templateFor(E2bLocalContainer container) {
		return new SandboxTemplate(LocalSandboxes.reactiveTemplate(container.getUrl(), container.getApiKey()));
	}

}
