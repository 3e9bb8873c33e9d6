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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.e2bspringboot.ai.SandboxArtifact;
import io.github.e2bspringboot.autoconfigure.ai.SandboxArtifactEvent;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Saves the charts that the model's code draws: the {@code run_code} tool saves each PNG
 * in the sandbox and publishes a {@link SandboxArtifactEvent}, which this copies to
 * {@code <agent.charts-directory>/<conversation id>/}, as a UI would show it.
 */
@Component
class ChartSaver {

	private final Path directory;

	private final Map<String, List<Path>> saved = new ConcurrentHashMap<>();

	ChartSaver(@Value("${agent.charts-directory:target/charts}") Path directory) {
		this.directory = directory;
	}

	@EventListener
	void onArtifact(SandboxArtifactEvent event) {
		SandboxArtifact artifact = event.getArtifact();
		if (!"image/png".equals(artifact.mimeType())) {
			return;
		}
		String name = artifact.path().substring(artifact.path().lastIndexOf('/') + 1);
		Path file = this.directory.resolve(artifact.conversationId()).resolve(name).toAbsolutePath();
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, artifact.content());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.saved.computeIfAbsent(artifact.conversationId(), (id) -> new CopyOnWriteArrayList<>()).add(file);
	}

	/**
	 * Return the charts saved for a conversation, and forget them.
	 * @param conversationId the conversation
	 * @return the files, in the order the model drew them
	 */
	List<Path> takeCharts(String conversationId) {
		List<Path> charts = this.saved.remove(conversationId);
		return (charts != null) ? List.copyOf(charts) : List.of();
	}

}
