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
package io.github.e2bspringboot.autoconfigure.ai;

import io.github.e2bspringboot.ai.SandboxArtifact;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a model's code produced a chart or a table, which the tools saved in the
 * conversation's sandbox: listen for it to show the artifact in a UI.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class SandboxArtifactEvent extends ApplicationEvent {

	/**
	 * Create an event.
	 * @param artifact the artifact, also the event's source
	 */
	public SandboxArtifactEvent(SandboxArtifact artifact) {
		super(artifact);
	}

	/**
	 * Return the artifact.
	 * @return the artifact: its conversation, sandbox, path, type and bytes
	 */
	public SandboxArtifact getArtifact() {
		return (SandboxArtifact) getSource();
	}

}
