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
package io.github.e2bspringboot.sandbox;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.e2bspringboot.errors.InvalidArgumentException;
import io.github.e2bspringboot.errors.SandboxFileNotFoundException;
import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.files.EntryInfo;
import io.github.e2bspringboot.sandbox.files.FileType;
import io.github.e2bspringboot.sandbox.Filesystem;
import io.github.e2bspringboot.sandbox.files.FilesystemEvent;
import io.github.e2bspringboot.sandbox.WatchHandle;
import io.github.e2bspringboot.sandbox.files.WriteEntry;
import io.github.e2bspringboot.sandbox.files.WriteInfo;
import io.github.e2bspringboot.sandbox.files.WriteOptions;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every filesystem call of the client, blocking and reactive, against a real e2b-local.
 */
class FilesystemIntegrationTests {

	private static E2bLocalServer server;

	private static SandboxTemplate sandboxes;

	private Sandbox sandbox;

	private Filesystem files;

	@BeforeAll
	static void startServer() {
		server = LocalSandboxes.startServer();
		sandboxes = new SandboxTemplate(LocalSandboxes.reactiveTemplate(server));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void createSandbox() {
		this.sandbox = sandboxes.create();
		this.files = this.sandbox.files();
	}

	@AfterEach
	void killSandbox() {
		this.sandbox.close();
	}

	@Test
	void textRoundTrip() {
		WriteInfo written = this.files.write("notes/hello.txt", "héllo wörld");

		assertThat(written.path()).isEqualTo("/home/user/notes/hello.txt");
		assertThat(this.files.read("notes/hello.txt")).isEqualTo("héllo wörld");
		assertThat(this.files.read("~/notes/hello.txt")).isEqualTo("héllo wörld");
		assertThat(this.files.read("/home/user/notes/hello.txt")).isEqualTo("héllo wörld");
	}

	@Test
	void allByteValuesRoundTrip() {
		byte[] all = new byte[256];
		for (int i = 0; i < all.length; i++) {
			all[i] = (byte) i;
		}

		this.files.write("/tmp/all.bin", all);

		assertThat(this.files.readBytes("/tmp/all.bin")).isEqualTo(all);
	}

	@Test
	void writeFilesWritesEveryEntryInOneCall() {
		List<WriteInfo> written = this.files
			.writeFiles(List.of(WriteEntry.of("a.txt", "A"), WriteEntry.of("/tmp/b.bin", new byte[] { 1, 2 }),
					WriteEntry.of("/tmp/c.txt", new ByteArrayInputStream("C".getBytes()))));

		assertThat(written).extracting(WriteInfo::path).containsExactly("/home/user/a.txt", "/tmp/b.bin", "/tmp/c.txt");
		assertThat(this.files.read("a.txt")).isEqualTo("A");
		assertThat(this.files.readBytes("/tmp/b.bin")).containsExactly(1, 2);
		assertThat(this.files.read("/tmp/c.txt")).isEqualTo("C");
	}

	@Test
	void streamedWritesFromStreamsPathsAndResourcesWithOrWithoutGzip(@TempDir Path local) throws Exception {
		Path file = Files.writeString(local.resolve("local.txt"), "from a local file");

		this.files.write("/tmp/s.txt", new ByteArrayInputStream("from a stream".getBytes()));
		this.files.write("/tmp/g.txt", new ByteArrayInputStream("gzipped on the way".getBytes()), WriteOptions.gzip());
		this.files.write("/tmp/p.txt", file);
		this.files.write("/tmp/r.txt", new ByteArrayResource("from a resource".getBytes()));

		assertThat(this.files.read("/tmp/s.txt")).isEqualTo("from a stream");
		assertThat(this.files.read("/tmp/g.txt")).isEqualTo("gzipped on the way");
		assertThat(this.files.read("/tmp/p.txt")).isEqualTo("from a local file");
		assertThat(this.files.read("/tmp/r.txt")).isEqualTo("from a resource");
		try (InputStream in = this.files.readStream("/tmp/s.txt")) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("from a stream");
		}
	}

	@Test
	void aMissingFileIsTyped() {
		assertThatExceptionOfType(SandboxFileNotFoundException.class).isThrownBy(() -> this.files.read("nope.txt"))
			.withMessageContaining("/home/user/nope.txt");
		assertThatExceptionOfType(SandboxFileNotFoundException.class).isThrownBy(() -> this.files.getInfo("nope.txt"));
		assertThatExceptionOfType(SandboxFileNotFoundException.class)
			.isThrownBy(() -> this.files.rename("nope.txt", "other.txt"));
		assertThatExceptionOfType(InvalidArgumentException.class).isThrownBy(() -> this.files.read("/tmp"));
	}

	@Test
	void listExistsGetInfoMakeDirRenameAndRemove() {
		this.files.write("dir/one.txt", "1");
		this.files.write("dir/sub/two.txt", "22");

		assertThat(this.files.list("dir")).extracting(EntryInfo::name).containsExactly("one.txt", "sub");
		assertThat(this.files.list("dir", 2)).extracting(EntryInfo::path)
			.containsExactly("/home/user/dir/one.txt", "/home/user/dir/sub", "/home/user/dir/sub/two.txt");
		assertThatExceptionOfType(InvalidArgumentException.class).isThrownBy(() -> this.files.list("dir", 0));
		assertThat(this.files.exists("dir/one.txt")).isTrue();
		assertThat(this.files.exists("dir/zero.txt")).isFalse();

		EntryInfo info = this.files.getInfo("dir/sub/two.txt");
		assertThat(info.type()).isEqualTo(FileType.FILE);
		assertThat(info.size()).isEqualTo(2);
		assertThat(info.name()).isEqualTo("two.txt");
		assertThat(info.mode()).isEqualTo(0644);
		assertThat(info.owner()).isEqualTo("user");
		assertThat(info.modifiedTime()).isNotNull();
		assertThat(this.files.getInfo("dir").type()).isEqualTo(FileType.DIRECTORY);

		assertThat(this.files.makeDir("/tmp/a/b")).isTrue();
		assertThat(this.files.makeDir("/tmp/a/b")).isFalse();
		assertThat(this.files.rename("dir/one.txt", "/tmp/a/b/one.txt").path()).isEqualTo("/tmp/a/b/one.txt");
		assertThat(this.files.read("/tmp/a/b/one.txt")).isEqualTo("1");

		this.files.remove("dir");
		this.files.remove("dir");
		assertThat(this.files.exists("dir")).isFalse();
	}

	@Test
	void asUserRootWritesInRootsHome() {
		WriteInfo written = this.files.asUser("root").write("r.txt", "root's");

		assertThat(written.path()).isEqualTo("/root/r.txt");
		assertThat(this.files.read("/root/r.txt")).isEqualTo("root's");
	}

	@Test
	void watchDirReportsChangesOnceStarted() throws Exception {
		this.files.makeDir("/tmp/watched");
		List<FilesystemEvent> events = new CopyOnWriteArrayList<>();

		try (WatchHandle watch = this.files.watchDir("/tmp/watched", events::add)) {
			this.files.write("/tmp/watched/new.txt", "x");
			for (int i = 0; i < 100 && events.stream().noneMatch((e) -> e.name().equals("new.txt")); i++) {
				Thread.sleep(50);
			}
			assertThat(watch.isStopped()).isFalse();
		}

		assertThat(events).anySatisfy((event) -> {
			assertThat(event.name()).isEqualTo("new.txt");
			assertThat(event.type()).isIn(FilesystemEvent.Type.CREATE, FilesystemEvent.Type.WRITE);
		});
		assertThatExceptionOfType(SandboxFileNotFoundException.class)
			.isThrownBy(() -> this.files.watchDir("/tmp/nowhere", (event) -> {
			}));
	}

	@Test
	void theReactiveWatchEmitsEvents() {
		this.files.makeDir("/tmp/rw");
		Flux<FilesystemEvent> watch = this.sandbox.reactive().files().watchDir("/tmp/rw");
		// the reactive watch does not say when it is set up: write until it reports a
		// change
		Disposable writer = Flux.interval(Duration.ofMillis(100))
			.concatMap((tick) -> this.sandbox.reactive().files().write("/tmp/rw/file.txt", "x " + tick))
			.subscribe();

		try {
			StepVerifier.create(watch)
				.expectNextMatches((event) -> event.name().equals("file.txt"))
				.thenCancel()
				.verify(Duration.ofMinutes(1));
		}
		finally {
			writer.dispose();
		}
	}

	@Test
	void signedUrlsWorkWithoutHeaders() throws Exception {
		this.files.write("/home/user/a b.txt", "signed");
		HttpClient http = HttpClient.newHttpClient();

		HttpResponse<String> download = http.send(
				HttpRequest.newBuilder(URI.create(this.files.downloadUrl("/home/user/a b.txt"))).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> expiring = http.send(
				HttpRequest.newBuilder(URI.create(this.files.downloadUrl("/home/user/a b.txt", Duration.ofMinutes(1))))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		String uploadUrl = this.files.uploadUrl("/tmp/up.txt");
		HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(uploadUrl))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofString("uploaded"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(this.files.downloadUrl("/home/user/a b.txt"))
			.contains("path=%2Fhome%2Fuser%2Fa+b.txt&signature=v1_");
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo("signed");
		assertThat(expiring.body()).isEqualTo("signed");
		assertThat(upload.statusCode()).isEqualTo(200);
		assertThat(this.files.read("/tmp/up.txt")).isEqualTo("uploaded");
	}

	@Test
	void theSameFileIsSeenByTheApiAndByCommands() {
		assumeTrue(server.isolated(), "absolute paths are the sandbox's own only under bubblewrap");
		this.files.write("/home/user/api.txt", "home");
		this.files.write("/tmp/api.txt", "tmp");

		assertThat(this.sandbox.commands().run("cat /home/user/api.txt /tmp/api.txt").stdout()).isEqualTo("hometmp");
		this.sandbox.commands().run("printf cmd > /tmp/cmd.txt; printf home > /home/user/cmd.txt");
		assertThat(this.files.read("/tmp/cmd.txt")).isEqualTo("cmd");
		assertThat(this.files.read("/home/user/cmd.txt")).isEqualTo("home");
	}

	@Test
	void theReactiveSideReadsAndWritesWithoutBlocking() {
		ReactiveSandbox reactive = this.sandbox.reactive();
		Flux<DataBuffer> content = Flux.just("one ", "two ", "three")
			.map((text) -> DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes()));

		StepVerifier
			.create(reactive.files()
				.write("/tmp/flux.txt", content, WriteOptions.defaults())
				.then(reactive.files().read("/tmp/flux.txt")))
			.expectNext("one two three")
			.verifyComplete();
		StepVerifier.create(DataBufferUtils.join(reactive.files().readStream("/tmp/flux.txt")).map((buffer) -> {
			String text = buffer.toString(StandardCharsets.UTF_8);
			DataBufferUtils.release(buffer);
			return text;
		})).expectNext("one two three").verifyComplete();
	}

}
