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

import org.jspecify.annotations.Nullable;

/**
 * A scatter chart.
 *
 * @param title the title, or {@code null}
 * @param xLabel the label of the x axis, or {@code null}
 * @param yLabel the label of the y axis, or {@code null}
 * @param xUnit the unit of the x axis, or {@code null}
 * @param yUnit the unit of the y axis, or {@code null}
 * @param xTicks the positions of the x axis's ticks: numbers or strings
 * @param xScale the scale of the x axis
 * @param xTickLabels the labels of the x axis's ticks
 * @param yTicks the positions of the y axis's ticks: numbers or strings
 * @param yScale the scale of the y axis
 * @param yTickLabels the labels of the y axis's ticks
 * @param elements the series
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record ScatterChart(@Nullable String title, @Nullable String xLabel, @Nullable String yLabel,
		@Nullable String xUnit, @Nullable String yUnit, List<Object> xTicks, ScaleType xScale, List<String> xTickLabels,
		List<Object> yTicks, ScaleType yScale, List<String> yTickLabels,
		List<PointData> elements) implements PointChart {

	/**
	 * Create an instance, copying the lists.
	 * @param title the title, or {@code null}
	 * @param xLabel the label of the x axis, or {@code null}
	 * @param yLabel the label of the y axis, or {@code null}
	 * @param xUnit the unit of the x axis, or {@code null}
	 * @param yUnit the unit of the y axis, or {@code null}
	 * @param xTicks the positions of the x axis's ticks
	 * @param xScale the scale of the x axis
	 * @param xTickLabels the labels of the x axis's ticks
	 * @param yTicks the positions of the y axis's ticks
	 * @param yScale the scale of the y axis
	 * @param yTickLabels the labels of the y axis's ticks
	 * @param elements the series
	 */
	public ScatterChart {
		xTicks = List.copyOf(xTicks);
		xTickLabels = List.copyOf(xTickLabels);
		yTicks = List.copyOf(yTicks);
		yTickLabels = List.copyOf(yTickLabels);
		elements = List.copyOf(elements);
	}

	/**
	 * Return {@link ChartType#SCATTER}.
	 * @return the kind
	 */
	@Override
	public ChartType type() {
		return ChartType.SCATTER;
	}

}
