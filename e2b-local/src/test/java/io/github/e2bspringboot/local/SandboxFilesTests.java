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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Paths are read like envd's, checked against the kernel's limits, and resolved by
 * descriptor walks that never leave the sandbox's tree, whatever dots and links they
 * meet. Runs on a plain directory (a sandbox without processes), links made by the test
 * standing in for links made by sandbox code.
 */
class SandboxFilesTests {

	@TempDir
	Path directory;

	private HostVm vm;

	private Path root;

	private SandboxFiles files;

	@BeforeEach
	void createSandbox() throws IOException {
		this.vm = new HostVm(this.directory.resolve("sandbox"), "no processes in this test");
		this.root = this.directory.resolve("sandbox/fs");
		this.files = this.vm.files();
		Files.writeString(this.directory.resolve("secret"), "host secret");
	}

	@AfterEach
	void close() {
		this.vm.close();
	}

	@Test
	void relativeAndTildePathsStartAtTheUsersHome() {
		assertThat(SandboxPath.parse("a.txt", SandboxUser.USER)).hasToString("/home/user/a.txt");
		assertThat(SandboxPath.parse("~/a.txt", SandboxUser.USER)).hasToString("/home/user/a.txt");
		assertThat(SandboxPath.parse("~", SandboxUser.ROOT)).hasToString("/root");
		assertThat(SandboxPath.parse("", SandboxUser.USER)).hasToString("/home/user");
		assertThat(SandboxPath.parse("/tmp/./x/../y", SandboxUser.USER)).hasToString("/tmp/y");
		assertThat(SandboxPath.parse("../../../../etc/passwd", SandboxUser.USER)).hasToString("/etc/passwd");
	}

	@Test
	void pathsBeyondTheKernelsLimitsOrNotUnicodeAreRefused() {
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> SandboxPath.parse("/a".repeat(2049), SandboxUser.USER))
			.withMessageContaining("longer than 4096 bytes");
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> SandboxPath.parse("/tmp/" + "n".repeat(256), SandboxUser.USER))
			.withMessageContaining("longer than 255 bytes");
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> SandboxPath.parse("/tmp/a\0b", SandboxUser.USER))
			.withMessageContaining("NUL");
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> SandboxPath.parse("/tmp/a\uD800b", SandboxUser.USER))
			.withMessageContaining("lone surrogate");
		assertThat(SandboxPath.parse("/tmp/" + "n".repeat(255), SandboxUser.USER).name()).hasSize(255);
	}

	@Test
	void absoluteLinksResolveInsideTheSandbox() throws IOException {
		Files.createSymbolicLink(this.root.resolve("home/user/escape"), this.directory);
		Files.createDirectories(this.root.resolve(this.directory.toString().substring(1)));
		Files.writeString(this.root.resolve(this.directory.toString().substring(1)).resolve("secret"), "inside");

		SandboxFiles.OpenFile readable = this.files.openForRead(SandboxPath.parse("escape/secret", SandboxUser.USER),
				SandboxUser.USER);

		assertThat(read(readable)).isEqualTo("inside");
	}

	@Test
	void relativeLinksCannotClimbOutOfTheRoot() throws IOException {
		Files.createSymbolicLink(this.root.resolve("tmp/up"), Path.of("../../../../../../../../../"));
		SandboxPath throughLink = SandboxPath.parse("/tmp/up" + this.directory + "/secret", SandboxUser.USER);

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.files.openForRead(throughLink, SandboxUser.USER));
		this.files.write(SandboxPath.parse("/tmp/up/written", SandboxUser.USER), SandboxUser.USER,
				(out) -> out.write('x'));
		assertThat(this.root.resolve("written")).hasContent("x");
		assertThat(this.directory.resolve("written")).doesNotExist();
	}

	@Test
	void aFinalLinkIsDescribedWithWhereItLeads() throws IOException {
		Files.writeString(this.root.resolve("tmp/target"), "t");
		Files.createSymbolicLink(this.root.resolve("tmp/link"), Path.of("/tmp/target"));

		FileEntry entry = this.files.stat(SandboxPath.parse("/tmp/link", SandboxUser.USER), "/tmp/link");

		assertThat(entry.link()).isTrue();
		assertThat(entry.symlinkTarget()).isEqualTo("/tmp/target");
		assertThat(entry.type()).isEqualTo(FileEntry.FILE);
	}

	@Test
	void linkLoopsAreRefused() throws IOException {
		Files.createSymbolicLink(this.root.resolve("tmp/a"), Path.of("/tmp/b"));
		Files.createSymbolicLink(this.root.resolve("tmp/b"), Path.of("/tmp/a"));

		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> this.files.openForRead(SandboxPath.parse("/tmp/a/x", SandboxUser.USER), SandboxUser.USER))
			.withMessageContaining("too many levels of symbolic links");
	}

	@Test
	void fifosAndSocketsAreRefusedWithoutWaiting() throws Exception {
		Process mkfifo = new ProcessBuilder("mkfifo", this.root.resolve("tmp/fifo").toString()).start();
		assertThat(mkfifo.waitFor()).isZero();

		// a FIFO nobody writes to would block an open for reading forever
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(
					() -> this.files.openForRead(SandboxPath.parse("/tmp/fifo", SandboxUser.USER), SandboxUser.USER))
			.withMessageContaining("not a regular file");
	}

	@Test
	void aFailedWriteLeavesThePreviousContent() throws IOException {
		SandboxPath path = SandboxPath.parse("/tmp/kept.txt", SandboxUser.USER);
		this.files.write(path, SandboxUser.USER, (out) -> out.write("previous".getBytes(StandardCharsets.UTF_8)));

		assertThatException().isThrownBy(() -> this.files.write(path, SandboxUser.USER, (out) -> {
			out.write("half of the new".getBytes(StandardCharsets.UTF_8));
			throw new IOException("the connection was cut");
		}));

		assertThat(this.root.resolve("tmp/kept.txt")).hasContent("previous");
		try (var staged = Files.list(this.root.resolve(SandboxFiles.STAGING))) {
			assertThat(staged).isEmpty();
		}
	}

	@Test
	void theStagingDirectoryIsNeitherListedNorReachable() throws IOException {
		assertThat(this.files.list(SandboxPath.ROOT, "/", 1)).extracting(FileEntry::name)
			.doesNotContain(SandboxFiles.STAGING);
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.files.write(SandboxPath.parse("/" + SandboxFiles.STAGING + "/x", SandboxUser.USER),
					SandboxUser.USER, (out) -> out.write('x')));
	}

	private static String read(SandboxFiles.OpenFile readable) throws IOException {
		try (var channel = readable.channel()) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			java.nio.channels.Channels.newInputStream(channel).transferTo(out);
			return out.toString(StandardCharsets.UTF_8);
		}
	}

}
