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

import io.github.e2bspringboot.errors.E2bException;

/**
 * Thrown when a new conversation needs a sandbox while the most allowed
 * ({@link SandboxToolsSettings#maxConversations()}) are live. The tools turn it into an
 * error result, so the model learns to wait or the application to end a conversation.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class ConversationLimitException extends E2bException {

	private static final long serialVersionUID = 1L;

	/** The most conversation sandboxes that may live at once. */
	private final int limit;

	/**
	 * Create an exception for a limit that was reached.
	 * @param limit the most conversation sandboxes that may live at once
	 */
	public ConversationLimitException(int limit) {
		super("the limit of " + limit + " live conversation sandboxes (maxConversations) is reached; "
				+ "end a conversation or wait until an idle one expires, then try again");
		this.limit = limit;
	}

	/**
	 * Return the limit that was reached.
	 * @return the most conversation sandboxes that may live at once
	 */
	public int getLimit() {
		return this.limit;
	}

}
