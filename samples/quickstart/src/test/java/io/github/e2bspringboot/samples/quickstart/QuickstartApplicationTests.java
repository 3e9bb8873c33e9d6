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
package io.github.e2bspringboot.samples.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import io.github.e2bspringboot.local.E2bLocalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart runs to the end on the embedded e2b-local and leaves no sandbox behind.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuickstartApplicationTests {

	@TempDir
	Path directory;

	@Test
	void theTourCompletesOnTheEmbeddedServer(CapturedOutput output) throws IOException {
		Path chart = this.directory.resolve("chart.png");
		try (ConfigurableApplicationContext context = SpringApplication.run(QuickstartApplication.class,
				"--e2b.api-key=", "--e2b.local.enabled=true", "--quickstart.chart-file=" + chart)) {
			assertThat(context.getBean(E2bLocalServer.class).sandboxCount()).as("everything was killed").isZero();
		}

		assertThat(output).contains("1. Creating a sandbox", "created sandbox ", "wrote /home/user/hello.txt",
				"wrote /home/user/data/a.txt", "wrote /home/user/data/c.txt", "| Hello from Spring Boot!", "| apples",
				"| cherries", "exit code 0", "page 1: ", "page 2: ", "6. Killing", "| sum of squares: 385",
				"a line chart 'Squares' with 10 points", "saved the chart as " + chart, "Done.");
		assertThat(output).doesNotContain("page 3: ");
		assertThat(output.toString().split("killed ", -1)).hasSize(3);
		byte[] png = Files.readAllBytes(chart);
		assertThat(png).as("a PNG file").startsWith(0x89, 'P', 'N', 'G');
		assertThat(ImageIO.read(chart.toFile()).getWidth()).isGreaterThan(100);
	}

}
