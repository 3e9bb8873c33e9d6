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
package io.github.e2bspringboot.applications.holding;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import io.github.e2bspringboot.sandbox.SandboxOperations;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application that creates a few sandboxes and then runs until it is stopped, as a
 * service would: the web stack (WebFlux, WebMVC or none) is chosen with
 * {@code spring.main.web-application-type}.
 */
@SpringBootApplication
public class SandboxHoldingApplication {

	/**
	 * The line the application prints once it holds its sandboxes, followed by their IDs.
	 */
	public static final String HOLDING = "HOLDING ";

	/** How many sandboxes it creates. */
	public static final int SANDBOXES = 3;

	public static void main(String[] args) throws InterruptedException {
		ConfigurableApplicationContext context = SpringApplication.run(SandboxHoldingApplication.class, args);
		System.out.println(HOLDING + String.join(",", holdSandboxes(context)));
		System.out.flush();
		// a non-web application would end here; a service runs until it is told to stop
		new CountDownLatch(1).await();
	}

	/**
	 * Create the sandboxes.
	 * @param context the application
	 * @return their IDs
	 */
	public static List<String> holdSandboxes(ConfigurableApplicationContext context) {
		SandboxOperations sandboxes = context.getBean(SandboxOperations.class);
		return IntStream.range(0, SANDBOXES).mapToObj((i) -> sandboxes.create().id()).toList();
	}

}
