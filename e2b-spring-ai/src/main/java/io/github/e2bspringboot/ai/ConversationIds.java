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

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.model.ToolContext;

/**
 * Finds the conversation of a tool call in its {@link ToolContext}: the application puts
 * it there; the model cannot.
 *
 * @author e2b-spring-boot contributors
 */
final class ConversationIds {

	private ConversationIds() {
	}

	static String of(@Nullable ToolContext toolContext) {
		if (toolContext == null) {
			return ConversationSandboxes.DEFAULT_CONVERSATION;
		}
		Map<String, Object> context = toolContext.getContext();
		for (String key : new String[] { E2bSandboxTools.CONVERSATION_ID, ChatMemory.CONVERSATION_ID }) {
			Object id = context.get(key);
			if (id != null && !id.toString().isBlank()) {
				return id.toString();
			}
		}
		return ConversationSandboxes.DEFAULT_CONVERSATION;
	}

}
