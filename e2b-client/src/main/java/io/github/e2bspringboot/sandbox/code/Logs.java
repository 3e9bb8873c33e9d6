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

import java.util.List;

/**
 * What an execution printed, chunk by chunk as the kernel sent it.
 *
 * @param stdout the chunks written to standard output
 * @param stderr the chunks written to standard error
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record Logs(List<String> stdout, List<String> stderr) {

	/**
	 * Create an instance, copying the lists.
	 * @param stdout the chunks written to standard output
	 * @param stderr the chunks written to standard error
	 */
	public Logs {
		stdout = List.copyOf(stdout);
		stderr = List.copyOf(stderr);
	}

}
