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

import reactor.core.Disposable;

/**
 * A running directory watch; {@link #stop()} (or {@link #close()}) ends it.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public final class WatchHandle implements AutoCloseable {

	private final Disposable subscription;

	WatchHandle(Disposable subscription) {
		this.subscription = subscription;
	}

	/**
	 * Stop watching.
	 */
	public void stop() {
		this.subscription.dispose();
	}

	/**
	 * Return whether the watch has ended, stopped or failed.
	 * @return {@code true} once it ended
	 */
	public boolean isStopped() {
		return this.subscription.isDisposed();
	}

	@Override
	public void close() {
		stop();
	}

}
