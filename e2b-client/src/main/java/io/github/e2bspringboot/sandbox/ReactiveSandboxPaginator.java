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

import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Walks the pages of a sandbox listing, like the official SDKs' {@code SandboxPaginator}:
 * {@link #hasNext()} is {@code true} until a page comes back without a cursor, and
 * {@link #nextItems()} fetches one page. The walk also ends on a blank cursor or on one
 * already seen, so a misbehaving server cannot make it loop forever.
 *
 * <pre class="code">
 * Flux&lt;SandboxInfo&gt; all = sandboxes.list(query).items();
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class ReactiveSandboxPaginator {

	private final Function<@Nullable String, Mono<SandboxPage>> pageFetcher;

	private final Set<String> seenTokens = new HashSet<>();

	private @Nullable String nextToken;

	private boolean hasNext = true;

	/**
	 * Create a paginator.
	 * @param pageFetcher fetches the page at a cursor ({@code null} for the first)
	 * @param nextToken the cursor to start from, or {@code null}
	 */
	ReactiveSandboxPaginator(Function<@Nullable String, Mono<SandboxPage>> pageFetcher, @Nullable String nextToken) {
		this.pageFetcher = pageFetcher;
		this.nextToken = nextToken;
		if (nextToken != null) {
			this.seenTokens.add(nextToken);
		}
	}

	/**
	 * Return whether another page may be fetched.
	 * @return {@code true} until the last page has been fetched
	 */
	public synchronized boolean hasNext() {
		return this.hasNext;
	}

	/**
	 * Return the cursor of the next page.
	 * @return the cursor, or {@code null} before the first page or after the last
	 */
	public synchronized @Nullable String nextToken() {
		return this.nextToken;
	}

	/**
	 * Fetch the next page.
	 * @return the sandboxes of the page; fails with {@link NoSuchElementException} when
	 * there are no more pages
	 */
	public Mono<List<SandboxInfo>> nextItems() {
		return Mono.defer(() -> {
			String token;
			synchronized (this) {
				if (!this.hasNext) {
					return Mono.error(new NoSuchElementException("No more items to fetch"));
				}
				token = this.nextToken;
			}
			return this.pageFetcher.apply(token).map(this::advance);
		});
	}

	/**
	 * Stream the sandboxes of all remaining pages, fetching a page only when the previous
	 * one has been consumed.
	 * @return the sandboxes
	 */
	public Flux<SandboxInfo> items() {
		return Mono.defer(() -> hasNext() ? nextItems() : Mono.just(List.<SandboxInfo>of()))
			.repeat(this::hasNext)
			.concatMapIterable(Function.identity(), 1);
	}

	private synchronized List<SandboxInfo> advance(SandboxPage page) {
		String token = page.nextToken();
		if (token == null || token.isBlank() || !this.seenTokens.add(token)) {
			this.nextToken = null;
			this.hasNext = false;
		}
		else {
			this.nextToken = token;
		}
		return page.items();
	}

}
