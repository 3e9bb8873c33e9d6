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
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One output of an execution: the value of the last expression (the main result) or
 * something the code displayed, such as a chart. Each format the kernel produced has its
 * own component; those it did not produce are {@code null}. Images and PDFs are base64,
 * as sent; {@link #pngBytes()} and its siblings decode them.
 * <p>
 * JSON-valued components ({@link #json()}, {@link #data()}, {@link #extra()}) hold plain
 * Java values: {@link Map} for objects, {@link List} for arrays, {@link String},
 * {@link Number}, {@link Boolean} and {@code null}.
 *
 * @param text the plain-text form ({@code text/plain})
 * @param html the HTML form ({@code text/html})
 * @param markdown the Markdown form ({@code text/markdown})
 * @param svg the SVG form ({@code image/svg+xml})
 * @param png the PNG image, base64 ({@code image/png})
 * @param jpeg the JPEG image, base64 ({@code image/jpeg})
 * @param pdf the PDF document, base64 ({@code application/pdf})
 * @param latex the LaTeX form ({@code text/latex})
 * @param json the JSON form ({@code application/json}), as a JSON value
 * @param javascript the JavaScript form ({@code application/javascript})
 * @param data tabular data, such as a pandas DataFrame as a map from column to values
 * @param chart the data of a chart the code drew, when the interpreter could extract it
 * @param extra the formats of other MIME types, by MIME type
 * @param isMainResult whether this is the value of the code's last expression rather than
 * something it displayed
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record Result(@Nullable String text, @Nullable String html, @Nullable String markdown, @Nullable String svg,
		@Nullable String png, @Nullable String jpeg, @Nullable String pdf, @Nullable String latex,
		@Nullable Object json, @Nullable String javascript, @Nullable Map<String, @Nullable Object> data,
		@Nullable Chart chart, Map<String, @Nullable Object> extra, boolean isMainResult) implements ExecutionEvent {

	/**
	 * Create an instance, copying the maps (JSON values may hold {@code null}).
	 * @param text the plain-text form
	 * @param html the HTML form
	 * @param markdown the Markdown form
	 * @param svg the SVG form
	 * @param png the PNG image, base64
	 * @param jpeg the JPEG image, base64
	 * @param pdf the PDF document, base64
	 * @param latex the LaTeX form
	 * @param json the JSON form, as a JSON value
	 * @param javascript the JavaScript form
	 * @param data tabular data
	 * @param chart the data of a chart
	 * @param extra the formats of other MIME types
	 * @param isMainResult whether this is the value of the code's last expression
	 */
	public Result {
		data = (data != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(data)) : null;
		extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
	}

	/**
	 * Return the formats this result has, as the Python SDK names them: {@code text},
	 * {@code html}, {@code markdown}, {@code svg}, {@code png}, {@code jpeg},
	 * {@code pdf}, {@code latex}, {@code json}, {@code javascript}, {@code data} and
	 * {@code chart} for those present and not empty, then the MIME types of
	 * {@link #extra()}.
	 * @return the formats
	 */
	public List<String> formats() {
		List<String> formats = new ArrayList<>();
		addIfPresent(formats, "text", this.text);
		addIfPresent(formats, "html", this.html);
		addIfPresent(formats, "markdown", this.markdown);
		addIfPresent(formats, "svg", this.svg);
		addIfPresent(formats, "png", this.png);
		addIfPresent(formats, "jpeg", this.jpeg);
		addIfPresent(formats, "pdf", this.pdf);
		addIfPresent(formats, "latex", this.latex);
		addIfPresent(formats, "json", this.json);
		addIfPresent(formats, "javascript", this.javascript);
		addIfPresent(formats, "data", this.data);
		addIfPresent(formats, "chart", this.chart);
		formats.addAll(this.extra.keySet());
		return formats;
	}

	/**
	 * Decode the PNG image.
	 * @return its bytes, or {@code null} when the result has none
	 */
	public byte @Nullable [] pngBytes() {
		return decode(this.png);
	}

	/**
	 * Decode the JPEG image.
	 * @return its bytes, or {@code null} when the result has none
	 */
	public byte @Nullable [] jpegBytes() {
		return decode(this.jpeg);
	}

	/**
	 * Decode the PDF document.
	 * @return its bytes, or {@code null} when the result has none
	 */
	public byte @Nullable [] pdfBytes() {
		return decode(this.pdf);
	}

	private static byte @Nullable [] decode(@Nullable String base64) {
		// the kernel may wrap long base64 lines
		return (base64 != null) ? Base64.getMimeDecoder().decode(base64) : null;
	}

	private static void addIfPresent(List<String> formats, String name, @Nullable Object value) {
		boolean empty = value == null || (value instanceof String text && text.isEmpty())
				|| (value instanceof Map<?, ?> map && map.isEmpty())
				|| (value instanceof Collection<?> collection && collection.isEmpty());
		if (!empty) {
			formats.add(name);
		}
	}

	@Override
	public String toString() {
		// images and documents can be megabytes of base64: name the formats instead
		return (this.text != null) ? "Result[" + this.text + "]" : "Result[formats=" + formats() + "]";
	}

}
