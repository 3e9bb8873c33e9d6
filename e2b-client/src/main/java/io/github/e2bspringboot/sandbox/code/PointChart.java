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

import java.util.List;

/**
 * A chart of points: a line or a scatter chart. Ticks and coordinates are numbers, or
 * strings on a {@link ScaleType#DATETIME datetime} or {@link ScaleType#CATEGORICAL
 * categorical} axis.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public sealed interface PointChart extends Chart2D permits LineChart, ScatterChart {

	/**
	 * Return the positions of the x axis's ticks.
	 * @return numbers or strings
	 */
	List<Object> xTicks();

	/**
	 * Return the scale of the x axis.
	 * @return the scale
	 */
	ScaleType xScale();

	/**
	 * Return the labels of the x axis's ticks.
	 * @return the labels
	 */
	List<String> xTickLabels();

	/**
	 * Return the positions of the y axis's ticks.
	 * @return numbers or strings
	 */
	List<Object> yTicks();

	/**
	 * Return the scale of the y axis.
	 * @return the scale
	 */
	ScaleType yScale();

	/**
	 * Return the labels of the y axis's ticks.
	 * @return the labels
	 */
	List<String> yTickLabels();

	/**
	 * Return the series of points.
	 * @return the series
	 */
	@Override
	List<PointData> elements();

}
