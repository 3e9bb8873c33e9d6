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
 * The data of a chart the code drew (a matplotlib figure), extracted by the code
 * interpreter so that it can be drawn again, for example interactively. Each kind is its
 * own type:
 *
 * <pre class="code">
 * if (result.chart() instanceof LineChart line) {
 *     line.elements().forEach((series) -&gt; plot(series.label(), series.points()));
 * }
 * </pre>
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public sealed interface Chart permits Chart2D, PieChart, SuperChart, UnknownChart {

	/**
	 * Return the kind of chart.
	 * @return the kind
	 */
	ChartType type();

	/**
	 * Return the chart's title.
	 * @return the title, or {@code null}
	 */
	@Nullable String title();

	/**
	 * Return what the chart shows: series, bars, slices, boxes or charts, by kind.
	 * @return the elements
	 */
	List<?> elements();

}
