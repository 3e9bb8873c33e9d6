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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.sandbox.code.BarChart;
import io.github.e2bspringboot.sandbox.code.BarData;
import io.github.e2bspringboot.sandbox.code.BoxAndWhiskerChart;
import io.github.e2bspringboot.sandbox.code.BoxAndWhiskerData;
import io.github.e2bspringboot.sandbox.code.ChartType;
import io.github.e2bspringboot.sandbox.code.CodeContext;
import io.github.e2bspringboot.sandbox.code.ExecutionCount;
import io.github.e2bspringboot.sandbox.code.ExecutionError;
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
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The lines of an {@code /execute} stream and the context answers, read as the code
 * interpreter's server writes them (PROTOCOL-NEXT.md 1.3 to 1.5).
 */
class CodeMessagesTests {

	static final String LINE_CHART = "{\"type\":\"line\",\"title\":\"Sine\",\"x_label\":\"x\",\"y_label\":\"sin(x)\","
			+ "\"x_unit\":\"s\",\"y_unit\":null,\"x_ticks\":[0,2.5,5],\"x_tick_labels\":[\"0\",\"2.5\",\"5\"],"
			+ "\"x_scale\":\"linear\",\"y_ticks\":[-1,0,1],\"y_tick_labels\":[\"-1\",\"0\",\"1\"],\"y_scale\":\"symlog\","
			+ "\"elements\":[{\"label\":\"sin\",\"points\":[[0,0],[1.5,0.997]]},{\"label\":\"empty\",\"points\":[]}]}";

	static final String PIE_CHART = "{\"type\":\"pie\",\"title\":\"Share\",\"elements\":[{\"label\":\"A\","
			+ "\"angle\":120.0,\"radius\":1.0},{\"label\":\"B\",\"angle\":240,\"radius\":1}]}";

	@Test
	void theExecutionCountComesFirst() {
		assertThat(CodeMessages.event(bytes("{\"type\":\"number_of_executions\",\"execution_count\":7}")))
			.isEqualTo(new ExecutionCount(7));
	}

	@Test
	void outputCarriesTheServersTimestamp() {
		assertThat(CodeMessages
			.event(bytes("{\"type\":\"stdout\",\"text\":\"a\\nb\",\"timestamp\":\"2026-01-02T03:04:05.123456Z\"}")))
			.isEqualTo(new OutputMessage("a\nb", Instant.parse("2026-01-02T03:04:05.123456Z"), false));
		assertThat(CodeMessages
			.event(bytes("{\"type\":\"stderr\",\"text\":\"oops\",\"timestamp\":\"2026-01-02T03:04:05.5+02:00\"}")))
			.isEqualTo(new OutputMessage("oops", Instant.parse("2026-01-02T01:04:05.5Z"), true));
	}

	@Test
	void timestampsWithoutAZoneAreUtcAndUnreadableOnesTheClientsClock() {
		assertThat(CodeMessages.instant("2026-01-02T03:04:05.000001")).isEqualTo("2026-01-02T03:04:05.000001Z");
		Instant before = Instant.now();
		assertThat(CodeMessages.instant("yesterday")).isBetween(before, Instant.now());
	}

	@Test
	void anErrorIsAnEventNotAFailure() {
		assertThat(CodeMessages.event(bytes("{\"type\":\"error\",\"name\":\"ZeroDivisionError\","
				+ "\"value\":\"division by zero\",\"traceback\":\"Traceback...\\nZeroDivisionError\"}")))
			.isEqualTo(new ExecutionError("ZeroDivisionError", "division by zero", "Traceback...\nZeroDivisionError"));
		assertThat(CodeMessages
			.event(bytes("{\"type\":\"error\",\"name\":\"E\",\"value\":\"v\",\"traceback\":[\"line 1\",\"line 2\"]}")))
			.isEqualTo(new ExecutionError("E", "v", "line 1\nline 2"));
	}

	@Test
	void keepalivesTheEndMarkerBlankLinesAndUnknownTypesAreNoEvents() {
		assertThat(CodeMessages.event(bytes("{\"type\":\"keepalive\"}"))).isNull();
		assertThat(CodeMessages.event(bytes("{\"type\":\"end_of_execution\"}"))).isNull();
		assertThat(CodeMessages.event(bytes("{\"type\":\"something_new\",\"x\":1}"))).isNull();
		assertThat(CodeMessages.event(bytes(" \r"))).isNull();
		assertThat(CodeMessages.event(new byte[0])).isNull();
	}

	@Test
	void aLineThatIsNotJsonFails() {
		assertThatExceptionOfType(E2bException.class).isThrownBy(() -> CodeMessages.event(bytes("{\"type\":")))
			.withMessageStartingWith("Unexpected response from the sandbox");
	}

	@Test
	void aResultHasEveryFormatTheServerSent() {
		String png = Base64.getEncoder().encodeToString(new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		Result result = (Result) CodeMessages.event(bytes("{\"type\":\"result\",\"text\":\"42\",\"html\":\"<b>42</b>\","
				+ "\"markdown\":\"**42**\",\"svg\":\"<svg/>\",\"png\":\"" + png + "\",\"jpeg\":\"/9j/\","
				+ "\"pdf\":\"JVBERi0=\",\"latex\":\"$42$\",\"json\":{\"a\":[1,2.5,\"x\",null,true],\"b\":{}},"
				+ "\"javascript\":\"alert(42)\",\"data\":{\"col\":[1,2],\"when\":[\"2026-01-01T00:00:00\",null]},"
				+ "\"chart\":" + LINE_CHART + ",\"extra\":{\"application/vnd.custom+json\":{\"k\":\"v\"},"
				+ "\"text/x-other\":\"o\"},\"is_main_result\":true}"));

		assertThat(result.text()).isEqualTo("42");
		assertThat(result.html()).isEqualTo("<b>42</b>");
		assertThat(result.markdown()).isEqualTo("**42**");
		assertThat(result.svg()).isEqualTo("<svg/>");
		assertThat(result.png()).isEqualTo(png);
		assertThat(result.pngBytes()).containsExactly((byte) 0x89, 'P', 'N', 'G');
		assertThat(result.jpeg()).isEqualTo("/9j/");
		assertThat(result.pdf()).isEqualTo("JVBERi0=");
		assertThat(result.pdfBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("%PDF-");
		assertThat(result.latex()).isEqualTo("$42$");
		assertThat(result.json())
			.isEqualTo(Map.of("a", java.util.Arrays.asList(1, 2.5, "x", null, true), "b", Map.of()));
		assertThat(result.javascript()).isEqualTo("alert(42)");
		assertThat(result.data()).containsEntry("col", List.of(1, 2))
			.containsEntry("when", java.util.Arrays.asList("2026-01-01T00:00:00", null));
		assertThat(result.chart()).isInstanceOf(LineChart.class);
		assertThat(result.extra()).containsExactly(Map.entry("application/vnd.custom+json", Map.of("k", "v")),
				Map.entry("text/x-other", "o"));
		assertThat(result.isMainResult()).isTrue();
		assertThat(result.formats()).containsExactly("text", "html", "markdown", "svg", "png", "jpeg", "pdf", "latex",
				"json", "javascript", "data", "chart", "application/vnd.custom+json", "text/x-other");
		assertThat(result).hasToString("Result[42]");
	}

	@Test
	void aResultWithLittleHasOnlyThat() {
		Result result = (Result) CodeMessages
			.event(bytes("{\"type\":\"result\",\"png\":\"AA==\",\"extra\":{}," + "\"is_main_result\":false}"));

		assertThat(result.text()).isNull();
		assertThat(result.json()).isNull();
		assertThat(result.data()).isNull();
		assertThat(result.chart()).isNull();
		assertThat(result.extra()).isEmpty();
		assertThat(result.isMainResult()).isFalse();
		assertThat(result.jpegBytes()).isNull();
		assertThat(result.formats()).containsExactly("png");
		assertThat(result).hasToString("Result[formats=[png]]");
	}

	@Test
	void jsonMayBeAnArrayOrAString() {
		Result array = (Result) CodeMessages.event(bytes("{\"type\":\"result\",\"json\":[1,[2]],\"extra\":{}}"));
		Result string = (Result) CodeMessages.event(bytes("{\"type\":\"result\",\"json\":\"{}\",\"extra\":{}}"));

		assertThat(array.json()).isEqualTo(List.of(1, List.of(2)));
		assertThat(string.json()).isEqualTo("{}");
	}

	@Test
	void aLineChartKeepsItsAxesAndPoints() {
		LineChart chart = (LineChart) CodeMessages.chart(WireJson.tree(bytes(LINE_CHART)));

		assertThat(chart.type()).isEqualTo(ChartType.LINE);
		assertThat(chart.title()).isEqualTo("Sine");
		assertThat(chart.xLabel()).isEqualTo("x");
		assertThat(chart.yLabel()).isEqualTo("sin(x)");
		assertThat(chart.xUnit()).isEqualTo("s");
		assertThat(chart.yUnit()).isNull();
		assertThat(chart.xTicks()).containsExactly(0, 2.5, 5);
		assertThat(chart.xTickLabels()).containsExactly("0", "2.5", "5");
		assertThat(chart.xScale()).isEqualTo(ScaleType.LINEAR);
		assertThat(chart.yTicks()).containsExactly(-1, 0, 1);
		assertThat(chart.yScale()).isEqualTo(ScaleType.SYMLOG);
		assertThat(chart.elements()).containsExactly(
				new PointData("sin", List.of(new Point(0, 0), new Point(1.5, 0.997))),
				new PointData("empty", List.of()));
	}

	@Test
	void aScatterChartOnADatetimeAxisKeepsStrings() {
		ScatterChart chart = (ScatterChart) CodeMessages.chart(WireJson.tree(bytes("{\"type\":\"scatter\","
				+ "\"title\":null,\"x_scale\":\"datetime\",\"y_scale\":\"new-scale\","
				+ "\"x_ticks\":[\"2026-01-01T00:00:00\"],\"x_tick_labels\":[\"Jan\"],\"y_ticks\":[],\"y_tick_labels\":[],"
				+ "\"elements\":[{\"label\":\"s\",\"points\":[[\"2026-01-01T00:00:00\",3],[\"cat\",\"dog\"]]}]}")));

		assertThat(chart.type()).isEqualTo(ChartType.SCATTER);
		assertThat(chart.title()).isNull();
		assertThat(chart.xLabel()).isNull();
		assertThat(chart.xScale()).isEqualTo(ScaleType.DATETIME);
		assertThat(chart.yScale()).isEqualTo(ScaleType.UNKNOWN);
		assertThat(chart.xTicks()).containsExactly("2026-01-01T00:00:00");
		assertThat(chart.elements().get(0).points()).containsExactly(new Point("2026-01-01T00:00:00", 3),
				new Point("cat", "dog"));
	}

	@Test
	void aBarChartHasItsBars() {
		BarChart chart = (BarChart) CodeMessages.chart(WireJson.tree(bytes("{\"type\":\"bar\",\"title\":\"Sales\","
				+ "\"x_label\":\"Quarter\",\"y_label\":\"Revenue\",\"x_unit\":null,\"y_unit\":\"EUR\","
				+ "\"elements\":[{\"label\":\"Q1\",\"group\":\"2026\",\"value\":10.5},"
				+ "{\"label\":\"Q2\",\"group\":\"2026\",\"value\":\"12\"}]}")));

		assertThat(chart.type()).isEqualTo(ChartType.BAR);
		assertThat(chart.xLabel()).isEqualTo("Quarter");
		assertThat(chart.yUnit()).isEqualTo("EUR");
		assertThat(chart.elements()).containsExactly(new BarData("Q1", "2026", 10.5), new BarData("Q2", "2026", 12));
	}

	@Test
	void aPieChartHasItsSlices() {
		PieChart chart = (PieChart) CodeMessages.chart(WireJson.tree(bytes(PIE_CHART)));

		assertThat(chart.type()).isEqualTo(ChartType.PIE);
		assertThat(chart.title()).isEqualTo("Share");
		assertThat(chart.elements()).containsExactly(new PieData("A", 120, 1), new PieData("B", 240, 1));
	}

	@Test
	void aBoxAndWhiskerChartHasItsBoxes() {
		BoxAndWhiskerChart chart = (BoxAndWhiskerChart) CodeMessages.chart(WireJson.tree(
				bytes("{\"type\":\"box_and_whisker\",\"title\":\"Spread\",\"x_label\":\"group\",\"y_label\":\"value\","
						+ "\"elements\":[{\"label\":\"A\",\"min\":1,\"first_quartile\":2,\"median\":3,"
						+ "\"third_quartile\":4,\"max\":5,\"outliers\":[9.5,-3]},{\"label\":\"B\",\"min\":0,"
						+ "\"first_quartile\":0,\"median\":0,\"third_quartile\":0,\"max\":0}]}")));

		assertThat(chart.type()).isEqualTo(ChartType.BOX_AND_WHISKER);
		assertThat(chart.yLabel()).isEqualTo("value");
		assertThat(chart.elements()).containsExactly(new BoxAndWhiskerData("A", 1, 2, 3, 4, 5, List.of(9.5, -3.0)),
				new BoxAndWhiskerData("B", 0, 0, 0, 0, 0, List.of()));
	}

	@Test
	void aSuperchartHoldsTypedCharts() {
		SuperChart chart = (SuperChart) CodeMessages.chart(WireJson.tree(bytes(
				"{\"type\":\"superchart\",\"title\":\"Both\",\"elements\":[" + LINE_CHART + "," + PIE_CHART + "]}")));

		assertThat(chart.type()).isEqualTo(ChartType.SUPERCHART);
		assertThat(chart.elements()).hasSize(2);
		assertThat(chart.elements().get(0)).isInstanceOf(LineChart.class);
		assertThat(chart.elements().get(1)).isInstanceOf(PieChart.class);
	}

	@Test
	void unknownAndUnclassifiedChartsKeepTheirElementsAsValues() {
		UnknownChart unknown = (UnknownChart) CodeMessages
			.chart(WireJson.tree(bytes("{\"type\":\"unknown\",\"title\":\"?\",\"elements\":[{\"x\":1},null]}")));
		UnknownChart radar = (UnknownChart) CodeMessages
			.chart(WireJson.tree(bytes("{\"type\":\"radar\",\"elements\":[]}")));

		assertThat(unknown.type()).isEqualTo(ChartType.UNKNOWN);
		assertThat(unknown.title()).isEqualTo("?");
		assertThat(unknown.elements()).containsExactly(Map.of("x", 1), null);
		assertThat(radar.type()).isEqualTo(ChartType.UNKNOWN);
		assertThat(radar.elements()).isEmpty();
	}

	@Test
	void contextsAreRead() {
		String context = "{\"id\":\"8d1f\",\"language\":\"python\",\"cwd\":\"/home/user\"}";

		assertThat(CodeMessages.context(WireJson.tree(bytes(context))))
			.isEqualTo(new CodeContext("8d1f", "python", "/home/user"));
		assertThat(CodeMessages.contexts(WireJson.tree(bytes("[" + context + "]"))))
			.containsExactly(new CodeContext("8d1f", "python", "/home/user"));
		assertThatExceptionOfType(E2bException.class)
			.isThrownBy(() -> CodeMessages.context(WireJson.tree(bytes("null"))));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
