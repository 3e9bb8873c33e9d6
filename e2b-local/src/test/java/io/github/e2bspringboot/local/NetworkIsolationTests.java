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
package io.github.e2bspringboot.local;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.e2bspringboot.local.LocalClient.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sandbox code tries to reach the server and the host's loopback services: through its
 * own loopback, through the user-mode stack's gateway, and through the host's own network
 * address. An offline sandbox has no interface but {@code lo}.
 */
class NetworkIsolationTests {

	private static E2bLocalServer server;

	private static LocalClient client;

	private static ServerSocket loopbackService;

	private static final AtomicInteger accepted = new AtomicInteger();

	@BeforeAll
	static void start() throws IOException {
		// listening on every address, as in a container, so that the host's own address
		// leads to the server too
		server = E2bLocalServer.builder().host("0.0.0.0").isolation(IsolationRequirement.forTests()).build().start();
		assumeTrue(server.isolated(), "sandboxes have networks of their own only when isolated");
		client = new LocalClient(server);
		loopbackService = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!loopbackService.isClosed()) {
				try (Socket socket = loopbackService.accept()) {
					accepted.incrementAndGet();
				}
				catch (IOException ex) {
					// closed
				}
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
	}

	@AfterAll
	static void stop() throws IOException {
		if (server != null) {
			server.close();
		}
		if (loopbackService != null) {
			loopbackService.close();
		}
	}

	@Test
	void anOfflineSandboxHasOnlyLoopback() {
		Sandbox sandbox = Sandbox.of(client.createSandbox("{\"templateID\":\"base\",\"allow_internet_access\":false}"));

		String interfaces = client.run(sandbox, "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '").stdout();

		assertThat(interfaces).isEqualTo("lo\n");
	}

	@Test
	void anOnlineSandboxReachesNeitherTheServerNorTheHostsLoopback() {
		Sandbox sandbox = Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}"));
		int port = server.port();
		int service = loopbackService.getLocalPort();
		String hostAddress = hostAddress();
		List<String> targets = List.of("127.0.0.1/" + port, "10.0.2.2/" + port, "127.0.0.1/" + service,
				"10.0.2.2/" + service, hostAddress + "/" + service);

		String interfaces = client.run(sandbox, "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '").stdout();
		StringBuilder script = new StringBuilder();
		for (String target : targets) {
			script.append("timeout 10 bash -c 'exec 3<>/dev/tcp/")
				.append(target)
				.append(" && echo CONNECTED ")
				.append(target)
				.append("' 2>/dev/null; ");
		}
		String connected = client.run(sandbox, script.toString()).stdout();
		String throughHostAddress = client
			.run(sandbox,
					"timeout 10 bash -c 'exec 3<>/dev/tcp/" + hostAddress + "/" + port
							+ "; printf \"GET /health HTTP/1.0\\r\\nE2b-Sandbox-Id: " + sandbox.id()
							+ "\\r\\n\\r\\n\" >&3; head -1 <&3'")
			.stdout();

		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			assertThat(interfaces).as("a network of its own, through slirp4netns").contains("tap0");
		}
		assertThat(connected).isEmpty();
		assertThat(accepted).hasValue(0);
		// the host's own address leads to the server, which refuses what comes from it
		assertThat(throughHostAddress).doesNotContain(" 2")
			.satisfiesAnyOf((status) -> assertThat(status).isEmpty(), (status) -> assertThat(status).contains(" 403 "));
	}

	private static String hostAddress() {
		try {
			return NetworkInterface.networkInterfaces()
				.filter((network) -> !isLoopback(network))
				.flatMap(NetworkInterface::inetAddresses)
				.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress())
				.map(InetAddress::getHostAddress)
				.findFirst()
				.orElse("192.0.2.1");
		}
		catch (IOException ex) {
			return "192.0.2.1";
		}
	}

	private static boolean isLoopback(NetworkInterface network) {
		try {
			return network.isLoopback();
		}
		catch (IOException ex) {
			return true;
		}
	}

}
