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

/**
 * One resource-usage sample of a sandbox.
 *
 * @param timestamp when the sample was taken
 * @param cpuCount the number of vCPUs
 * @param cpuUsedPct the CPU usage in percent
 * @param memUsed the memory used, in bytes
 * @param memTotal the total memory, in bytes
 * @param memCache the memory used by caches, in bytes
 * @param diskUsed the disk space used, in bytes
 * @param diskTotal the total disk space, in bytes
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record SandboxMetrics(Instant timestamp, int cpuCount, double cpuUsedPct, long memUsed, long memTotal,
		long memCache, long diskUsed, long diskTotal) {

}
