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

import io.github.e2bspringboot.sandbox.commands.CommandOutput;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.wire.ProcessFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

/**
 * The events of a process stream ({@code Start} or {@code Connect}), with output decoded
 * as UTF-8 incrementally per channel and keepalives dropped (PROTOCOL.md 6.4).
 *
 * @author e2b-spring-boot contributors
 */
sealed interface ProcessEvent {

	/**
	 * The process started.
	 *
	 * @param pid its process ID
	 */
	record Started(int pid) implements ProcessEvent {
	}

	/**
	 * The process wrote output.
	 *
	 * @param output the output
	 */
	record Output(CommandOutput output) implements ProcessEvent {
	}

	/**
	 * The process ended.
	 *
	 * @param exitCode its exit code
	 * @param error the sandbox's description of a failure, if any
	 */
	record Ended(int exitCode, @Nullable String error) implements ProcessEvent {
	}

	/**
	 * Decode the frames of a process stream, which must begin with its start.
	 */
	static Flux<ProcessEvent> parse(Flux<ProcessFrame> frames) {
		return Flux.defer(() -> {
			Utf8Decoder stdout = new Utf8Decoder();
			Utf8Decoder stderr = new Utf8Decoder();
			boolean[] started = new boolean[1];
			return frames.handle((frame, sink) -> {
				if (frame instanceof ProcessFrame.Started start) {
					started[0] = true;
					sink.next(new Started(start.pid()));
				}
				else if (!started[0]) {
					sink.error(new E2bException("The process stream did not begin with a start event"));
				}
				else if (frame instanceof ProcessFrame.Output output) {
					emit(sink, CommandOutput.Channel.STDOUT, stdout.decode(output.stdout()));
					emit(sink, CommandOutput.Channel.STDERR, stderr.decode(output.stderr()));
				}
				else if (frame instanceof ProcessFrame.Ended end) {
					emit(sink, CommandOutput.Channel.STDOUT, stdout.finish());
					emit(sink, CommandOutput.Channel.STDERR, stderr.finish());
					sink.next(new Ended(end.exitCode(), end.error()));
				}
			});
		});
	}

	private static void emit(SynchronousSink<ProcessEvent> sink, CommandOutput.Channel channel, String text) {
		if (!text.isEmpty()) {
			sink.next(new Output(new CommandOutput(channel, text)));
		}
	}

	/**
	 * Decodes UTF-8 chunk by chunk, keeping an incomplete character for the next chunk
	 * and replacing invalid bytes with U+FFFD.
	 */
	final class Utf8Decoder {

		private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);

		private ByteBuffer pending = ByteBuffer.allocate(0);

		String decode(byte[] bytes) {
			if (bytes.length == 0) {
				return "";
			}
			ByteBuffer input = ByteBuffer.allocate(this.pending.remaining() + bytes.length);
			input.put(this.pending).put(bytes).flip();
			CharBuffer output = CharBuffer.allocate(input.remaining() + 1);
			this.decoder.decode(input, output, false);
			this.pending = input.slice();
			return output.flip().toString();
		}

		String finish() {
			CharBuffer output = CharBuffer.allocate(this.pending.remaining() + 2);
			this.decoder.decode(this.pending, output, true);
			this.decoder.flush(output);
			this.pending = ByteBuffer.allocate(0);
			return output.flip().toString();
		}

	}

}
