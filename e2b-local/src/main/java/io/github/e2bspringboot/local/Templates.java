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
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The templates of a server: {@code base}, and the root file systems registered by name.
 */
final class Templates {

	/** The template every server has, as on E2B. */
	static final String BASE = "base";

	/**
	 * The public files of the host's {@code /etc} that {@code base} copies (how programs
	 * find their libraries and alternatives, certificates, fonts, shell start-up): no
	 * accounts, keys or host configuration.
	 */
	private static final List<String> PUBLIC_ETC = List.of("alternatives", "bash.bashrc", "ca-certificates",
			"ca-certificates.conf", "debian_version", "fonts", "inputrc", "ld.so.cache", "ld.so.conf", "ld.so.conf.d",
			"localtime", "matplotlibrc", "mime.types", "os-release", "profile", "profile.d", "protocols", "python3",
			"python3.11", "python3.12", "python3.13", "services", "ssl/certs", "timezone");

	/**
	 * The template the code-interpreter SDKs create by default; here the {@code base}
	 * file system, whose host {@code /usr} has Python and Jupyter when they are
	 * installed.
	 */
	static final String CODE_INTERPRETER = "code-interpreter-v1";

	/** Templates whose names start with this serve the code interpreter. */
	static final String CODE_INTERPRETER_PREFIX = "code-interpreter";

	private final Map<String, Template> templates = new LinkedHashMap<>();

	private final Path generatedEtc;

	private Templates(Path generatedEtc) {
		this.generatedEtc = generatedEtc;
	}

	/**
	 * Set up the templates of a server in its data directory.
	 * @param dataDirectory the server's data directory
	 * @param registered the root file systems by template name
	 * @return the templates
	 */
	static Templates create(Path dataDirectory, Map<String, Path> registered) throws IOException {
		Path generated = dataDirectory.resolve("etc");
		Template.writeGeneratedEtc(generated);
		Templates templates = new Templates(generated);
		Path baseEtc = dataDirectory.resolve("templates/base/etc");
		copyPublicEtc(baseEtc);
		Template.writeGeneratedEtc(baseEtc);
		templates.templates.put(BASE, Template.base(BASE, baseEtc));
		templates.templates.put(CODE_INTERPRETER, Template.base(CODE_INTERPRETER, baseEtc));
		registered.forEach((name, root) -> templates.templates.put(name, Template.directory(name, root)));
		return templates;
	}

	@Nullable Template find(String name) {
		return this.templates.get(name);
	}

	Iterable<String> names() {
		return this.templates.keySet();
	}

	/**
	 * Return every host directory that sandboxes' mounts come from.
	 * @return the directories
	 */
	List<Path> hostDirectories() {
		List<Path> directories = new ArrayList<>(List.of(this.generatedEtc));
		this.templates.values().forEach((template) -> directories.addAll(template.hostDirectories()));
		return directories;
	}

	Path generatedEtc() {
		return this.generatedEtc;
	}

	/**
	 * Delete what {@link #create} made in a data directory.
	 * @param dataDirectory the server's data directory
	 */
	static void deleteGenerated(Path dataDirectory) {
		HostVm.deleteTree(dataDirectory.resolve("etc"));
		HostVm.deleteTree(dataDirectory.resolve("templates"));
	}

	private static void copyPublicEtc(Path target) throws IOException {
		Files.createDirectories(target);
		Path etc = Path.of("/etc");
		for (String entry : PUBLIC_ETC) {
			Path source = etc.resolve(entry);
			if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
				copy(source, target.resolve(entry));
			}
		}
	}

	private static void copy(Path source, Path target) throws IOException {
		Files.createDirectories(target.getParent());
		if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
			Files.createDirectories(target);
			try (Stream<Path> children = Files.list(source)) {
				for (Path child : (Iterable<Path>) children::iterator) {
					// resolved as a path, not a string: names keep their bytes whatever
					// the locale
					copy(child, target.resolve(child.getFileName()));
				}
			}
		}
		else if (Files.isSymbolicLink(source)) {
			Files.deleteIfExists(target);
			Files.createSymbolicLink(/* link= */ target, /* target= */ Files.readSymbolicLink(source));
		}
		else if (Files.isRegularFile(source) && Files.isReadable(source)) {
			Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
