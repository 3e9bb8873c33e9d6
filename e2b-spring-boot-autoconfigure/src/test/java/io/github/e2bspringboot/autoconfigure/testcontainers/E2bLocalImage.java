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
package io.github.e2bspringboot.autoconfigure.testcontainers;

import java.nio.file.Files;
import java.nio.file.Path;

import com.github.dockerjava.api.exception.NotFoundException;
import io.github.e2bspringboot.local.testcontainers.E2bLocalContainer;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Builds the e2b-local image from its Dockerfile and the jar the build just made, on the
 * base image that {@code scripts/setup} builds locally (no registry needed), or the one
 * {@code E2B_LOCAL_BASE_IMAGE} names. As a JUnit condition: in CI the tests always run,
 * so a missing Docker fails them; on a machine without Docker they are skipped with the
 * reason.
 */
public final class E2bLocalImage implements ExecutionCondition {

	private static final Path MODULE = Path.of("../e2b-local");

	/** The base image that e2b-local's build-base-image.sh makes. */
	private static final String LOCAL_BASE_IMAGE = "e2b-local-base:bookworm-2";

	private static ImageFromDockerfile image;

	/**
	 * Return a new container of the locally built image, with the engine options that let
	 * it isolate sandboxes.
	 * @return the container, not started
	 */
	public static E2bLocalContainer container() {
		return containerWithoutIsolation().withFullIsolation();
	}

	/**
	 * Return a new container of the locally built image, run as Docker runs any: it
	 * cannot isolate sandboxes.
	 * @return the container, not started
	 */
	public static synchronized E2bLocalContainer containerWithoutIsolation() {
		if (image == null) {
			Path jar = MODULE.resolve("target/e2b-local.jar");
			if (!Files.exists(jar)) {
				throw new IllegalStateException(jar + " is missing: build the e2b-local module first");
			}
			image = new ImageFromDockerfile("e2b-spring-boot/e2b-local", false)
				.withFileFromPath("target/e2b-local.jar", jar)
				.withFileFromPath("Dockerfile", MODULE.resolve("src/main/docker/Dockerfile"))
				.withBuildArg("BASE_IMAGE", baseImage());
		}
		return new E2bLocalContainer(image);
	}

	/**
	 * The base image: {@code E2B_LOCAL_BASE_IMAGE}, else the one {@code scripts/setup}
	 * builds when it is there (no registry needed), else a public JRE image.
	 */
	private static String baseImage() {
		String configured = System.getenv("E2B_LOCAL_BASE_IMAGE");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		try {
			DockerClientFactory.instance().client().inspectImageCmd(LOCAL_BASE_IMAGE).exec();
			return LOCAL_BASE_IMAGE;
		}
		catch (NotFoundException ex) {
			return "eclipse-temurin:17-jre";
		}
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			return ConditionEvaluationResult.enabled("CI runs the container tests and fails them without Docker");
		}
		return DockerClientFactory.instance().isDockerAvailable()
				? ConditionEvaluationResult.enabled("Docker is available") : ConditionEvaluationResult
					.disabled("Docker is not available on this machine: container tests skipped");
	}

}
