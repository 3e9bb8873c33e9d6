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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Watches a directory of a sandbox (and, when recursive, every directory below it) and
 * reports changes with names relative to it, as envd's {@code WatchDir} does; it also
 * keeps a bounded buffer for the polling form ({@code CreateWatcher} +
 * {@code GetWatcherEvents}).
 * <p>
 * It compares snapshots taken through the sandbox's descriptor-relative walk rather than
 * using inotify: an inotify watch is registered by path name, which sandbox code can
 * redirect out of the sandbox between a check and the registration, and inotify instances
 * are a host-wide resource.
 */
final class DirectoryWatch implements AutoCloseable {

	/** How often the directory is compared with its last snapshot. */
	static final long POLL_MILLIS = 50;

	/** The most entries one watch follows. */
	static final int MAX_ENTRIES = 10_000;

	/** The most changes kept for a poller that does not collect them. */
	static final int MAX_BUFFERED = 10_000;

	static final String CREATE = "EVENT_TYPE_CREATE";

	static final String WRITE = "EVENT_TYPE_WRITE";

	static final String REMOVE = "EVENT_TYPE_REMOVE";

	static final String RENAME = "EVENT_TYPE_RENAME";

	static final String CHMOD = "EVENT_TYPE_CHMOD";

	/**
	 * One change.
	 *
	 * @param name the path relative to the watched directory
	 * @param type the envd event type
	 */
	record Change(String name, String type) {
	}

	private final SandboxFiles files;

	private final SandboxPath directory;

	private final boolean recursive;

	private final Executor executor;

	private final List<Change> buffer = new ArrayList<>();

	private final AtomicBoolean polling = new AtomicBoolean();

	private final ScheduledFuture<?> schedule;

	private volatile Consumer<Change> consumer = this::buffer;

	private volatile boolean closed;

	private Map<String, SandboxFiles.Stamp> last;

	/**
	 * Take the first snapshot and start comparing.
	 * @throws BadRequestException when the directory does not exist or is too large
	 */
	DirectoryWatch(SandboxFiles files, SandboxPath directory, boolean recursive, ScheduledExecutorService scheduler,
			Executor executor) throws IOException {
		this.files = files;
		this.directory = directory;
		this.recursive = recursive;
		this.executor = executor;
		this.last = files.snapshot(directory, recursive, MAX_ENTRIES);
		this.schedule = scheduler.scheduleWithFixedDelay(this::schedulePoll, POLL_MILLIS, POLL_MILLIS,
				TimeUnit.MILLISECONDS);
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
		if (this.buffer.size() < MAX_BUFFERED) {
			this.buffer.add(change);
		}
	}

	/** The walk may take a while on a large tree: it runs off the scheduler's threads. */
	private void schedulePoll() {
		if (!this.closed && this.polling.compareAndSet(false, true)) {
			this.executor.execute(() -> {
				try {
					poll();
				}
				finally {
					this.polling.set(false);
				}
			});
		}
	}

	private void poll() {
		Map<String, SandboxFiles.Stamp> now;
		try {
			now = this.files.snapshot(this.directory, this.recursive, MAX_ENTRIES);
		}
		catch (IOException | RuntimeException ex) {
			// the directory went away or grew too large: report it removed, as inotify
			// does when the watched directory goes
			now = Map.of();
		}
		List<Change> changes = compare(this.last, now);
		this.last = now;
		for (Change change : changes) {
			if (this.closed) {
				return;
			}
			this.consumer.accept(change);
		}
	}

	/**
	 * The changes between two snapshots, in name order: an entry that kept its identity
	 * under a new name is a rename of the old name and a creation of the new one, as
	 * inotify reports a move within the watched tree.
	 */
	static List<Change> compare(Map<String, SandboxFiles.Stamp> before, Map<String, SandboxFiles.Stamp> after) {
		Map<String, String> removedByKey = new HashMap<>();
		before.forEach((name, stamp) -> {
			if (!after.containsKey(name)) {
				removedByKey.put(stamp.key(), name);
			}
		});
		List<Change> changes = new ArrayList<>();
		after.forEach((name, stamp) -> {
			SandboxFiles.Stamp previous = before.get(name);
			if (previous == null || !previous.key().equals(stamp.key())) {
				String renamedFrom = removedByKey.remove(stamp.key());
				if (renamedFrom != null) {
					changes.add(new Change(renamedFrom, RENAME));
				}
				else if (previous != null) {
					changes.add(new Change(name, REMOVE));
				}
				changes.add(new Change(name, CREATE));
				return;
			}
			if (!stamp.directory() && (previous.size() != stamp.size() || previous.modified() != stamp.modified())) {
				changes.add(new Change(name, WRITE));
			}
			if (!previous.permissions().equals(stamp.permissions())) {
				changes.add(new Change(name, CHMOD));
			}
		});
		removedByKey.values().stream().sorted().forEach((name) -> changes.add(new Change(name, REMOVE)));
		return changes;
	}

	@Override
	public void close() {
		this.closed = true;
		this.schedule.cancel(false);
	}

}
