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
package io.github.e2bspringboot.observation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.e2bspringboot.local.E2bLocalServer;
import io.github.e2bspringboot.sandbox.CodeInterpreter;
import io.github.e2bspringboot.sandbox.ReactiveCodeInterpreter;
import io.github.e2bspringboot.sandbox.code.CodeContext;
import io.github.e2bspringboot.sandbox.code.RunCodeOptions;
import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import io.github.e2bspringboot.sandbox.ReactiveSandbox;
import io.github.e2bspringboot.sandbox.ReactiveSandboxOperations;
import io.github.e2bspringboot.sandbox.ReactiveSandboxPaginator;
import io.github.e2bspringboot.sandbox.ReactiveSandboxTemplate;
import io.github.e2bspringboot.sandbox.Sandbox;
import io.github.e2bspringboot.sandbox.SandboxOperations;
import io.github.e2bspringboot.sandbox.SandboxPaginator;
import io.github.e2bspringboot.sandbox.SandboxQuery;
import io.github.e2bspringboot.sandbox.SandboxSpec;
import io.github.e2bspringboot.sandbox.SandboxTemplate;
import io.github.e2bspringboot.sandbox.SandboxTracker;
import io.github.e2bspringboot.sandbox.CommandHandle;
import io.github.e2bspringboot.sandbox.commands.CommandOptions;
import io.github.e2bspringboot.sandbox.Commands;
import io.github.e2bspringboot.sandbox.ReactiveCommandHandle;
import io.github.e2bspringboot.sandbox.ReactiveCommands;
import io.github.e2bspringboot.sandbox.Filesystem;
import io.github.e2bspringboot.sandbox.ReactiveFilesystem;
import io.github.e2bspringboot.sandbox.WatchHandle;
import io.github.e2bspringboot.sandbox.files.WriteEntry;
import io.github.e2bspringboot.sandbox.files.WriteOptions;
import io.github.e2bspringboot.testsupport.LocalSandboxes;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import reactor.core.publisher.Flux;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public operation of the client, blocking and reactive, is exactly one observation
 * of the expected name: the cases are checked against the public methods found by
 * reflection, so a new operation without an observation, or without a case here, fails.
 */
class ObservationCoverageTests {

	/**
	 * Public methods that send nothing: accessors, views of a stream another operation
	 * observes, and URLs built locally.
	 */
	private static final Set<String> NOT_OPERATIONS = Set.of("ReactiveSandbox.id()", "ReactiveSandbox.templateId()",
			"ReactiveSandbox.envdVersion()", "ReactiveSandbox.isSecure()", "ReactiveSandbox.files()",
			"ReactiveSandbox.commands()", "ReactiveSandbox.codeInterpreter()", "Sandbox.id()", "Sandbox.templateId()",
			"Sandbox.envdVersion()", "Sandbox.isSecure()", "Sandbox.files()", "Sandbox.commands()",
			"Sandbox.codeInterpreter()", "Sandbox.reactive()", "CodeInterpreter.reactive()",
			"ReactiveFilesystem.asUser(String)", "ReactiveFilesystem.uploadUrl(String,Duration)",
			"ReactiveFilesystem.downloadUrl(String,Duration)", "Filesystem.asUser(String)", "Filesystem.reactive()",
			"Filesystem.uploadUrl(String)", "Filesystem.uploadUrl(String,Duration)", "Filesystem.downloadUrl(String)",
			"Filesystem.downloadUrl(String,Duration)", "Commands.reactive()", "ReactiveCommandHandle.pid()",
			"ReactiveCommandHandle.output()", "ReactiveCommandHandle.stdout()", "ReactiveCommandHandle.stderr()",
			"ReactiveCommandHandle.result()", "ReactiveCommandHandle.disconnect()", "CommandHandle.pid()",
			"CommandHandle.stdout()", "CommandHandle.stderr()", "CommandHandle.waitFor()", "CommandHandle.disconnect()",
			"CommandHandle.reactive()", "ReactiveSandboxPaginator.hasNext()", "ReactiveSandboxPaginator.nextToken()",
			"SandboxPaginator.hasNext()", "SandboxPaginator.nextToken()");

	private static final List<Class<?>> API = List.of(ReactiveSandboxOperations.class, ReactiveSandbox.class,
			ReactiveFilesystem.class, ReactiveCommands.class, ReactiveCommandHandle.class,
			ReactiveCodeInterpreter.class, ReactiveSandboxPaginator.class, SandboxOperations.class, Sandbox.class,
			Filesystem.class, Commands.class, CommandHandle.class, CodeInterpreter.class, SandboxPaginator.class);

	private static final Recorder recorder = new Recorder();

	private static E2bLocalServer server;

	private static ReactiveSandboxTemplate reactive;

	private static SandboxTemplate blocking;

	@BeforeAll
	static void start() {
		server = LocalSandboxes.startServer();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(recorder);
		E2bConnectionConfig config = E2bConnectionConfig.builder()
			.apiKey(server.apiKey())
			.apiUrl(java.net.URI.create(server.url()))
			.sandboxUrl(java.net.URI.create(server.url()))
			.build();
		reactive = new ReactiveSandboxTemplate(WebClient.builder(), config, SandboxSpec.empty(), registry,
				new SandboxTracker());
		blocking = new SandboxTemplate(reactive);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@TestFactory
	Stream<DynamicTest> everyPublicOperationIsExactlyOneObservation() {
		Map<String, Case> cases = cases();
		Set<String> operations = API.stream()
			.flatMap((type) -> Arrays.stream(type.getMethods())
				.filter((method) -> method.getDeclaringClass() != Object.class
						&& !Modifier.isStatic(method.getModifiers())
						&& !Set.of("toString", "equals", "hashCode").contains(method.getName()))
				.map((method) -> signature(type, method)))
			.filter((signature) -> !NOT_OPERATIONS.contains(signature))
			.collect(Collectors.toSet());
		assertThat(operations).as("public operations without a case").isSubsetOf(cases.keySet());
		assertThat(cases.keySet()).as("cases of no public operation").isSubsetOf(operations);
		return cases.entrySet()
			.stream()
			.map((entry) -> DynamicTest.dynamicTest(entry.getKey(), () -> check(entry.getValue())));
	}

	private static void check(Case check) throws Exception {
		try (Sandbox sandbox = sandboxFor(check.operation())) {
			Fixture fixture = new Fixture(sandbox);
			fixture.prepare(check.operation());
			recorder.started.clear();

			check.call().call(fixture);

			assertThat(recorder.started).as("the observations it started").containsExactly(check.operation());
			for (ReactiveSandbox created : fixture.createdForCode) {
				// the code interpreter's template, by its alias
				assertThat(created.getInfo().block().name()).isEqualTo("code-interpreter-v1");
			}
			fixture.created.forEach((created) -> created.kill().block());
		}
	}

	/**
	 * A sandbox of the code interpreter's template for the code-interpreter calls, which
	 * e2b-local serves on its port 49999; a base sandbox for the others.
	 */
	private static Sandbox sandboxFor(String operation) {
		return operation.startsWith("code.") ? blocking.createForCode() : blocking.create();
	}

	private static Map<String, Case> cases() {
		Map<String, Case> cases = new LinkedHashMap<>();
		String text = "hello";
		// the template, reactive and blocking
		cases.put("ReactiveSandboxOperations.create()",
				new Case("create", (f) -> f.created(reactive.create().block())));
		cases.put("ReactiveSandboxOperations.create(String)",
				new Case("create", (f) -> f.created(reactive.create("base").block())));
		cases.put("ReactiveSandboxOperations.create(SandboxSpec)",
				new Case("create", (f) -> f.created(reactive.create(SandboxSpec.empty()).block())));
		cases.put("ReactiveSandboxOperations.connect(String)",
				new Case("connect", (f) -> reactive.connect(f.id()).block()));
		cases.put("ReactiveSandboxOperations.connect(String,Duration)",
				new Case("connect", (f) -> reactive.connect(f.id(), Duration.ofMinutes(2)).block()));
		cases.put("ReactiveSandboxOperations.kill(String)", new Case("kill", (f) -> reactive.kill(f.id()).block()));
		cases.put("ReactiveSandboxOperations.getInfo(String)",
				new Case("get_info", (f) -> reactive.getInfo(f.id()).block()));
		cases.put("ReactiveSandboxOperations.setTimeout(String,Duration)",
				new Case("set_timeout", (f) -> reactive.setTimeout(f.id(), Duration.ofMinutes(2)).block()));
		cases.put("ReactiveSandboxOperations.pause(String)", new Case("pause", (f) -> reactive.pause(f.id()).block()));
		cases.put("ReactiveSandboxOperations.getMetrics(String)",
				new Case("get_metrics", (f) -> reactive.getMetrics(f.id()).block()));
		cases.put("ReactiveSandboxOperations.list()", new Case("list", (f) -> reactive.list().nextItems().block()));
		cases.put("ReactiveSandboxOperations.list(SandboxQuery)",
				new Case("list", (f) -> reactive.list(SandboxQuery.all()).nextItems().block()));
		cases.put("ReactiveSandboxOperations.list(SandboxQuery,Integer,String)",
				new Case("list", (f) -> reactive.list(SandboxQuery.all(), 10, null).nextItems().block()));
		cases.put("SandboxOperations.create()", new Case("create", (f) -> f.created(blocking.create().reactive())));
		cases.put("SandboxOperations.create(String)",
				new Case("create", (f) -> f.created(blocking.create("base").reactive())));
		cases.put("SandboxOperations.create(SandboxSpec)",
				new Case("create", (f) -> f.created(blocking.create(SandboxSpec.empty()).reactive())));
		cases.put("ReactiveSandboxOperations.createForCode()",
				new Case("create", (f) -> f.createdForCode(reactive.createForCode().block())));
		cases.put("ReactiveSandboxOperations.createForCode(SandboxSpec)",
				new Case("create", (f) -> f.createdForCode(reactive.createForCode(SandboxSpec.empty()).block())));
		cases.put("SandboxOperations.createForCode()",
				new Case("create", (f) -> f.createdForCode(blocking.createForCode().reactive())));
		cases.put("SandboxOperations.createForCode(SandboxSpec)",
				new Case("create", (f) -> f.createdForCode(blocking.createForCode(SandboxSpec.empty()).reactive())));
		cases.put("SandboxOperations.connect(String)", new Case("connect", (f) -> blocking.connect(f.id())));
		cases.put("SandboxOperations.connect(String,Duration)",
				new Case("connect", (f) -> blocking.connect(f.id(), Duration.ofMinutes(2))));
		cases.put("SandboxOperations.kill(String)", new Case("kill", (f) -> blocking.kill(f.id())));
		cases.put("SandboxOperations.getInfo(String)", new Case("get_info", (f) -> blocking.getInfo(f.id())));
		cases.put("SandboxOperations.setTimeout(String,Duration)",
				new Case("set_timeout", (f) -> blocking.setTimeout(f.id(), Duration.ofMinutes(2))));
		cases.put("SandboxOperations.pause(String)", new Case("pause", (f) -> blocking.pause(f.id())));
		cases.put("SandboxOperations.getMetrics(String)", new Case("get_metrics", (f) -> blocking.getMetrics(f.id())));
		cases.put("SandboxOperations.list()", new Case("list", (f) -> blocking.list().nextItems()));
		cases.put("SandboxOperations.list(SandboxQuery)",
				new Case("list", (f) -> blocking.list(SandboxQuery.all()).nextItems()));
		cases.put("SandboxOperations.list(SandboxQuery,Integer,String)",
				new Case("list", (f) -> blocking.list(SandboxQuery.all(), 10, null).nextItems()));
		// a sandbox
		cases.put("ReactiveSandbox.isRunning()", new Case("health", (f) -> f.reactive().isRunning().block()));
		cases.put("ReactiveSandbox.setTimeout(Duration)",
				new Case("set_timeout", (f) -> f.reactive().setTimeout(Duration.ofMinutes(2)).block()));
		cases.put("ReactiveSandbox.getInfo()", new Case("get_info", (f) -> f.reactive().getInfo().block()));
		cases.put("ReactiveSandbox.getMetrics()", new Case("get_metrics", (f) -> f.reactive().getMetrics().block()));
		cases.put("ReactiveSandbox.pause()", new Case("pause", (f) -> f.reactive().pause().block()));
		cases.put("ReactiveSandbox.resume()", new Case("connect", (f) -> f.reactive().resume().block()));
		cases.put("ReactiveSandbox.kill()", new Case("kill", (f) -> f.reactive().kill().block()));
		cases.put("Sandbox.isRunning()", new Case("health", (f) -> f.sandbox().isRunning()));
		cases.put("Sandbox.setTimeout(Duration)",
				new Case("set_timeout", (f) -> f.sandbox().setTimeout(Duration.ofMinutes(2))));
		cases.put("Sandbox.getInfo()", new Case("get_info", (f) -> f.sandbox().getInfo()));
		cases.put("Sandbox.getMetrics()", new Case("get_metrics", (f) -> f.sandbox().getMetrics()));
		cases.put("Sandbox.pause()", new Case("pause", (f) -> f.sandbox().pause()));
		cases.put("Sandbox.resume()", new Case("connect", (f) -> f.sandbox().resume()));
		cases.put("Sandbox.kill()", new Case("kill", (f) -> f.sandbox().kill()));
		cases.put("Sandbox.close()", new Case("kill", (f) -> f.sandbox().close()));
		// files, reactive
		cases.put("ReactiveFilesystem.write(String,String)",
				new Case("file.write", (f) -> f.rfiles().write("a.txt", text).block()));
		cases.put("ReactiveFilesystem.write(String,byte[])",
				new Case("file.write", (f) -> f.rfiles().write("a.txt", bytes(text)).block()));
		cases.put("ReactiveFilesystem.write(String,Resource)",
				new Case("file.write", (f) -> f.rfiles().write("a.txt", new ByteArrayResource(bytes(text))).block()));
		cases.put("ReactiveFilesystem.write(String,Resource,WriteOptions)", new Case("file.write",
				(f) -> f.rfiles().write("a.txt", new ByteArrayResource(bytes(text)), WriteOptions.gzip()).block()));
		cases.put("ReactiveFilesystem.write(String,Publisher,WriteOptions)", new Case("file.write",
				(f) -> f.rfiles().write("a.txt", buffers(text), WriteOptions.defaults()).block()));
		cases.put("ReactiveFilesystem.writeFiles(List)",
				new Case("file.write_files",
						(f) -> f.rfiles()
							.writeFiles(List.of(WriteEntry.of("a.txt", text), WriteEntry.of("b.txt", text)))
							.block()));
		cases.put("ReactiveFilesystem.read(String)", new Case("file.read", (f) -> f.rfiles().read("seed.txt").block()));
		cases.put("ReactiveFilesystem.readBytes(String)",
				new Case("file.read", (f) -> f.rfiles().readBytes("seed.txt").block()));
		cases.put("ReactiveFilesystem.readStream(String)",
				new Case("file.read",
						(f) -> f.rfiles()
							.readStream("seed.txt")
							.doOnNext(org.springframework.core.io.buffer.DataBufferUtils::release)
							.blockLast()));
		cases.put("ReactiveFilesystem.list(String)",
				new Case("file.list", (f) -> f.rfiles().list("/home/user").block()));
		cases.put("ReactiveFilesystem.list(String,int)",
				new Case("file.list", (f) -> f.rfiles().list("/home/user", 2).block()));
		cases.put("ReactiveFilesystem.exists(String)",
				new Case("file.exists", (f) -> f.rfiles().exists("nope").block()));
		cases.put("ReactiveFilesystem.getInfo(String)",
				new Case("file.get_info", (f) -> f.rfiles().getInfo("seed.txt").block()));
		cases.put("ReactiveFilesystem.makeDir(String)",
				new Case("file.make_dir", (f) -> f.rfiles().makeDir("d").block()));
		cases.put("ReactiveFilesystem.rename(String,String)",
				new Case("file.rename", (f) -> f.rfiles().rename("seed.txt", "moved.txt").block()));
		cases.put("ReactiveFilesystem.remove(String)",
				new Case("file.remove", (f) -> f.rfiles().remove("seed.txt").block()));
		cases.put("ReactiveFilesystem.watchDir(String)", new Case("file.watch",
				(f) -> f.rfiles().watchDir("/home/user").take(Duration.ofMillis(200)).blockLast()));
		cases.put("ReactiveFilesystem.watchDir(String,boolean)", new Case("file.watch",
				(f) -> f.rfiles().watchDir("/home/user", true).take(Duration.ofMillis(200)).blockLast()));
		// files, blocking
		cases.put("Filesystem.write(String,String)", new Case("file.write", (f) -> f.files().write("a.txt", text)));
		cases.put("Filesystem.write(String,byte[])",
				new Case("file.write", (f) -> f.files().write("a.txt", bytes(text))));
		cases.put("Filesystem.write(String,InputStream)",
				new Case("file.write", (f) -> f.files().write("a.txt", stream(text))));
		cases.put("Filesystem.write(String,InputStream,WriteOptions)",
				new Case("file.write", (f) -> f.files().write("a.txt", stream(text), WriteOptions.gzip())));
		cases.put("Filesystem.write(String,Resource)",
				new Case("file.write", (f) -> f.files().write("a.txt", new ByteArrayResource(bytes(text)))));
		cases.put("Filesystem.write(String,Path)",
				new Case("file.write", (f) -> f.files().write("a.txt", f.localFile())));
		cases.put("Filesystem.write(String,Path,WriteOptions)",
				new Case("file.write", (f) -> f.files().write("a.txt", f.localFile(), WriteOptions.gzip())));
		cases.put("Filesystem.writeFiles(List)", new Case("file.write_files",
				(f) -> f.files().writeFiles(List.of(WriteEntry.of("a.txt", text), WriteEntry.of("b.txt", text)))));
		cases.put("Filesystem.read(String)", new Case("file.read", (f) -> f.files().read("seed.txt")));
		cases.put("Filesystem.readBytes(String)", new Case("file.read", (f) -> f.files().readBytes("seed.txt")));
		cases.put("Filesystem.readStream(String)", new Case("file.read", (f) -> {
			try (InputStream in = f.files().readStream("seed.txt")) {
				in.transferTo(java.io.OutputStream.nullOutputStream());
			}
		}));
		cases.put("Filesystem.list(String)", new Case("file.list", (f) -> f.files().list("/home/user")));
		cases.put("Filesystem.list(String,int)", new Case("file.list", (f) -> f.files().list("/home/user", 2)));
		cases.put("Filesystem.exists(String)", new Case("file.exists", (f) -> f.files().exists("seed.txt")));
		cases.put("Filesystem.getInfo(String)", new Case("file.get_info", (f) -> f.files().getInfo("seed.txt")));
		cases.put("Filesystem.makeDir(String)", new Case("file.make_dir", (f) -> f.files().makeDir("d")));
		cases.put("Filesystem.rename(String,String)",
				new Case("file.rename", (f) -> f.files().rename("seed.txt", "moved.txt")));
		cases.put("Filesystem.remove(String)", new Case("file.remove", (f) -> f.files().remove("seed.txt")));
		cases.put("Filesystem.watchDir(String,Consumer)", new Case("file.watch", (f) -> {
			try (WatchHandle watch = f.files().watchDir("/home/user", (event) -> {
			})) {
				assertThat(watch.isStopped()).isFalse();
			}
		}));
		cases.put("Filesystem.watchDir(String,boolean,Consumer)", new Case("file.watch", (f) -> {
			try (WatchHandle watch = f.files().watchDir("/home/user", true, (event) -> {
			})) {
				assertThat(watch.isStopped()).isFalse();
			}
		}));
		// commands, reactive
		cases.put("ReactiveCommands.run(String)", new Case("command.run", (f) -> f.rcommands().run("true").block()));
		cases.put("ReactiveCommands.run(String,CommandOptions)",
				new Case("command.run", (f) -> f.rcommands().run("true", CommandOptions.defaults()).block()));
		cases.put("ReactiveCommands.stream(String,CommandOptions)",
				new Case("command.run", (f) -> f.rcommands().stream("echo hi", CommandOptions.defaults()).blockLast()));
		cases.put("ReactiveCommands.start(String)", new Case("command.start",
				(f) -> f.rcommands().start("true").flatMap(ReactiveCommandHandle::result).block()));
		cases.put("ReactiveCommands.start(String,CommandOptions)",
				new Case("command.start",
						(f) -> f.rcommands()
							.start("true", CommandOptions.defaults())
							.flatMap(ReactiveCommandHandle::result)
							.block()));
		cases.put("ReactiveCommands.connect(int)",
				new Case("command.connect", (f) -> f.rcommands().connect(f.background().pid()).block().disconnect()));
		cases.put("ReactiveCommands.connect(int,Duration)", new Case("command.connect",
				(f) -> f.rcommands().connect(f.background().pid(), Duration.ofMinutes(1)).block().disconnect()));
		cases.put("ReactiveCommands.list()", new Case("command.list", (f) -> f.rcommands().list().block()));
		cases.put("ReactiveCommands.kill(int)",
				new Case("command.kill", (f) -> f.rcommands().kill(f.background().pid()).block()));
		cases.put("ReactiveCommands.sendStdin(int,String)",
				new Case("command.send_stdin", (f) -> f.rcommands().sendStdin(f.background().pid(), "x").block()));
		cases.put("ReactiveCommands.sendStdin(int,byte[])", new Case("command.send_stdin",
				(f) -> f.rcommands().sendStdin(f.background().pid(), bytes("x")).block()));
		cases.put("ReactiveCommands.closeStdin(int)",
				new Case("command.close_stdin", (f) -> f.rcommands().closeStdin(f.background().pid()).block()));
		cases.put("ReactiveCommandHandle.kill()",
				new Case("command.kill", (f) -> f.background().reactive().kill().block()));
		cases.put("ReactiveCommandHandle.sendStdin(String)",
				new Case("command.send_stdin", (f) -> f.background().reactive().sendStdin("x").block()));
		cases.put("ReactiveCommandHandle.closeStdin()",
				new Case("command.close_stdin", (f) -> f.background().reactive().closeStdin().block()));
		// commands, blocking
		cases.put("Commands.run(String)", new Case("command.run", (f) -> f.commands().run("true")));
		cases.put("Commands.run(String,CommandOptions)",
				new Case("command.run", (f) -> f.commands().run("true", CommandOptions.defaults())));
		cases.put("Commands.start(String)", new Case("command.start", (f) -> f.commands().start("true").waitFor()));
		cases.put("Commands.start(String,CommandOptions)",
				new Case("command.start", (f) -> f.commands().start("true", CommandOptions.defaults()).waitFor()));
		cases.put("Commands.connect(int)",
				new Case("command.connect", (f) -> f.commands().connect(f.background().pid()).disconnect()));
		cases.put("Commands.connect(int,Duration)", new Case("command.connect",
				(f) -> f.commands().connect(f.background().pid(), Duration.ofMinutes(1)).disconnect()));
		cases.put("Commands.list()", new Case("command.list", (f) -> f.commands().list()));
		cases.put("Commands.kill(int)", new Case("command.kill", (f) -> f.commands().kill(f.background().pid())));
		cases.put("Commands.sendStdin(int,String)",
				new Case("command.send_stdin", (f) -> f.commands().sendStdin(f.background().pid(), "x")));
		cases.put("Commands.closeStdin(int)",
				new Case("command.close_stdin", (f) -> f.commands().closeStdin(f.background().pid())));
		cases.put("CommandHandle.kill()", new Case("command.kill", (f) -> f.background().kill()));
		cases.put("CommandHandle.sendStdin(String)",
				new Case("command.send_stdin", (f) -> f.background().sendStdin("x")));
		cases.put("CommandHandle.closeStdin()", new Case("command.close_stdin", (f) -> f.background().closeStdin()));
		// the code interpreter, reactive
		RunCodeOptions python = RunCodeOptions.builder().language("python").build();
		cases.put("ReactiveCodeInterpreter.runCode(String)",
				new Case("code.run", (f) -> assertThat(f.rcode().runCode("1 + 1").block().text()).isEqualTo("2")));
		cases.put("ReactiveCodeInterpreter.runCode(String,RunCodeOptions)", new Case("code.run",
				(f) -> assertThat(f.rcode().runCode("1 + 1", python).block().text()).isEqualTo("2")));
		cases.put("ReactiveCodeInterpreter.stream(String,RunCodeOptions)", new Case("code.run",
				(f) -> assertThat(f.rcode().stream("print(1)", python).collectList().block()).hasSize(2)));
		cases.put("ReactiveCodeInterpreter.createContext()", new Case("code.create_context",
				(f) -> assertThat(f.rcode().createContext().block().cwd()).isEqualTo("/home/user")));
		cases.put("ReactiveCodeInterpreter.createContext(String,String)", new Case("code.create_context",
				(f) -> assertThat(f.rcode().createContext("python", "/tmp").block().cwd()).isEqualTo("/tmp")));
		cases.put("ReactiveCodeInterpreter.listContexts()",
				new Case("code.list_contexts", (f) -> f.rcode().listContexts().block()));
		cases.put("ReactiveCodeInterpreter.restartContext(CodeContext)",
				new Case("code.restart_context", (f) -> f.rcode().restartContext(f.context()).block()));
		cases.put("ReactiveCodeInterpreter.restartContext(String)",
				new Case("code.restart_context", (f) -> f.rcode().restartContext(f.context().id()).block()));
		cases.put("ReactiveCodeInterpreter.removeContext(CodeContext)",
				new Case("code.remove_context", (f) -> f.rcode().removeContext(f.context()).block()));
		cases.put("ReactiveCodeInterpreter.removeContext(String)",
				new Case("code.remove_context", (f) -> f.rcode().removeContext(f.context().id()).block()));
		// the code interpreter, blocking
		cases.put("CodeInterpreter.runCode(String)",
				new Case("code.run", (f) -> assertThat(f.code().runCode("1 + 1").text()).isEqualTo("2")));
		cases.put("CodeInterpreter.runCode(String,RunCodeOptions)",
				new Case("code.run", (f) -> assertThat(f.code().runCode("1 + 1", python).text()).isEqualTo("2")));
		cases.put("CodeInterpreter.createContext()", new Case("code.create_context",
				(f) -> assertThat(f.code().createContext().cwd()).isEqualTo("/home/user")));
		cases.put("CodeInterpreter.createContext(String,String)", new Case("code.create_context",
				(f) -> assertThat(f.code().createContext("python", "/tmp").cwd()).isEqualTo("/tmp")));
		cases.put("CodeInterpreter.listContexts()", new Case("code.list_contexts", (f) -> f.code().listContexts()));
		cases.put("CodeInterpreter.restartContext(CodeContext)",
				new Case("code.restart_context", (f) -> f.code().restartContext(f.context())));
		cases.put("CodeInterpreter.restartContext(String)",
				new Case("code.restart_context", (f) -> f.code().restartContext(f.context().id())));
		cases.put("CodeInterpreter.removeContext(CodeContext)",
				new Case("code.remove_context", (f) -> f.code().removeContext(f.context())));
		cases.put("CodeInterpreter.removeContext(String)",
				new Case("code.remove_context", (f) -> f.code().removeContext(f.context().id())));
		// pages
		cases.put("ReactiveSandboxPaginator.nextItems()",
				new Case("list", (f) -> reactive.list(SandboxQuery.all(), 100, null).nextItems().block()));
		cases.put("ReactiveSandboxPaginator.items()",
				new Case("list", (f) -> reactive.list(SandboxQuery.all(), 100, null).items().blockLast()));
		cases.put("SandboxPaginator.nextItems()",
				new Case("list", (f) -> blocking.list(SandboxQuery.all(), 100, null).nextItems()));
		cases.put("SandboxPaginator.stream()", new Case("list",
				(f) -> assertThat(blocking.list(SandboxQuery.all(), 100, null).stream().count()).isPositive()));
		return cases;
	}

	private static String signature(Class<?> type, Method method) {
		return type.getSimpleName() + "." + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(","))
				+ ")";
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static InputStream stream(String text) {
		return new ByteArrayInputStream(bytes(text));
	}

	private static Flux<DataBuffer> buffers(String text) {
		return Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes(text)));
	}

	/**
	 * What one case does.
	 */
	@FunctionalInterface
	interface Call {

		void call(Fixture fixture) throws Exception;

	}

	/**
	 * A public method's expected observation and how to call it.
	 */
	record Case(String operation, Call call) {
	}

	/**
	 * What a case works on: a fresh sandbox with a file, and, for the calls on a running
	 * process, a background process that reads its input.
	 */
	static final class Fixture {

		private final Sandbox sandbox;

		private CommandHandle background;

		private Path localFile;

		private CodeContext context = new CodeContext("none", "python", "/home/user");

		private final List<ReactiveSandbox> created = new java.util.ArrayList<>();

		private final List<ReactiveSandbox> createdForCode = new java.util.ArrayList<>();

		Fixture(Sandbox sandbox) {
			this.sandbox = sandbox;
		}

		void prepare(String operation) throws IOException {
			this.sandbox.files().write("seed.txt", "seed");
			if (operation.startsWith("command.") && !operation.equals("command.run")
					&& !operation.equals("command.start") && !operation.equals("command.list")) {
				this.background = this.sandbox.commands()
					.start("cat", CommandOptions.builder().stdin(true).timeout(Duration.ZERO).build());
			}
			if (operation.equals("code.restart_context") || operation.equals("code.remove_context")) {
				this.context = this.sandbox.codeInterpreter().createContext();
			}
			this.localFile = Files.createTempFile("coverage", ".txt");
			Files.writeString(this.localFile, "from a local file");
		}

		String id() {
			return this.sandbox.id();
		}

		void created(ReactiveSandbox sandbox) {
			this.created.add(sandbox);
		}

		void createdForCode(ReactiveSandbox sandbox) {
			this.created.add(sandbox);
			this.createdForCode.add(sandbox);
		}

		Sandbox sandbox() {
			return this.sandbox;
		}

		ReactiveSandbox reactive() {
			return this.sandbox.reactive();
		}

		Filesystem files() {
			return this.sandbox.files();
		}

		ReactiveFilesystem rfiles() {
			return this.sandbox.reactive().files();
		}

		Commands commands() {
			return this.sandbox.commands();
		}

		ReactiveCommands rcommands() {
			return this.sandbox.reactive().commands();
		}

		CodeInterpreter code() {
			return this.sandbox.codeInterpreter();
		}

		ReactiveCodeInterpreter rcode() {
			return this.sandbox.reactive().codeInterpreter();
		}

		CodeContext context() {
			return this.context;
		}

		CommandHandle background() {
			return this.background;
		}

		Path localFile() {
			return this.localFile;
		}

	}

	/**
	 * Records the E2B operations whose observations start.
	 */
	static final class Recorder implements ObservationHandler<SandboxObservationContext> {

		final List<String> started = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(SandboxObservationContext context) {
			this.started.add(context.getOperation());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof SandboxObservationContext;
		}

	}

}
