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

import org.jspecify.annotations.Nullable;

/**
 * A chart with an x and a y axis.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public sealed interface Chart2D extends Chart permits PointChart, BarChart, BoxAndWhiskerChart {

	/**
	 * Return the label of the x axis.
	 * @return the label, or {@code null}
	 */
	@Nullable String xLabel();

	/**
	 * Return the label of the y axis.
	 * @return the label, or {@code null}
	 */
	@Nullable String yLabel();

	/**
	 * Return the unit of the x axis.
	 * @return the unit, or {@code null}
	 */
	@Nullable String xUnit();

	/**
	 * Return the unit of the y axis.
	 * @return the unit, or {@code null}
	 */
	@Nullable String yUnit();

}
