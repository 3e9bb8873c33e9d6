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

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of {@code GET /v2/sandboxes}.
 *
 * @param items the sandboxes on this page
 * @param nextToken the cursor of the next page, or {@code null} when this is the last
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record SandboxPage(List<SandboxInfo> items, @Nullable String nextToken) {

	/**
	 * Create a page, copying the items.
	 * @param items the sandboxes on this page
	 * @param nextToken the cursor of the next page, or {@code null} when this is the last
	 */
	public SandboxPage {
		items = List.copyOf(items);
	}

}
