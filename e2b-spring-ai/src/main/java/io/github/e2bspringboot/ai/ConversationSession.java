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

import io.github.e2bspringboot.sandbox.Sandbox;

/**
 * A conversation's sandbox while a tool call uses it.
 *
 * @author e2b-spring-boot contributors
 */
interface ConversationSession {

	/**
	 * Return the conversation id.
	 * @return the id
	 */
	String conversationId();

	/**
	 * Return the conversation's sandbox, creating it on first use.
	 * @return the sandbox
	 */
	Sandbox sandbox();

	/**
	 * Return the next number for a saved chart or table, counted per conversation.
	 * @return a number from 1
	 */
	int nextArtifactNumber();

}
