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
package io.github.e2bspringboot.autoconfigure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxOperations;
import io.github.e2bspringboot.errors.E2bException;
import io.github.e2bspringboot.errors.NotEnoughSpaceException;
import io.github.e2bspringboot.sandbox.SandboxQuery;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.WatchHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The embedded default: with no key and no URL, the starter runs against an embedded
 * e2b-local that lives and dies with the context.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedLocalServerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(E2bLocalAutoConfiguration.class, WebClientAutoConfiguration.class,
				E2bAutoConfiguration.class));

	@Test
	void withoutAKeyAnEmbeddedServerServesTheStarterAndStopsWithTheContext(CapturedOutput output) {
		int[] port = new int[1];
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(E2bLocalServer.class);
			E2bLocalServer server = context.getBean(E2bLocalServer.class);
			port[0] = server.port();
			assertThat(context.getBean(E2bConnectionDetails.class).getApiUrl()).isEqualTo(URI.create(server.url()));
			SandboxOperations sandboxes = context.getBean(SandboxOperations.class);
			try (Sandbox sandbox = sandboxes.create()) {
				sandbox.files().write("hello.txt", "hello from the embedded server");
				assertThat(sandbox.commands().run("cat hello.txt").stdout())
					.isEqualTo("hello from the embedded server");
				assertThat(sandboxes.list(SandboxQuery.all()).nextItems()).hasSize(1);
			}
			assertThat(server.sandboxCount()).isZero();
		});

		assertThat(listening(port[0])).as("the server stopped with the context").isFalse();
		assertThat(output).containsOnlyOnce("started an embedded e2b-local server at http://127.0.0.1:" + port[0])
			.contains("Set 'e2b.api-key' (or E2B_API_KEY) to use E2B's cloud");
	}

	@Test
	void aConfiguredKeyOrUrlMeansNoLocalServer() {
		this.contextRunner.withPropertyValues("e2b.api-key=e2b_0123abcd")
			.run((context) -> assertThat(context).doesNotHaveBean(E2bLocalServer.class)
				.hasSingleBean(PropertiesE2bConnectionDetails.class));
		// a URL without a key is a cloud set-up missing its key, not a request for a
		// local server
		this.contextRunner.withPropertyValues("e2b.api-url=http://localhost:3000")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidApiKeyException.class));
	}

	@Test
	void thePropertyTurnsItOnOrOff() {
		this.contextRunner.withPropertyValues("e2b.local.enabled=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidApiKeyException.class));
		this.contextRunner.withPropertyValues("e2b.local.enabled=true", "e2b.api-key=e2b_0123abcd").run((context) -> {
			assertThat(context).hasSingleBean(E2bLocalServer.class);
			assertThat(context.getBean(E2bConnectionDetails.class).getApiKey())
				.isEqualTo(context.getBean(E2bLocalServer.class).apiKey());
		});
	}

	@Test
	void backsOffWithoutE2bLocalOnTheClasspathOrWithOtherConnectionDetails() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(E2bLocalServer.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("No E2B API key is configured (e2b.api-key)"));
		this.contextRunner.withBean(E2bConnectionDetails.class, () -> new E2bConnectionDetails() {

			@Override
			public String getApiKey() {
				return "e2b_0123abcd";
			}

			@Override
			public URI getApiUrl() {
				return URI.create("http://localhost:1");
			}

		}).run((context) -> assertThat(context).doesNotHaveBean(E2bLocalServer.class));
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Test
	void theLocalPropertiesConfigureTheServerItsTemplatesAndLimits(@TempDir Path template) throws Exception {
		// a root file system of its own: the host's /usr, and an /etc with a marker
		Files.setPosixFilePermissions(template, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.createSymbolicLink(template.resolve("usr"), Path.of("/usr"));
		Files.createSymbolicLink(template.resolve("bin"), Path.of("usr/bin"));
		Files.createSymbolicLink(template.resolve("lib"), Path.of("usr/lib"));
		Files.createSymbolicLink(template.resolve("lib64"), Path.of("usr/lib64"));
		Files.createDirectories(template.resolve("etc"));
		Files.writeString(template.resolve("etc/marker"), "from the registered template");
		String isolation = "true".equalsIgnoreCase(System.getenv("CI")) ? "bubblewrap" : "auto";
		this.contextRunner
			.withPropertyValues("e2b.local.isolation=" + isolation, "e2b.local.templates.mine=" + template,
					"e2b.local.max-watchers=1", "e2b.local.disk-limit=2MB")
			.run((context) -> {
				E2bLocalServer server = context.getBean(E2bLocalServer.class);
				assumeTrue(server.isolated(), "templates are root file systems only for isolated sandboxes");
				SandboxOperations sandboxes = context.getBean(SandboxOperations.class);
				try (Sandbox sandbox = sandboxes.create(SandboxSpec.builder().template("mine").build())) {
					assertThat(sandbox.commands().run("cat /etc/marker").stdout())
						.isEqualTo("from the registered template");
					assertThatExceptionOfType(NotEnoughSpaceException.class)
						.isThrownBy(() -> sandbox.files().write("big.bin", new byte[3 * 1024 * 1024]));
					try (WatchHandle first = sandbox.files().watchDir("/tmp", (event) -> {
					})) {
						assertThatExceptionOfType(E2bException.class)
							.isThrownBy(() -> sandbox.files().watchDir("/tmp", (event) -> {
							}).close())
							.withMessageContaining("directory watches");
					}
				}
				// as the official SDKs report it: a 404 on create is no "sandbox not
				// found"
				assertThatExceptionOfType(E2bException.class)
					.isThrownBy(() -> sandboxes.create(SandboxSpec.builder().template("not-registered").build()))
					.withMessage("404: template 'not-registered' not found");
			});
	}

	@Test
	void fromInsideAPackagedArchiveItStartsOnlyWhenAskedTo() throws Exception {
		assertThat(OnEmbeddedLocalServerCondition
			.isInsidePackagedArchive("jar:nested:/srv/app.jar/!BOOT-INF/lib/e2b-local.jar!/")).isTrue();
		assertThat(OnEmbeddedLocalServerCondition
			.isInsidePackagedArchive(Path.of("/home/dev/.m2/repository/e2b-local.jar").toUri().toString())).isFalse();
		assertThat(OnEmbeddedLocalServerCondition.isInsidePackagedArchive(
				E2bLocalServer.class.getProtectionDomain().getCodeSource().getLocation().toString()))
			.isFalse();
	}

	@Test
	void theAnalysisOfAMissingKeyMentionsTheLocalServer() {
		assertThatExceptionOfType(InvalidApiKeyException.class)
			.isThrownBy(() -> InvalidApiKeyException.check(null, true, null))
			.satisfies((ex) -> assertThat(new InvalidApiKeyFailureAnalyzer().analyze(ex).getAction())
				.contains("add e2b-local to the classpath")
				.contains("${E2B_API_KEY:}"));
	}

	@Test
	void aKeyWrittenAsAnUnresolvablePlaceholderStartsTheEmbeddedServer() {
		// what application.yml's "api-key: ${E2B_API_KEY}" reads when the variable is
		// unset
		this.contextRunner.withPropertyValues("e2b.api-key=${E2B_SPRING_BOOT_TEST_UNSET_VARIABLE}")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(E2bLocalServer.class));
	}

	@Test
	void withoutE2bLocalAnUnresolvablePlaceholderIsAMissingKeyNamingTheProperty() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(E2bLocalServer.class))
			.withPropertyValues("e2b.api-key=${E2B_SPRING_BOOT_TEST_UNSET_VARIABLE}")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidApiKeyFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("e2b.api-key")
					.contains("${E2B_SPRING_BOOT_TEST_UNSET_VARIABLE}")
					.contains("not set");
				assertThat(analysis.getAction()).contains("'e2b.api-key'");
			});
	}

	@Test
	void aUrlWithoutAKeySaysWhyE2bLocalDidNotStart() {
		this.contextRunner.withPropertyValues("e2b.api-url=http://localhost:3000").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidApiKeyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getAction()).contains("e2b-local is on the classpath")
				.contains("because 'e2b.api-url' is set (to http://localhost:3000)")
				.doesNotContain("add e2b-local");
		});
		this.contextRunner.withPropertyValues("e2b.local.enabled=false").run((context) -> {
			FailureAnalysis analysis = new InvalidApiKeyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getAction()).contains("'e2b.local.enabled=false' turned its embedded server off");
		});
	}

}
