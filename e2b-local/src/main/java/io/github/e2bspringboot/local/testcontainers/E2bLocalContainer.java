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
package io.github.e2bspringboot.local.testcontainers;

import java.util.List;
import java.util.concurrent.Future;

import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;

import io.github.e2bspringboot.local.E2bLocalServer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs e2b-local in a container, with a random API key. Its {@link #getUrl()} serves as
 * both the API URL and the sandbox URL.
 *
 * <pre class="code">
 * &#64;Container
 * &#64;ServiceConnection
 * static E2bLocalContainer e2b = new E2bLocalContainer(DockerImageName.parse("e2b-spring-boot/e2b-local"));
 * </pre>
 *
 * Sandboxes run commands only when the container lets e2b-local isolate them:
 * {@link #withFullIsolation()} asks Docker for that.
 *
 * @since 0.1.0
 */
public class E2bLocalContainer extends GenericContainer<E2bLocalContainer> {

	/** The image built from e2b-local's Dockerfile. */
	public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("e2b-spring-boot/e2b-local");

	/** The port e2b-local listens on inside the container. */
	public static final int PORT = 3000;

	private final String apiKey = E2bLocalServer.randomApiKey();

	/**
	 * Create a container from the default image.
	 */
	public E2bLocalContainer() {
		this(DEFAULT_IMAGE);
	}

	/**
	 * Create a container from an image.
	 * @param image the image
	 */
	public E2bLocalContainer(DockerImageName image) {
		super(image);
		configure(this);
	}

	/**
	 * Create a container from an image being built, for example an
	 * {@code ImageFromDockerfile}.
	 * @param image the image
	 */
	public E2bLocalContainer(Future<String> image) {
		super(image);
		configure(this);
	}

	private static void configure(E2bLocalContainer container) {
		container.withExposedPorts(PORT)
			.withEnv("E2B_API_KEY", container.apiKey)
			.waitingFor(Wait.forLogMessage(".*E2B local server listening on.*", 1));
	}

	/**
	 * Let e2b-local isolate sandboxes inside the container, without running it
	 * privileged: user namespaces (an unconfined seccomp profile), a {@code /proc} it may
	 * mount (unmasked system paths), and the tun device for the sandboxes' user-mode
	 * network. Without it, e2b-local serves files but refuses to run commands.
	 * @return this container
	 */
	public E2bLocalContainer withFullIsolation() {
		return withCreateContainerCmdModifier((command) -> {
			HostConfig host = command.getHostConfig();
			if (host != null) {
				command.withHostConfig(UnmaskedHostConfig.of(host)
					.withSecurityOpts(List.of("seccomp=unconfined"))
					.withDevices(new Device("rwm", "/dev/net/tun", "/dev/net/tun")));
			}
		});
	}

	/**
	 * Return the URL of the server, for both the API URL and the sandbox URL.
	 * @return the URL
	 */
	public String getUrl() {
		return "http://" + getHost() + ":" + getMappedPort(PORT);
	}

	/**
	 * Return the API key the server requires.
	 * @return the key
	 */
	public String getApiKey() {
		return this.apiKey;
	}

}
