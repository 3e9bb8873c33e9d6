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
package io.github.e2bspringboot.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.sandbox.code.BarChart;
import io.github.e2bspringboot.sandbox.code.BarData;
import io.github.e2bspringboot.sandbox.code.BoxAndWhiskerChart;
import io.github.e2bspringboot.sandbox.code.BoxAndWhiskerData;
import io.github.e2bspringboot.sandbox.code.Chart;
import io.github.e2bspringboot.sandbox.code.ChartType;
import io.github.e2bspringboot.sandbox.code.CodeContext;
import io.github.e2bspringboot.sandbox.code.ExecutionCount;
import io.github.e2bspringboot.sandbox.code.ExecutionError;
import io.github.e2bspringboot.sandbox.code.ExecutionEvent;
import io.github.e2bspringboot.sandbox.code.LineChart;
import io.github.e2bspringboot.sandbox.code.OutputMessage;
import io.github.e2bspringboot.sandbox.code.PieChart;
import io.github.e2bspringboot.sandbox.code.PieData;
import io.github.e2bspringboot.sandbox.code.Point;
import io.github.e2bspringboot.sandbox.code.PointData;
import io.github.e2bspringboot.sandbox.code.Result;
import io.github.e2bspringboot.sandbox.code.ScaleType;
import io.github.e2bspringboot.sandbox.code.ScatterChart;
import io.github.e2bspringboot.sandbox.code.SuperChart;
import io.github.e2bspringboot.sandbox.code.UnknownChart;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the code interpreter's JSON (PROTOCOL-NEXT.md 1.3 to 1.5) into the client's
 * values: the lines of an {@code /execute} stream, results with their charts, and
 * contexts. Lenient like the official SDKs: a missing field is {@code null} or empty, and
 * a line type or chart kind this client does not know is skipped or kept as unknown.
 *
 * @author e2b-spring-boot contributors
 */
final class CodeMessages {

	private CodeMessages() {
	}

	/**
	 * Read one line of an execution stream.
	 * @param line the line, without its newline
	 * @return the event, or {@code null} for a blank line, a keepalive, the end marker
	 * and types a newer server may add
	 */
	static @Nullable ExecutionEvent event(byte[] line) {
		if (isBlank(line)) {
			return null;
		}
		JsonNode message = WireJson.tree(line);
		String type = text(message, "type");
		if (type == null) {
			return null;
		}
		return switch (type) {
			case "number_of_executions" -> executionCount(message);
			case "stdout" -> output(message, false);
			case "stderr" -> output(message, true);
			case "result" -> result(message);
			case "error" -> new ExecutionError(textOrEmpty(message, "name"), textOrEmpty(message, "value"),
					traceback(message.get("traceback")));
			// keepalive and end_of_execution carry nothing; the stream's end ends it
			default -> null;
		};
	}

	static Result result(JsonNode message) {
		JsonNode data = message.get("data");
		JsonNode chart = message.get("chart");
		JsonNode extra = message.get("extra");
		return new Result(text(message, "text"), text(message, "html"), text(message, "markdown"), text(message, "svg"),
				text(message, "png"), text(message, "jpeg"), text(message, "pdf"), text(message, "latex"),
				plain(message.get("json")), text(message, "javascript"),
				(data != null && data.isObject()) ? map(data) : null, (chart != null) ? chart(chart) : null,
				(extra != null && extra.isObject()) ? map(extra) : Map.of(),
				message.path("is_main_result").booleanValue(false));
	}

	static @Nullable Chart chart(JsonNode chart) {
		if (!chart.isObject()) {
			return null;
		}
		String title = text(chart, "title");
		JsonNode elements = chart.path("elements");
		String type = text(chart, "type");
		return switch (ChartType.fromValue((type != null) ? type : "")) {
			case LINE -> new LineChart(title, text(chart, "x_label"), text(chart, "y_label"), text(chart, "x_unit"),
					text(chart, "y_unit"), values(chart.path("x_ticks")), scale(chart, "x_scale"),
					strings(chart.path("x_tick_labels")), values(chart.path("y_ticks")), scale(chart, "y_scale"),
					strings(chart.path("y_tick_labels")), series(elements));
			case SCATTER -> new ScatterChart(title, text(chart, "x_label"), text(chart, "y_label"),
					text(chart, "x_unit"), text(chart, "y_unit"), values(chart.path("x_ticks")),
					scale(chart, "x_scale"), strings(chart.path("x_tick_labels")), values(chart.path("y_ticks")),
					scale(chart, "y_scale"), strings(chart.path("y_tick_labels")), series(elements));
			case BAR -> new BarChart(title, text(chart, "x_label"), text(chart, "y_label"), text(chart, "x_unit"),
					text(chart, "y_unit"), bars(elements));
			case PIE -> new PieChart(title, slices(elements));
			case BOX_AND_WHISKER -> new BoxAndWhiskerChart(title, text(chart, "x_label"), text(chart, "y_label"),
					text(chart, "x_unit"), text(chart, "y_unit"), boxes(elements));
			case SUPERCHART -> new SuperChart(title, charts(elements));
			case UNKNOWN -> new UnknownChart(title, list(elements));
		};
	}

	static CodeContext context(JsonNode context) {
		String id = text(context, "id");
		if (id == null) {
			throw new E2bException("The code interpreter described no context: " + context);
		}
		return new CodeContext(id, textOrEmpty(context, "language"), textOrEmpty(context, "cwd"));
	}

	static List<CodeContext> contexts(JsonNode contexts) {
		List<CodeContext> list = new ArrayList<>();
		for (JsonNode context : contexts.values()) {
			list.add(context(context));
		}
		return list;
	}

	/**
	 * Turn a JSON value into plain Java: maps, lists, strings, numbers, booleans and
	 * {@code null}, none of them Jackson's, so that no JSON type reaches the public API.
	 */
	static @Nullable Object plain(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isObject()) {
			return map(node);
		}
		if (node.isArray()) {
			return list(node);
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isNumber()) {
			return node.numberValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return node.toString();
	}

	private static ExecutionCount executionCount(JsonNode message) {
		JsonNode count = message.get("execution_count");
		return new ExecutionCount((count != null && count.isNumber()) ? count.intValue() : 0);
	}

	private static OutputMessage output(JsonNode message, boolean error) {
		String timestamp = text(message, "timestamp");
		return new OutputMessage(textOrEmpty(message, "text"), (timestamp != null) ? instant(timestamp) : Instant.now(),
				error);
	}

	/**
	 * Parse the kernel's timestamp: ISO-8601 with {@code Z} or an offset; without one it
	 * is UTC. One that cannot be read is replaced by this machine's clock, as the JS SDK
	 * always does, rather than failing the execution.
	 */
	static Instant instant(String timestamp) {
		try {
			return Instant.parse(timestamp);
		}
		catch (DateTimeParseException notAnInstant) {
			try {
				return OffsetDateTime.parse(timestamp).toInstant();
			}
			catch (DateTimeParseException noOffset) {
				try {
					return LocalDateTime.parse(timestamp).toInstant(ZoneOffset.UTC);
				}
				catch (DateTimeParseException unreadable) {
					return Instant.now();
				}
			}
		}
	}

	private static String traceback(@Nullable JsonNode traceback) {
		if (traceback == null) {
			return "";
		}
		if (traceback.isArray()) {
			// older servers sent the lines as a list
			StringBuilder joined = new StringBuilder();
			for (JsonNode line : traceback.values()) {
				joined.append((joined.length() > 0) ? "\n" : "").append(line.isString() ? line.stringValue() : line);
			}
			return joined.toString();
		}
		return traceback.isString() ? traceback.stringValue() : traceback.toString();
	}

	private static List<PointData> series(JsonNode elements) {
		List<PointData> series = new ArrayList<>();
		for (JsonNode element : elements.values()) {
			List<Point> points = new ArrayList<>();
			for (JsonNode point : element.path("points").values()) {
				Object x = (point.size() == 2) ? plain(point.get(0)) : null;
				Object y = (point.size() == 2) ? plain(point.get(1)) : null;
				if (x != null && y != null) {
					points.add(new Point(x, y));
				}
			}
			series.add(new PointData(textOrEmpty(element, "label"), points));
		}
		return series;
	}

	private static List<BarData> bars(JsonNode elements) {
		List<BarData> bars = new ArrayList<>();
		for (JsonNode element : elements.values()) {
			bars.add(new BarData(textOrEmpty(element, "label"), textOrEmpty(element, "group"),
					number(element.get("value"))));
		}
		return bars;
	}

	private static List<PieData> slices(JsonNode elements) {
		List<PieData> slices = new ArrayList<>();
		for (JsonNode element : elements.values()) {
			slices.add(new PieData(textOrEmpty(element, "label"), number(element.get("angle")),
					number(element.get("radius"))));
		}
		return slices;
	}

	private static List<BoxAndWhiskerData> boxes(JsonNode elements) {
		List<BoxAndWhiskerData> boxes = new ArrayList<>();
		for (JsonNode element : elements.values()) {
			List<Double> outliers = new ArrayList<>();
			for (JsonNode outlier : element.path("outliers").values()) {
				outliers.add(number(outlier));
			}
			boxes.add(new BoxAndWhiskerData(textOrEmpty(element, "label"), number(element.get("min")),
					number(element.get("first_quartile")), number(element.get("median")),
					number(element.get("third_quartile")), number(element.get("max")), outliers));
		}
		return boxes;
	}

	private static List<Chart> charts(JsonNode elements) {
		List<Chart> charts = new ArrayList<>();
		for (JsonNode element : elements.values()) {
			Chart chart = chart(element);
			if (chart != null) {
				charts.add(chart);
			}
		}
		return charts;
	}

	private static ScaleType scale(JsonNode chart, String field) {
		String scale = text(chart, field);
		return (scale != null) ? ScaleType.fromValue(scale) : ScaleType.UNKNOWN;
	}

	/**
	 * A JSON number, or a string holding one (the typings of the official SDKs declare
	 * some numbers as strings); {@code NaN} for anything else.
	 */
	private static double number(@Nullable JsonNode node) {
		if (node != null && node.isNumber()) {
			return node.doubleValue();
		}
		if (node != null && node.isString()) {
			try {
				return Double.parseDouble(node.stringValue());
			}
			catch (NumberFormatException ex) {
				return Double.NaN;
			}
		}
		return Double.NaN;
	}

	/** Ticks: numbers or strings, without nulls. */
	private static List<Object> values(JsonNode array) {
		List<Object> values = new ArrayList<>();
		for (JsonNode node : array.values()) {
			Object value = plain(node);
			if (value != null) {
				values.add(value);
			}
		}
		return values;
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		for (JsonNode node : array.values()) {
			strings.add(node.isString() ? node.stringValue() : node.toString());
		}
		return strings;
	}

	private static Map<String, @Nullable Object> map(JsonNode object) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> property : object.properties()) {
			map.put(property.getKey(), plain(property.getValue()));
		}
		return Collections.unmodifiableMap(map);
	}

	private static List<@Nullable Object> list(JsonNode array) {
		List<@Nullable Object> list = new ArrayList<>();
		for (JsonNode node : array.values()) {
			list.add(plain(node));
		}
		return Collections.unmodifiableList(list);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static String textOrEmpty(JsonNode node, String field) {
		String text = text(node, field);
		return (text != null) ? text : "";
	}

	private static boolean isBlank(byte[] line) {
		for (byte b : line) {
			if (b != ' ' && b != '\t' && b != '\r') {
				return false;
			}
		}
		return true;
	}

}
