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

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A process running in a sandbox.
 *
 * @param pid its process ID
 * @param tag its tag, if it was started with one
 * @param cmd the program
 * @param args its arguments
 * @param envs the environment variables it was started with
 * @param cwd its working directory, if one was given
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record ProcessInfo(int pid, @Nullable String tag, String cmd, List<String> args, Map<String, String> envs,
		@Nullable String cwd) {

	/**
	 * Create an instance, copying the collections.
	 * @param pid its process ID
	 * @param tag its tag, if it was started with one
	 * @param cmd the program
	 * @param args its arguments
	 * @param envs the environment variables it was started with
	 * @param cwd its working directory, if one was given
	 */
	public ProcessInfo {
		args = List.copyOf(args);
		envs = Map.copyOf(envs);
	}

}
