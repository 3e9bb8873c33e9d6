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

import java.io.InputStream;

import reactor.core.publisher.Flux;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * A resource over a stream of buffers, read once as an input stream, so that a reactive
 * write can fall back to the multipart format of older sandbox daemons.
 *
 * @author e2b-spring-boot contributors
 */
final class PublisherResource extends AbstractResource {

	private final Flux<DataBuffer> content;

	PublisherResource(Flux<DataBuffer> content) {
		this.content = content;
	}

	@Override
	public String getDescription() {
		return "stream of data buffers";
	}

	@Override
	public InputStream getInputStream() {
		return DataBufferUtils.subscriberInputStream(this.content, 16);
	}

}
