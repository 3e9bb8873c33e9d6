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
package io.github.e2bspringboot.applications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.e2bspringboot.local.E2bLocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a whole web application, the observation of each E2B operation nests under the
 * observation of the HTTP request that caused it, with the reactive API in WebFlux (the
 * parent travels in the Reactor context) and with the blocking API in WebMVC (it is the
 * request thread's current observation): a trace shows the sandbox calls inside the
 * request.
 */
class ObservationNestingTests {

	private static E2bLocalServer server;

	@BeforeAll
	static void startServer() {
		server = E2bLocalServer.builder().build().start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "reactive, io.github.e2bspringboot.applications.webflux.ReactiveRunApplication",
			"servlet, io.github.e2bspringboot.applications.webmvc.BlockingRunApplication" })
	void everyOperationOfARequestNestsUnderIt(String webApplicationType, Class<?> application) throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.run(application,
				"--spring.main.web-application-type=" + webApplicationType, "--server.port=0",
				"--e2b.api-key=" + server.apiKey(), "--e2b.api-url=" + server.url(),
				"--e2b.sandbox-url=" + server.url(), "--spring.main.banner-mode=off")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();

			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/run")).build(),
						HttpResponse.BodyHandlers.ofString());

			assertThat(response.body()).isEqualTo("hello");
			assertThat(context.getBean(ParentRecorder.class).e2bOperations())
				.extracting(ParentRecorder.Started::operation)
				.containsExactly("create", "file.write", "command.run", "kill");
			assertThat(context.getBean(ParentRecorder.class).e2bOperations())
				.allSatisfy((operation) -> assertThat(operation.ancestors())
					.as("the observations %s nests in", operation.operation())
					.contains("http.server.requests"));
		}
	}

}
