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

/**
 * An error the code raised, such as a Python exception. It is part of the
 * {@link Execution}, not thrown: the call itself succeeded.
 *
 * @param name the error's name, such as {@code ZeroDivisionError}
 * @param value the error's message
 * @param traceback the kernel's traceback, as one text
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record ExecutionError(String name, String value, String traceback) implements ExecutionEvent {

}
