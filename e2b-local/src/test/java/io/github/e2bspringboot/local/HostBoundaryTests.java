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
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import io.github.e2bspringboot.local.LocalClient.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sandbox code, and a client of the API, try to reach what is the host's: its files, the
 * server's jar, data directory and API key, another sandbox, and the kernel's settings.
 * Each attempt sees only the sandbox's own template and files.
 */
class HostBoundaryTests {

	private static final String ROOT = "Basic cm9vdDo=";

	@TempDir
	static Path host;

	private static E2bLocalServer server;

	private static LocalClient client;

	private static String canary;

	@BeforeAll
	static void start() throws IOException {
		// sandboxes start as other users: the data directory must be reachable for them
		Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwx--x--x"));
		server = E2bLocalServer.builder()
			.isolation(IsolationRequirement.forTests())
			.dataDirectory(host.resolve("data"))
			.build()
			.start();
		assumeTrue(server.isolated(), "sandboxes are kept from the host only when isolated");
		client = new LocalClient(server);
		canary = "host canary " + UUID.randomUUID();
		Files.writeString(host.resolve("canary.txt"), canary);
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void commandsSeeTheTemplateAndTheirOwnFilesButNothingOfTheHost() throws Exception {
		Sandbox sandbox = create();
		String serverClasses = Path.of(E2bLocalServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
			.toString();
		String script = String.join("; ", "cat " + host.resolve("canary.txt") + " 2>&1",
				"test -e " + host.resolve("data") + " && echo DATA-VISIBLE",
				"test -e " + serverClasses + " && echo CLASSES-VISIBLE", "test -e /etc/shadow && echo SHADOW-VISIBLE",
				"ls /home", "cat /etc/hostname",
				// the key is looked for without naming it on a command line, where grep
				// would
				// find itself
				"rev <<< " + new StringBuilder(server.apiKey()).reverse() + " > /tmp/key",
				"grep -rlFf /tmp/key /proc/*/cmdline /proc/*/environ 2>/dev/null; true");

		LocalClient.CommandOutput output = client.run(sandbox, script, "Authorization", ROOT);

		assertThat(output.stdout()).doesNotContain(canary)
			.doesNotContain("DATA-VISIBLE")
			.doesNotContain("CLASSES-VISIBLE")
			.doesNotContain("SHADOW-VISIBLE")
			.doesNotContain("/proc/")
			.contains("No such file or directory")
			.contains("user\ne2b-sandbox\n");
	}

	@Test
	void theApiReadsAndWritesOnlyTheSandboxsFiles() {
		Sandbox sandbox = create();

		HttpResponse<byte[]> canaryRead = download(sandbox, host.resolve("canary.txt").toString());
		HttpResponse<byte[]> shadow = download(sandbox, "/etc/shadow");
		HttpResponse<byte[]> written = upload(sandbox, host.resolve("written-through-api.txt").toString(), "x");

		assertThat(canaryRead.statusCode()).isEqualTo(404);
		assertThat(LocalClient.text(canaryRead)).doesNotContain(canary);
		assertThat(shadow.statusCode()).isEqualTo(404);
		assertThat(written.statusCode()).isEqualTo(200);
		assertThat(host.resolve("written-through-api.txt")).doesNotExist();
	}

	@Test
	void aLinkMadeInTheSandboxAndMovedToTheRootStillLeadsOnlyIntoTheSandbox() {
		Sandbox sandbox = create();
		client.run(sandbox, "ln -s / /home/user/esc; ln -s " + host + " /home/user/hostdir");

		HttpResponse<byte[]> moved = client.unary(sandbox, "filesystem.Filesystem/Move",
				"{\"source\":\"/home/user/esc\",\"destination\":\"/esc\"}", "Authorization", ROOT);
		HttpResponse<byte[]> movedHost = client.unary(sandbox, "filesystem.Filesystem/Move",
				"{\"source\":\"/home/user/hostdir\",\"destination\":\"/hostdir\"}", "Authorization", ROOT);
		LocalClient.CommandOutput afterwards = client.run(sandbox, "cat /esc" + host.resolve("canary.txt")
				+ " /hostdir/canary.txt 2>&1; echo pwned > /esc/tmp/p;" + " echo pwned > /hostdir/p 2>&1; ls /esc/home",
				"Authorization", ROOT);
		HttpResponse<byte[]> throughApi = download(sandbox, "/hostdir/canary.txt");

		assertThat(moved.statusCode()).isEqualTo(200);
		assertThat(movedHost.statusCode()).isEqualTo(200);
		assertThat(afterwards.stdout()).doesNotContain(canary).contains("user");
		assertThat(throughApi.statusCode()).isEqualTo(404);
		assertThat(host.resolve("p")).doesNotExist();
		assertThat(Path.of("/tmp/p")).doesNotExist();
	}

	@Test
	void aLinkMovedOntoATemplateMountIsRefusedAndTheNextSandboxSeesTheTemplateAsItWas() {
		Sandbox sandbox = create();
		client.run(sandbox, "ln -s /tmp /tmp/usr", "Authorization", ROOT);

		HttpResponse<byte[]> ontoUsr = client.unary(sandbox, "filesystem.Filesystem/Move",
				"{\"source\":\"/tmp/usr\",\"destination\":\"/usr\"}", "Authorization", ROOT);
		LocalClient.CommandOutput replaced = client.run(create(), "test -x /usr/bin/env && echo intact");

		assertThat(ontoUsr.statusCode()).as(LocalClient.text(ontoUsr)).isIn(400, 409);
		assertThat(LocalClient.text(ontoUsr)).doesNotContain(host.toString());
		assertThat(replaced.stdout()).isEqualTo("intact\n");
	}

	@Test
	void sandboxCodeOwnsNothingOnTheHostAndHoldsNoPrivilege() {
		Sandbox sandbox = create();

		String asRoot = client
			.run(sandbox,
					"id -u; cat /proc/self/uid_map; grep -E '^(CapEff|CapPrm|CapBnd|CapAmb|NoNewPrivs)'"
							+ " /proc/self/status",
					"Authorization", ROOT)
			.stdout();
		String asUser = client.run(sandbox, "id -u; grep -E '^(CapEff|NoNewPrivs)' /proc/self/status").stdout();

		String[] map = asRoot.lines().skip(1).findFirst().orElseThrow().trim().split("\\s+");
		assertThat(asRoot).startsWith("0\n");
		if (map[1].equals("0")) {
			throw new AssertionError("sandbox root is the host's root: " + asRoot);
		}
		assertThat(Long.parseLong(map[1])).as("the host uid of the sandbox's root").isPositive();
		assertThat(asRoot).contains("CapEff:\t0000000000000000")
			.contains("CapPrm:\t0000000000000000")
			.contains("CapBnd:\t0000000000000000")
			.contains("CapAmb:\t0000000000000000")
			.contains("NoNewPrivs:\t1");
		assertThat(asUser).startsWith("1000\n").contains("CapEff:\t0000000000000000").contains("NoNewPrivs:\t1");
	}

	@Test
	void theKernelsSettingsAreReadOnly() throws IOException {
		Sandbox sandbox = create();
		String swappiness = Files.readString(Path.of("/proc/sys/vm/swappiness"));
		String corePattern = Files.readString(Path.of("/proc/sys/kernel/core_pattern"));

		String output = client
			.run(sandbox,
					"echo 1 > /proc/sys/vm/swappiness; echo '|/tmp/x' > /proc/sys/kernel/core_pattern;"
							+ " echo x > /sys/kernel/uevent_helper; echo done",
					"Authorization", ROOT)
			.stderr();

		assertThat(output).contains("Read-only file system");
		assertThat(Files.readString(Path.of("/proc/sys/vm/swappiness"))).isEqualTo(swappiness);
		assertThat(Files.readString(Path.of("/proc/sys/kernel/core_pattern"))).isEqualTo(corePattern);
	}

	@Test
	void anotherSandboxsFilesAndProcessesAreOutOfReach() {
		Sandbox one = create();
		Sandbox other = create();
		client.run(one, "echo one-secret > /tmp/secret; echo one-secret > ~/secret");
		client.run(one, "sleep 600 > /dev/null 2>&1 &");

		String seen = client.run(other, "cat /tmp/secret ~/secret 2>&1; ps -eo args").stdout();

		assertThat(seen).doesNotContain("one-secret").doesNotContain("sleep 600");
		assertThat(download(other, "/tmp/secret").statusCode()).isEqualTo(404);
	}

	private static Sandbox create() {
		return Sandbox.of(client.createSandbox("{\"templateID\":\"base\"}"));
	}

	private static HttpResponse<byte[]> download(Sandbox sandbox, String path) {
		return client.envd(sandbox, "GET", "/files?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8),
				HttpRequest.BodyPublishers.noBody());
	}

	private static HttpResponse<byte[]> upload(Sandbox sandbox, String path, String content) {
		return client.envd(sandbox, "POST", "/files?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8),
				HttpRequest.BodyPublishers.ofString(content), "Content-Type", "application/octet-stream");
	}

}
