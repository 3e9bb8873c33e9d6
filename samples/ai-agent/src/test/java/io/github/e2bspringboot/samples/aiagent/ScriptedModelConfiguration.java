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
package io.github.e2bspringboot.samples.aiagent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.e2bspringboot.ai.SandboxArtifact;
import io.github.e2bspringboot.autoconfigure.ai.SandboxArtifactEvent;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;

/**
 * The test's beans: the {@link ScriptedAnalystModel} as the application's chat model and
 * a recorder of {@link SandboxArtifactEvent}s. Deliberately not a {@code @Configuration}:
 * the tests that start the application with {@code SpringApplication} add it by name, and
 * the component scanning of those runs must not find it on its own.
 */
class ScriptedModelConfiguration {

	@Bean
	@Primary
	ScriptedAnalystModel scriptedAnalystModel() {
		return new ScriptedAnalystModel();
	}

	@Bean
	ArtifactEvents artifactEvents() {
		return new ArtifactEvents();
	}

	/**
	 * The artifacts the application was told about.
	 */
	static class ArtifactEvents {

		final List<SandboxArtifact> artifacts = new CopyOnWriteArrayList<>();

		@EventListener
		void onArtifact(SandboxArtifactEvent event) {
			this.artifacts.add(event.getArtifact());
		}

	}

}
