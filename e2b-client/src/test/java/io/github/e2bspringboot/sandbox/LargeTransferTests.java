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

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 256 MiB file streamed up and down: it must arrive intact, and the figures (time and
 * the peak growth of the live heap, sampled after collections) are printed for the
 * record. Memory and speed goals are reported, not asserted.
 */
class LargeTransferTests {

	private static final long SIZE = 256L * 1024 * 1024;

	private static final long MIB = 1024 * 1024;

	@Test
	void aQuarterGigabyteStreamsUpAndDownIntact() throws Exception {
		try (E2bLocalServer server = LocalSandboxes.startServer();
				Sandbox sandbox = new SandboxTemplate(LocalSandboxes.reactiveTemplate(server)).create()) {
			MessageDigest sent = MessageDigest.getInstance("SHA-256");
			HeapSampler upload = HeapSampler.start();
			long uploadStart = System.nanoTime();
			sandbox.files().write("/tmp/big.bin", new DigestInputStream(new GeneratedStream(SIZE), sent));
			double uploadSeconds = (System.nanoTime() - uploadStart) / 1e9;
			long uploadPeak = upload.stop();

			MessageDigest received = MessageDigest.getInstance("SHA-256");
			HeapSampler download = HeapSampler.start();
			long downloadStart = System.nanoTime();
			long count = 0;
			try (InputStream in = sandbox.files().readStream("/tmp/big.bin")) {
				byte[] buffer = new byte[64 * 1024];
				int read;
				while ((read = in.read(buffer)) != -1) {
					received.update(buffer, 0, read);
					count += read;
				}
			}
			double downloadSeconds = (System.nanoTime() - downloadStart) / 1e9;
			long downloadPeak = download.stop();

			assertThat(count).isEqualTo(SIZE);
			assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
			System.out.printf("256 MiB streamed transfer: upload %.2f s (%.0f MiB/s), peak live-heap growth %d MiB;"
					+ " download %.2f s (%.0f MiB/s), peak live-heap growth %d MiB (client and server in one JVM)%n",
					uploadSeconds, SIZE / MIB / uploadSeconds, uploadPeak / MIB, downloadSeconds,
					SIZE / MIB / downloadSeconds, downloadPeak / MIB);
		}
	}

	/**
	 * Samples the heap in use after a collection, so garbage waiting to be collected does
	 * not count: what remains is what the transfer holds on to.
	 */
	private static final class HeapSampler {

		private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final AtomicLong peak = new AtomicLong();

		private final long baseline;

		private final Thread thread;

		private HeapSampler() {
			this.baseline = liveHeap();
			this.thread = new Thread(() -> {
				while (this.running.get()) {
					this.peak.accumulateAndGet(liveHeap() - this.baseline, Math::max);
					try {
						Thread.sleep(25);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "heap-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		static HeapSampler start() {
			return new HeapSampler();
		}

		long stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join();
			return Math.max(0, this.peak.get());
		}

		private long liveHeap() {
			System.gc();
			return this.memory.getHeapMemoryUsage().getUsed();
		}

	}

	/**
	 * Pseudo-random bytes produced on demand, never stored.
	 */
	private static final class GeneratedStream extends InputStream {

		private long remaining;

		private long state = 0x9E3779B97F4A7C15L;

		GeneratedStream(long size) {
			this.remaining = size;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.remaining == 0) {
				return -1;
			}
			int count = (int) Math.min(length, this.remaining);
			for (int i = 0; i < count; i++) {
				this.state ^= this.state << 13;
				this.state ^= this.state >>> 7;
				this.state ^= this.state << 17;
				buffer[offset + i] = (byte) this.state;
			}
			this.remaining -= count;
			return count;
		}

	}

}
