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

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The frames of one Connect server stream: messages, a keepalive message whenever the
 * stream stayed idle for the client's ping interval, and exactly one end-stream frame.
 */
final class EventStream {

	private final FluxSink<byte[]> sink;

	private volatile long lastSent = System.nanoTime();

	private boolean ended;

	private EventStream(FluxSink<byte[]> sink) {
		this.sink = sink;
	}

	/**
	 * Create a stream.
	 * @param scheduler runs the keepalive checks
	 * @param keepaliveInterval the idle time after which a keepalive is sent
	 * @param keepaliveMessage the keepalive message
	 * @param open the open streams of the sandbox, where this one is kept while it lasts
	 * @param start starts producing messages; returns what to do when the client goes
	 * away
	 * @return the frames
	 */
	static Flux<byte[]> create(ScheduledExecutorService scheduler, Duration keepaliveInterval, Object keepaliveMessage,
			Set<EventStream> open, Function<EventStream, Runnable> start) {
		return Flux.create((sink) -> {
			EventStream stream = new EventStream(sink);
			open.add(stream);
			long interval = Math.max(keepaliveInterval.toMillis(), 100);
			ScheduledFuture<?> keepalive = scheduler.scheduleWithFixedDelay(() -> {
				if (System.nanoTime() - stream.lastSent >= TimeUnit.MILLISECONDS.toNanos(interval)) {
					stream.send(keepaliveMessage);
				}
			}, interval, interval, TimeUnit.MILLISECONDS);
			Runnable cleanup;
			try {
				cleanup = start.apply(stream);
			}
			catch (BadRequestException ex) {
				stream.fail(ex.connectCode(), ex.getMessage());
				cleanup = () -> {
				};
			}
			Runnable onClose = cleanup;
			sink.onDispose(() -> {
				open.remove(stream);
				keepalive.cancel(false);
				onClose.run();
			});
		});
	}

	synchronized void send(Object message) {
		if (!this.ended) {
			this.lastSent = System.nanoTime();
			this.sink.next(Connect.frame(message));
		}
	}

	synchronized void end() {
		if (!this.ended) {
			this.ended = true;
			this.sink.next(Connect.endStream());
			this.sink.complete();
		}
	}

	/**
	 * Cut the stream without an end-stream frame, as a connection to a VM that vanished
	 * (a killed or paused sandbox) is cut on E2B.
	 */
	synchronized void cut() {
		if (!this.ended) {
			this.ended = true;
			this.sink.error(new StreamCutException());
		}
	}

	synchronized void fail(@Nullable String code, @Nullable String message) {
		if (!this.ended) {
			this.ended = true;
			this.sink.next(Connect.endStream((code != null) ? code : "unknown", (message != null) ? message : ""));
			this.sink.complete();
		}
	}

	/**
	 * Ends a response without its proper end, so the connection is closed mid-body.
	 */
	static final class StreamCutException extends RuntimeException {

		StreamCutException() {
			super("the sandbox went away", null, false, false);
		}

	}

}
