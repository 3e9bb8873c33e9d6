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
package io.github.e2bspringboot.wire;

import org.jspecify.annotations.Nullable;

/**
 * One frame of a process stream as envd sends it: output is still bytes, decoded above.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public sealed interface ProcessFrame {

	/**
	 * The process started.
	 *
	 * @param pid its process ID
	 */
	record Started(int pid) implements ProcessFrame {
	}

	/**
	 * Output of the process, either channel possibly empty.
	 *
	 * @param stdout bytes of standard output
	 * @param stderr bytes of standard error
	 */
	record Output(byte[] stdout, byte[] stderr) implements ProcessFrame {
	}

	/**
	 * The process ended.
	 *
	 * @param exitCode its exit code
	 * @param error the sandbox's description of a failure, if any
	 */
	record Ended(int exitCode, @Nullable String error) implements ProcessFrame {
	}

}
