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
package io.github.e2bspringboot.wire;

import java.net.URI;

import io.github.e2bspringboot.sandbox.E2bConnectionConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code interpreter's address, as the official code-interpreter SDKs compute it
 * (PROTOCOL-NEXT.md 1.1).
 */
class CodeInterpreterAddressTests {

	@Test
	void aConfiguredSandboxUrlIsUsedVerbatim() {
		E2bConnectionConfig config = E2bConnectionConfig.builder()
			.sandboxUrl(URI.create("http://127.0.0.1:3000/"))
			.build();

		assertThat(CodeInterpreterAddress.baseUrl(config, "abc", "e2b.app")).isEqualTo("http://127.0.0.1:3000");
	}

	@Test
	void otherwiseThePortsOwnHostEvenOnE2bsDomains() {
		E2bConnectionConfig config = E2bConnectionConfig.builder().build();

		assertThat(CodeInterpreterAddress.baseUrl(config, "abc", null)).isEqualTo("https://49999-abc.e2b.app");
		assertThat(CodeInterpreterAddress.baseUrl(config, "abc", "sbx.example.org"))
			.isEqualTo("https://49999-abc.sbx.example.org");
		assertThat(
				CodeInterpreterAddress.baseUrl(E2bConnectionConfig.builder().domain("example.com").build(), "abc", ""))
			.isEqualTo("https://49999-abc.example.com");
	}

	@Test
	void theCodeInterpreterTemplateDefaultsToTheSdksAndCanBeChanged() {
		assertThat(E2bConnectionConfig.builder().build().codeInterpreterTemplate()).isEqualTo("code-interpreter-v1");
		assertThat(E2bConnectionConfig.builder().codeInterpreterTemplate("my-python").build().codeInterpreterTemplate())
			.isEqualTo("my-python");
	}

}
