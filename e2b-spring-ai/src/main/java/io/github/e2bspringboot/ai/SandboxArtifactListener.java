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
package io.github.e2bspringboot.ai;

/**
 * Receives the charts and tables {@code run_code} saves, as it saves them, on the thread
 * of the tool call. A listener that throws does not fail the tool call.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface SandboxArtifactListener {

	/**
	 * Called once per saved artifact.
	 * @param artifact the chart or table
	 */
	void onArtifact(SandboxArtifact artifact);

}
