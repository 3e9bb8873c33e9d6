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
 * The frames of one server stream (Connect's enveloped messages, or the code
 * interpreter's JSON lines): messages, a keepalive message whenever the stream stayed
 * idle for the client's ping interval, and exactly one end frame. Data goes out only as
 * fast as the client takes it ({@link #sendWhenWanted}): a producer waits while the
 * connection asks for nothing, so a slow or silent client holds a bounded amount of
 * memory, and the process behind it is held at its pipe.
 */
final class EventStream {

	private final Framing framing;

	private final FluxSink<byte[]> sink;

	private volatile long lastSent = System.nanoTime();

	private boolean ended;

	/** How many frames the connection asked for and has not had yet. */
	private long demand;

	private EventStream(Framing framing, FluxSink<byte[]> sink) {
		this.framing = framing;
		this.sink = sink;
	}

	/**
	 * Create a stream.
	 * @param framing how messages and the end are written
	 * @param scheduler runs the keepalive checks
	 * @param keepaliveInterval the idle time after which a keepalive is sent
	 * @param keepaliveMessage the keepalive message
	 * @param open the open streams of the sandbox, where this one is kept while it lasts
	 * @param start starts producing messages; returns what to do when the client goes
	 * away
	 * @return the frames
	 */
	static Flux<byte[]> create(Framing framing, ScheduledExecutorService scheduler, Duration keepaliveInterval,
			Object keepaliveMessage, Set<EventStream> open, Function<EventStream, Runnable> start) {
		return Flux.create((sink) -> {
			EventStream stream = new EventStream(framing, sink);
			sink.onRequest(stream::request);
			open.add(stream);
			long interval = Math.max(keepaliveInterval.toMillis(), 100);
			// checked five times per interval, so that the keepalive follows the last
			// message by the interval and a fifth at most, not by up to two intervals
			long check = interval / 5;
			ScheduledFuture<?> keepalive = scheduler.scheduleWithFixedDelay(() -> {
				if (System.nanoTime() - stream.lastSent >= TimeUnit.MILLISECONDS.toNanos(interval)) {
					stream.send(keepaliveMessage);
				}
			}, check, check, TimeUnit.MILLISECONDS);
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
				stream.release();
				open.remove(stream);
				keepalive.cancel(false);
				onClose.run();
			});
		});
	}

	/**
	 * Send a small control message (start, keepalive) at once.
	 */
	synchronized void send(Object message) {
		if (!this.ended) {
			this.lastSent = System.nanoTime();
			this.demand = Math.max(0, this.demand - 1);
			this.sink.next(this.framing.message(message));
		}
	}

	/**
	 * Send a message once the connection asks for one, waiting while it does not.
	 * @param message the message
	 * @return {@code false} when the stream ended and nothing was sent
	 */
	synchronized boolean sendWhenWanted(Object message) throws InterruptedException {
		while (!this.ended && this.demand == 0) {
			wait();
		}
		if (this.ended) {
			return false;
		}
		this.demand--;
		this.lastSent = System.nanoTime();
		this.sink.next(this.framing.message(message));
		return true;
	}

	private synchronized void request(long frames) {
		this.demand = (Long.MAX_VALUE - this.demand < frames) ? Long.MAX_VALUE : this.demand + frames;
		notifyAll();
	}

	/** The client went away: nothing waits for it any more. */
	private synchronized void release() {
		this.ended = true;
		notifyAll();
	}

	synchronized void end() {
		notifyAll();
		if (!this.ended) {
			this.ended = true;
			this.sink.next(this.framing.end());
			this.sink.complete();
		}
	}

	/**
	 * Cut the stream without an end-stream frame, as a connection to a VM that vanished
	 * (a killed or paused sandbox) is cut on E2B.
	 */
	synchronized void cut() {
		notifyAll();
		if (!this.ended) {
			this.ended = true;
			this.sink.error(new StreamCutException());
		}
	}

	synchronized void fail(@Nullable String code, @Nullable String message) {
		notifyAll();
		if (!this.ended) {
			this.ended = true;
			this.sink.next(this.framing.failure((code != null) ? code : "unknown", (message != null) ? message : ""));
			this.sink.complete();
		}
	}

	/**
	 * How a stream's messages and its end are written.
	 */
	interface Framing {

		/**
		 * Write one message.
		 * @param message the message, written as JSON
		 * @return its bytes
		 */
		byte[] message(Object message);

		/**
		 * Write the end of a stream that ended well.
		 * @return its bytes
		 */
		byte[] end();

		/**
		 * Write the end of a stream that failed.
		 * @param code what kind of failure
		 * @param message what went wrong
		 * @return its bytes
		 */
		byte[] failure(String code, String message);

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
