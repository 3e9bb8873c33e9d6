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
package io.github.e2bspringboot.sandbox.code;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A chart the code interpreter could not classify, or of a kind this client does not
 * know; its elements are kept as plain JSON values.
 *
 * @param title the title, or {@code null}
 * @param elements the elements, as JSON values ({@link java.util.Map}, {@link List},
 * {@link String}, {@link Number}, {@link Boolean} or {@code null})
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record UnknownChart(@Nullable String title, List<@Nullable Object> elements) implements Chart {

	/**
	 * Create an instance, copying the elements (which may hold {@code null}).
	 * @param title the title, or {@code null}
	 * @param elements the elements
	 */
	public UnknownChart {
		elements = Collections.unmodifiableList(new ArrayList<>(elements));
	}

	/**
	 * Return {@link ChartType#UNKNOWN}.
	 * @return the kind
	 */
	@Override
	public ChartType type() {
		return ChartType.UNKNOWN;
	}

}
