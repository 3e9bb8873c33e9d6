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
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches a directory of a sandbox (and, when recursive, every directory below it) and
 * reports changes with names relative to it, as envd's {@code WatchDir} does. Also keeps
 * a buffer for the polling form ({@code CreateWatcher} + {@code GetWatcherEvents}).
 */
final class DirectoryWatch implements AutoCloseable {

	/**
	 * One change.
	 *
	 * @param name the path relative to the watched directory
	 * @param type the envd event type
	 * @param host the changed path on disk
	 */
	record Change(String name, String type, Path host) {
	}

	private final Path directory;

	private final boolean recursive;

	private final WatchService service;

	private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();

	private final List<Change> buffer = new ArrayList<>();

	private volatile Consumer<Change> consumer;

	DirectoryWatch(Path directory, boolean recursive, ExecutorService executor) throws IOException {
		this.directory = directory;
		this.recursive = recursive;
		this.service = FileSystems.getDefault().newWatchService();
		this.consumer = this::buffer;
		register(directory);
		executor.execute(this::run);
	}

	/**
	 * Send changes to a consumer instead of the buffer.
	 */
	void onChange(Consumer<Change> consumer) {
		this.consumer = consumer;
	}

	synchronized List<Change> drain() {
		List<Change> drained = List.copyOf(this.buffer);
		this.buffer.clear();
		return drained;
	}

	private synchronized void buffer(Change change) {
		this.buffer.add(change);
	}

	private void register(Path dir) throws IOException {
		if (this.recursive) {
			try (Stream<Path> dirs = Files.walk(dir)) {
				for (Path each : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
					registerOne(each);
				}
			}
		}
		else {
			registerOne(dir);
		}
	}

	private void registerOne(Path dir) throws IOException {
		WatchKey key = dir.register(this.service, StandardWatchEventKinds.ENTRY_CREATE,
				StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
		this.keys.put(key, dir);
	}

	private void run() {
		try {
			while (true) {
				WatchKey key = this.service.take();
				Path dir = this.keys.get(key);
				for (WatchEvent<?> event : key.pollEvents()) {
					if (dir == null || event.kind() == StandardWatchEventKinds.OVERFLOW) {
						continue;
					}
					Path changed = dir.resolve((Path) event.context());
					String type = typeOf(event.kind());
					if (this.recursive && event.kind() == StandardWatchEventKinds.ENTRY_CREATE
							&& Files.isDirectory(changed, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
						try {
							register(changed);
						}
						catch (IOException ex) {
							// the directory vanished again
						}
					}
					String name = this.directory.relativize(changed).toString();
					this.consumer.accept(new Change(name, type, changed));
				}
				if (!key.reset()) {
					this.keys.remove(key);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ClosedWatchServiceException ex) {
			// closed
		}
	}

	private static String typeOf(WatchEvent.Kind<?> kind) {
		if (kind == StandardWatchEventKinds.ENTRY_CREATE) {
			return "EVENT_TYPE_CREATE";
		}
		if (kind == StandardWatchEventKinds.ENTRY_DELETE) {
			return "EVENT_TYPE_REMOVE";
		}
		return "EVENT_TYPE_WRITE";
	}

	@Override
	public void close() {
		try {
			this.service.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
