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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.code.Result;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Saves the PNG charts and HTML tables of an execution in the sandbox's artifacts
 * directory and hands each to the listeners.
 *
 * @author e2b-spring-boot contributors
 */
final class ArtifactSaver {

	private static final Log logger = LogFactory.getLog(ArtifactSaver.class);

	private final String directory;

	private final List<SandboxArtifactListener> listeners;

	ArtifactSaver(String directory, List<SandboxArtifactListener> listeners) {
		this.directory = directory;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Save the results' charts and tables.
	 * @param session the conversation's sandbox
	 * @param results the execution's results
	 * @return a line naming each saved file, for the tool result
	 */
	List<String> save(ConversationSession session, List<Result> results) {
		List<String> lines = new ArrayList<>();
		for (Result result : results) {
			byte[] png = result.pngBytes();
			if (png != null) {
				String path = save(session, "chart", "png", "image/png", png);
				lines.add("Saved chart: " + path);
			}
			String html = result.html();
			if (html != null && !html.isEmpty()) {
				String path = save(session, "table", "html", "text/html", html.getBytes(StandardCharsets.UTF_8));
				lines.add("Saved table: " + path);
			}
		}
		return lines;
	}

	private String save(ConversationSession session, String kind, String extension, String mimeType, byte[] content) {
		Sandbox sandbox = session.sandbox();
		String path = this.directory + "/" + kind + "-" + session.nextArtifactNumber() + "." + extension;
		// the files API creates the directory
		sandbox.files().write(path, content);
		SandboxArtifact artifact = new SandboxArtifact(session.conversationId(), sandbox.id(), path, mimeType, content);
		for (SandboxArtifactListener listener : this.listeners) {
			try {
				listener.onArtifact(artifact);
			}
			catch (RuntimeException ex) {
				// the model's call succeeded; an application's listener must not fail it
				logger.warn("A SandboxArtifactListener failed on " + artifact, ex);
			}
		}
		return path;
	}

}
