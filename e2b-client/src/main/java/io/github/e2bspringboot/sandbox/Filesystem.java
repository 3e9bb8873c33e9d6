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

import io.github.e2bspringboot.sandbox.files.EntryInfo;
import io.github.e2bspringboot.sandbox.files.FilesystemEvent;
import io.github.e2bspringboot.sandbox.files.WriteEntry;
import io.github.e2bspringboot.sandbox.files.WriteInfo;
import io.github.e2bspringboot.sandbox.files.WriteOptions;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.SandboxTimeoutException;
import io.github.e2bspringboot.wire.Blocking;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * The files of one sandbox, blocking. Paths are absolute, start with {@code ~}, or are
 * relative to the home of the user (by default {@code /home/user}; see
 * {@link #asUser(String)}).
 *
 * <pre class="code">
 * sandbox.files().write("/home/user/main.py", "print('hi')");
 * String text = sandbox.files().read("/home/user/main.py");
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 * @see ReactiveFilesystem
 */
public final class Filesystem {

	private static final int STREAM_DEMAND = 16;

	private static final Duration WATCH_START_TIMEOUT = Duration.ofSeconds(30);

	private final ReactiveFilesystem reactive;

	/**
	 * Create the blocking view over a reactive filesystem.
	 * @param reactive the reactive filesystem
	 */
	Filesystem(ReactiveFilesystem reactive) {
		this.reactive = reactive;
	}

	/**
	 * Return a view of the same files acting as another Linux user: relative paths start
	 * at that user's home, and written files belong to it.
	 * @param user the user, such as {@code root}
	 * @return the view
	 */
	public Filesystem asUser(String user) {
		return new Filesystem(this.reactive.asUser(user));
	}

	/**
	 * Return the reactive view of these files.
	 * @return the reactive filesystem
	 */
	public ReactiveFilesystem reactive() {
		return this.reactive;
	}

	/**
	 * Write text as UTF-8, replacing the file if it exists and creating parent
	 * directories.
	 * @param path the target path
	 * @param text the content
	 * @return what was written
	 */
	public WriteInfo write(String path, String text) {
		return Blocking.get(this.reactive.write(path, text));
	}

	/**
	 * Write bytes.
	 * @param path the target path
	 * @param bytes the content
	 * @return what was written
	 */
	public WriteInfo write(String path, byte[] bytes) {
		return Blocking.get(this.reactive.write(path, bytes));
	}

	/**
	 * Write a stream's content without holding it in memory; the stream is closed after.
	 * @param path the target path
	 * @param content the content
	 * @return what was written
	 */
	public WriteInfo write(String path, InputStream content) {
		return write(path, content, WriteOptions.defaults());
	}

	/**
	 * Write a stream's content without holding it in memory, optionally compressed on the
	 * way; the stream is closed after.
	 * @param path the target path
	 * @param content the content
	 * @param options how to send it
	 * @return what was written
	 */
	public WriteInfo write(String path, InputStream content, WriteOptions options) {
		return Blocking.get(this.reactive.write(path, new InputStreamResource(content), options));
	}

	/**
	 * Write a resource's content without holding it in memory.
	 * @param path the target path
	 * @param content the content
	 * @return what was written
	 */
	public WriteInfo write(String path, Resource content) {
		return Blocking.get(this.reactive.write(path, content));
	}

	/**
	 * Write a local file's content without holding it in memory.
	 * @param path the target path
	 * @param file the local file
	 * @return what was written
	 */
	public WriteInfo write(String path, Path file) {
		return write(path, file, WriteOptions.defaults());
	}

	/**
	 * Write a local file's content without holding it in memory, optionally compressed on
	 * the way.
	 * @param path the target path
	 * @param file the local file
	 * @param options how to send it
	 * @return what was written
	 */
	public WriteInfo write(String path, Path file, WriteOptions options) {
		return Blocking.get(this.reactive.write(path, new FileSystemResource(file), options));
	}

	/**
	 * Write several files in one request.
	 * @param entries the files
	 * @return what was written, in the order of the entries
	 */
	public List<WriteInfo> writeFiles(List<WriteEntry> entries) {
		return Blocking.get(this.reactive.writeFiles(entries));
	}

	/**
	 * Read a file as UTF-8 text.
	 * @param path the path
	 * @return the content
	 */
	public String read(String path) {
		return Blocking.get(this.reactive.read(path));
	}

	/**
	 * Read a file's bytes.
	 * @param path the path
	 * @return the content
	 */
	public byte[] readBytes(String path) {
		return Blocking.get(this.reactive.readBytes(path));
	}

	/**
	 * Open a file as a stream that is read from the sandbox as it is consumed. Close it
	 * when done.
	 * @param path the path
	 * @return the content
	 */
	public InputStream readStream(String path) {
		return DataBufferUtils.subscriberInputStream(this.reactive.readStream(path), STREAM_DEMAND);
	}

	/**
	 * List a directory, one level deep.
	 * @param path the directory
	 * @return its entries
	 */
	public List<EntryInfo> list(String path) {
		return Blocking.get(this.reactive.list(path));
	}

	/**
	 * List a directory and, up to the given depth, its subdirectories.
	 * @param path the directory
	 * @param depth how many levels to descend, at least 1
	 * @return the entries
	 */
	public List<EntryInfo> list(String path, int depth) {
		return Blocking.get(this.reactive.list(path, depth));
	}

	/**
	 * Tell whether a path exists.
	 * @param path the path
	 * @return {@code true} when it exists
	 */
	public boolean exists(String path) {
		return Blocking.get(this.reactive.exists(path));
	}

	/**
	 * Describe a path.
	 * @param path the path
	 * @return its description
	 */
	public EntryInfo getInfo(String path) {
		return Blocking.get(this.reactive.getInfo(path));
	}

	/**
	 * Create a directory and its missing parents.
	 * @param path the directory
	 * @return {@code true} when created, {@code false} when it already existed
	 */
	public boolean makeDir(String path) {
		return Blocking.get(this.reactive.makeDir(path));
	}

	/**
	 * Move or rename a path.
	 * @param oldPath the current path
	 * @param newPath the new path
	 * @return the entry at its new place
	 */
	public EntryInfo rename(String oldPath, String newPath) {
		return Blocking.get(this.reactive.rename(oldPath, newPath));
	}

	/**
	 * Remove a file or a whole directory; a missing path is fine.
	 * @param path the path
	 */
	public void remove(String path) {
		Blocking.run(this.reactive.remove(path));
	}

	/**
	 * Watch a directory (not its subdirectories). Returns once the watch is set up, so
	 * every later change is reported.
	 * @param path the directory
	 * @param onEvent called for each change, on an I/O thread
	 * @return the handle that stops the watch
	 */
	public WatchHandle watchDir(String path, Consumer<FilesystemEvent> onEvent) {
		return watchDir(path, false, onEvent);
	}

	/**
	 * Watch a directory. Returns once the watch is set up, so every later change is
	 * reported.
	 * @param path the directory
	 * @param recursive whether to watch its subdirectories too
	 * @param onEvent called for each change, on an I/O thread
	 * @return the handle that stops the watch
	 */
	public WatchHandle watchDir(String path, boolean recursive, Consumer<FilesystemEvent> onEvent) {
		CountDownLatch started = new CountDownLatch(1);
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		Disposable subscription = this.reactive.watch(path, recursive).subscribe((message) -> {
			FilesystemEvent event = message.event();
			if (event == null) {
				started.countDown();
			}
			else {
				onEvent.accept(event);
			}
		}, (error) -> {
			failure.set(error);
			started.countDown();
		}, started::countDown);
		try {
			if (!started.await(WATCH_START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				subscription.dispose();
				throw new SandboxTimeoutException(
						"The watch of " + path + " did not start within " + WATCH_START_TIMEOUT.toSeconds() + " s");
			}
		}
		catch (InterruptedException ex) {
			subscription.dispose();
			Thread.currentThread().interrupt();
			throw new E2bException("Interrupted while starting the watch of " + path);
		}
		Throwable error = failure.get();
		if (error instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (error != null) {
			throw new E2bException("The watch of " + path + " failed: " + error.getMessage(), null, error);
		}
		return new WatchHandle(subscription);
	}

	/**
	 * Build a URL that uploads to this sandbox without any header, signed when the
	 * sandbox is secure.
	 * @param path the target path, or {@code null} to let the form part name it
	 * @return the URL
	 */
	public String uploadUrl(@Nullable String path) {
		return this.reactive.uploadUrl(path, null);
	}

	/**
	 * Build a signed upload URL that expires.
	 * @param path the target path, or {@code null}
	 * @param expiration how long the URL stays valid
	 * @return the URL
	 */
	public String uploadUrl(@Nullable String path, Duration expiration) {
		return this.reactive.uploadUrl(path, expiration);
	}

	/**
	 * Build a URL that downloads a file without any header, signed when the sandbox is
	 * secure.
	 * @param path the file
	 * @return the URL
	 */
	public String downloadUrl(String path) {
		return this.reactive.downloadUrl(path, null);
	}

	/**
	 * Build a signed download URL that expires.
	 * @param path the file
	 * @param expiration how long the URL stays valid
	 * @return the URL
	 */
	public String downloadUrl(String path, Duration expiration) {
		return this.reactive.downloadUrl(path, expiration);
	}

}
