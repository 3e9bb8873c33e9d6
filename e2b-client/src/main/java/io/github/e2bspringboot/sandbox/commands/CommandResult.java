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
package io.github.e2bspringboot.sandbox.commands;

import org.jspecify.annotations.Nullable;

/**
 * How a command ended and what it printed.
 *
 * @param exitCode the exit code ({@code -1} when killed by a signal)
 * @param stdout everything it wrote to standard output, decoded as UTF-8
 * @param stderr everything it wrote to standard error, decoded as UTF-8
 * @param error the sandbox's description of a failure, such as {@code exit status 1}
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record CommandResult(int exitCode, String stdout, String stderr, @Nullable String error) {

}
