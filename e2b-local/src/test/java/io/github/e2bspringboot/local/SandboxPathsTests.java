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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Paths resolve like envd's and never leave the sandbox's tree, whatever dots and links
 * they contain.
 */
class SandboxPathsTests {

	@TempDir
	Path root;

	private SandboxPaths paths;

	@BeforeEach
	void createTree() throws IOException {
		Files.createDirectories(this.root.resolve("home/user"));
		Files.createDirectories(this.root.resolve("tmp"));
		this.paths = new SandboxPaths(this.root.toRealPath());
	}

	@Test
	void relativeAndTildePathsStartAtTheUsersHome() {
		assertThat(this.paths.resolve("a.txt", SandboxUser.USER, true).sandboxPath()).isEqualTo("/home/user/a.txt");
		assertThat(this.paths.resolve("~/a.txt", SandboxUser.USER, true).sandboxPath()).isEqualTo("/home/user/a.txt");
		assertThat(this.paths.resolve("~", SandboxUser.ROOT, true).sandboxPath()).isEqualTo("/root");
		assertThat(this.paths.resolve("", SandboxUser.USER, true).sandboxPath()).isEqualTo("/home/user");
		assertThat(this.paths.resolve("/tmp/./x/../y", SandboxUser.USER, true).sandboxPath()).isEqualTo("/tmp/y");
	}

	@Test
	void dotDotStopsAtTheSandboxRoot() throws IOException {
		SandboxPaths.Resolved resolved = this.paths.resolve("../../../../etc/passwd", SandboxUser.USER, true);

		assertThat(resolved.sandboxPath()).isEqualTo("/etc/passwd");
		assertThat(resolved.host()).isEqualTo(this.root.toRealPath().resolve("etc/passwd"));
	}

	@Test
	void absoluteSymlinksPointInsideTheSandbox() throws IOException {
		Files.createSymbolicLink(this.root.resolve("home/user/escape"), Path.of("/etc"));

		SandboxPaths.Resolved resolved = this.paths.resolve("escape/passwd", SandboxUser.USER, true);

		assertThat(resolved.sandboxPath()).isEqualTo("/etc/passwd");
		assertThat(resolved.host()).startsWithRaw(this.root.toRealPath());
	}

	@Test
	void relativeSymlinksCannotClimbOutOfTheRoot() throws IOException {
		Files.createSymbolicLink(this.root.resolve("tmp/up"), Path.of("../../../../../../"));

		SandboxPaths.Resolved resolved = this.paths.resolve("/tmp/up/etc/shadow", SandboxUser.USER, true);

		assertThat(resolved.sandboxPath()).isEqualTo("/etc/shadow");
		assertThat(resolved.host()).startsWithRaw(this.root.toRealPath());
	}

	@Test
	void aFinalLinkIsKeptWhenNotFollowed() throws IOException {
		Files.createSymbolicLink(this.root.resolve("tmp/link"), Path.of("/etc/hostname"));

		assertThat(this.paths.resolve("/tmp/link", SandboxUser.USER, false).host())
			.isEqualTo(this.root.toRealPath().resolve("tmp/link"));
		assertThat(this.paths.resolve("/tmp/link", SandboxUser.USER, true).sandboxPath()).isEqualTo("/etc/hostname");
	}

	@Test
	void linkLoopsAreRefused() throws IOException {
		Files.createSymbolicLink(this.root.resolve("tmp/a"), Path.of("/tmp/b"));
		Files.createSymbolicLink(this.root.resolve("tmp/b"), Path.of("/tmp/a"));

		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> this.paths.resolve("/tmp/a/x", SandboxUser.USER, true))
			.withMessageContaining("too many levels of symbolic links");
	}

}
