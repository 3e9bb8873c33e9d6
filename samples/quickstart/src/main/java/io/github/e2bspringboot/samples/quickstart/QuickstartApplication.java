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

import java.nio.file.Path;

import io.github.e2bspringboot.sandbox.SandboxTemplate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The quickstart: runs {@link Quickstart} once and exits.
 */
@SpringBootApplication
public class QuickstartApplication {

	public static void main(String[] args) {
		SpringApplication.exit(SpringApplication.run(QuickstartApplication.class, args));
	}

	@Bean
	ApplicationRunner quickstart(SandboxTemplate sandboxes,
			@Value("${quickstart.chart-file:chart.png}") Path chartFile) {
		return (args) -> new Quickstart(sandboxes, System.out, chartFile).run();
	}

}
