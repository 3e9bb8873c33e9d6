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

import java.util.List;

import io.github.e2bspringboot.autoconfigure.E2bConnectionDetails;
import io.github.e2bspringboot.local.testcontainers.E2bLocalContainer;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxInfo;
import io.github.e2bspringboot.sandbox.SandboxQuery;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.sandbox.files.WriteInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @ServiceConnection} on an {@link E2bLocalContainer} wires the starter to it: no
 * property needed.
 */
@SpringBootTest
@Testcontainers
@ExtendWith(E2bLocalImage.class)
class ServiceConnectionTests {

	@Container
	@ServiceConnection
	static final E2bLocalContainer e2b = E2bLocalImage.container();

	@Autowired
	private SandboxTemplate sandboxes;

	@Autowired
	private E2bConnectionDetails connectionDetails;

	@Test
	void createWriteRunListAndKillThroughTheContainer() {
		assertThat(this.connectionDetails.getApiUrl().toString()).isEqualTo(e2b.getUrl());
		Sandbox sandbox = this.sandboxes.create(SandboxSpec.builder().metadata("test", "service-connection").build());

		WriteInfo written = sandbox.files().write("note.txt", "written through a container");
		String stdout = sandbox.commands().run("cat note.txt").stdout();
		List<SandboxInfo> listed = this.sandboxes
			.list(SandboxQuery.builder().metadata("test", "service-connection").build())
			.nextItems();

		assertThat(written.name()).isEqualTo("note.txt");
		assertThat(stdout).isEqualTo("written through a container");
		assertThat(listed).extracting(SandboxInfo::sandboxId).containsExactly(sandbox.id());
		assertThat(this.sandboxes.kill(sandbox.id())).isTrue();
		assertThat(this.sandboxes.kill(sandbox.id())).isFalse();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
