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

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the control plane knows about a sandbox, as returned by {@code getInfo} and
 * {@code list}.
 *
 * @param sandboxId the sandbox ID
 * @param templateId the ID of the template it was created from
 * @param name the template alias it was created with, if any
 * @param metadata the metadata given at creation
 * @param startedAt when it started
 * @param endAt when it will be killed or paused unless its timeout is extended
 * @param state whether it runs or is paused
 * @param cpuCount the number of vCPUs
 * @param memoryMB the memory in MiB
 * @param diskSizeMB the disk size in MiB
 * @param envdVersion the version of the sandbox daemon
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record SandboxInfo(String sandboxId, String templateId, @Nullable String name, Map<String, String> metadata,
		Instant startedAt, Instant endAt, SandboxState state, int cpuCount, int memoryMB, int diskSizeMB,
		String envdVersion) {

	/**
	 * Create an instance, copying the metadata.
	 * @param sandboxId the sandbox ID
	 * @param templateId the ID of the template it was created from
	 * @param name the template alias it was created with, if any
	 * @param metadata the metadata given at creation
	 * @param startedAt when it started
	 * @param endAt when it will be killed or paused unless its timeout is extended
	 * @param state whether it runs or is paused
	 * @param cpuCount the number of vCPUs
	 * @param memoryMB the memory in MiB
	 * @param diskSizeMB the disk size in MiB
	 * @param envdVersion the version of the sandbox daemon
	 */
	public SandboxInfo {
		metadata = Map.copyOf(metadata);
	}

}
