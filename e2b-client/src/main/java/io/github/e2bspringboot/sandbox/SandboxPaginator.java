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

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.e2bspringboot.wire.Blocking;
import org.jspecify.annotations.Nullable;

/**
 * Walks the pages of a sandbox listing, blocking. See {@link ReactiveSandboxPaginator}.
 *
 * <pre class="code">
 * SandboxPaginator pages = sandboxes.list(query, 50, null);
 * while (pages.hasNext()) {
 *     for (SandboxInfo info : pages.nextItems()) { ... }
 * }
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class SandboxPaginator {

	private final ReactiveSandboxPaginator reactive;

	/**
	 * Create the blocking view over a reactive paginator.
	 * @param reactive the reactive paginator
	 */
	SandboxPaginator(ReactiveSandboxPaginator reactive) {
		this.reactive = reactive;
	}

	/**
	 * Return whether another page may be fetched.
	 * @return {@code true} until the last page has been fetched
	 */
	public boolean hasNext() {
		return this.reactive.hasNext();
	}

	/**
	 * Return the cursor of the next page.
	 * @return the cursor, or {@code null} before the first page or after the last
	 */
	public @Nullable String nextToken() {
		return this.reactive.nextToken();
	}

	/**
	 * Fetch the next page.
	 * @return the sandboxes of the page
	 * @throws NoSuchElementException when there are no more pages
	 */
	public List<SandboxInfo> nextItems() {
		return Blocking.get(this.reactive.nextItems());
	}

	/**
	 * Stream the sandboxes of all remaining pages lazily: a page is fetched only when the
	 * stream reaches it.
	 * @return the sandboxes
	 */
	public Stream<SandboxInfo> stream() {
		Iterator<List<SandboxInfo>> pages = new Iterator<>() {

			@Override
			public boolean hasNext() {
				return SandboxPaginator.this.hasNext();
			}

			@Override
			public List<SandboxInfo> next() {
				return nextItems();
			}

		};
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false)
			.flatMap(List::stream);
	}

}
