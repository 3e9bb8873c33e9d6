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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the sandbox tools that Spring AI models call: one sandbox per
 * conversation, and the limits on what a model may ask of it.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
@ConfigurationProperties("e2b.ai.tools")
public class E2bAiToolsProperties {

	/**
	 * Whether to offer the sandbox tools (run code, run a command, write, read and list
	 * files) as a ToolCallbackProvider bean when Spring AI is on the classpath.
	 */
	private boolean enabled = true;

	/**
	 * Template of the conversations' sandboxes; unset uses e2b.code-interpreter.template.
	 */
	private @Nullable String template;

	/**
	 * How long a conversation's sandbox may stay unused before it is killed.
	 */
	private Duration idleTimeout = Duration.ofMinutes(10);

	/**
	 * Most conversation sandboxes alive at once; a tool call of one more conversation
	 * gets an error result until one ends or goes idle.
	 */
	private int maxConversations = 20;

	/**
	 * Most characters of one tool result; longer output is cut in the middle, saying so.
	 */
	private int maxOutputChars = 8000;

	/**
	 * Time limit of running code or a command when the model gives none.
	 */
	private Duration defaultTimeout = Duration.ofSeconds(60);

	/**
	 * Highest time limit a model may ask for when it runs code or a command.
	 */
	private Duration maxTimeout = Duration.ofMinutes(5);

	/**
	 * Most characters of code or of a command a model may send.
	 */
	private int maxCodeChars = 100_000;

	/**
	 * Largest file a model may write, and most bytes of a file it reads back.
	 */
	private DataSize maxFileSize = DataSize.ofMegabytes(1);

	/**
	 * Directory of the sandbox where charts (PNG) and tables (HTML) that code produces
	 * are saved, for the application to show.
	 */
	private String artifactsDirectory = "/home/user/artifacts";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getTemplate() {
		return this.template;
	}

	public void setTemplate(@Nullable String template) {
		this.template = template;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public int getMaxConversations() {
		return this.maxConversations;
	}

	public void setMaxConversations(int maxConversations) {
		this.maxConversations = maxConversations;
	}

	public int getMaxOutputChars() {
		return this.maxOutputChars;
	}

	public void setMaxOutputChars(int maxOutputChars) {
		this.maxOutputChars = maxOutputChars;
	}

	public Duration getDefaultTimeout() {
		return this.defaultTimeout;
	}

	public void setDefaultTimeout(Duration defaultTimeout) {
		this.defaultTimeout = defaultTimeout;
	}

	public Duration getMaxTimeout() {
		return this.maxTimeout;
	}

	public void setMaxTimeout(Duration maxTimeout) {
		this.maxTimeout = maxTimeout;
	}

	public int getMaxCodeChars() {
		return this.maxCodeChars;
	}

	public void setMaxCodeChars(int maxCodeChars) {
		this.maxCodeChars = maxCodeChars;
	}

	public DataSize getMaxFileSize() {
		return this.maxFileSize;
	}

	public void setMaxFileSize(DataSize maxFileSize) {
		this.maxFileSize = maxFileSize;
	}

	public String getArtifactsDirectory() {
		return this.artifactsDirectory;
	}

	public void setArtifactsDirectory(String artifactsDirectory) {
		this.artifactsDirectory = artifactsDirectory;
	}

}
