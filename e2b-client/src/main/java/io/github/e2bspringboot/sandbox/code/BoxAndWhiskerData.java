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
 * One box of a box-and-whisker chart.
 *
 * @param label the box's label
 * @param min the end of the lower whisker
 * @param firstQuartile the bottom of the box
 * @param median the median
 * @param thirdQuartile the top of the box
 * @param max the end of the upper whisker
 * @param outliers the points beyond the whiskers
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record BoxAndWhiskerData(String label, double min, double firstQuartile, double median, double thirdQuartile,
		double max, List<Double> outliers) {

	/**
	 * Create an instance, copying the outliers.
	 * @param label the box's label
	 * @param min the end of the lower whisker
	 * @param firstQuartile the bottom of the box
	 * @param median the median
	 * @param thirdQuartile the top of the box
	 * @param max the end of the upper whisker
	 * @param outliers the points beyond the whiskers
	 */
	public BoxAndWhiskerData {
		outliers = List.copyOf(outliers);
	}

}
