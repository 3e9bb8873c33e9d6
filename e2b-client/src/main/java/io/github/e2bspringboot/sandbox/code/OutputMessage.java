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
package io.github.e2bspringboot.sandbox.code;

import java.time.Instant;

/**
 * A piece of what the code printed. It is a chunk as the kernel sent it, not necessarily
 * one line: it may hold several newlines or end in the middle of a line.
 *
 * @param line the text
 * @param timestamp when the kernel sent it (the server's clock)
 * @param error whether it went to standard error rather than standard output
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record OutputMessage(String line, Instant timestamp, boolean error) implements ExecutionEvent {

}
