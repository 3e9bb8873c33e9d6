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

import java.time.Duration;
import java.time.Instant;

import io.github.e2bspringboot.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Signed file URLs, against the test vector of the official SDKs and the URLs the JS SDK
 * 2.51.0 built in the reference capture.
 */
class FileUrlsTests {

	private static final String BASE = "http://127.0.0.1:3000";

	@Test
	void theSignatureMatchesTheTestVector() {
		assertThat(FileUrls.signature("hello.txt", "read", "user", "0tQG31xiMp0IOQfaz9dcwi72L1CPo8e0", null))
			.isEqualTo("v1_gUtH/s9YCJWgCizjfUxuWfhFE4QSydOWEIIvfLwDr6E");
	}

	@Test
	void urlsMatchTheJsSdkByteForByte() {
		assertThat(FileUrls.build(BASE, "/home/user/a b.txt", null, "tok123", "read", Duration.ofSeconds(60),
				Instant.ofEpochSecond(1795764786 - 60)))
			.isEqualTo(BASE + "/files?path=%2Fhome%2Fuser%2Fa+b.txt"
					+ "&signature=v1_mEv8f3dq%2F06IHzJHkjiQDFZtdK5ZedRrvxqGQ0B62%2FU&signature_expiration=1795764786");
		assertThat(FileUrls.build(BASE, "/home/user/a b.txt", null, "tok123", "write", null, Instant.now()))
			.isEqualTo(BASE
					+ "/files?path=%2Fhome%2Fuser%2Fa+b.txt&signature=v1_7GVeMTBibFdyYOxMv7Dgk7eE52Ovf%2F1xehm2Stkl85w");
		assertThat(FileUrls.build(BASE, null, null, "tok123", "write", null, Instant.now()))
			.isEqualTo(BASE + "/files?signature=v1_IRUdH3q1eblRa51Oe8cPYb6nPrDFzSdh3EscgPkD%2BYA");
	}

	@Test
	void theUserComesFirstAndUnsecuredSandboxesAreNotSigned() {
		assertThat(FileUrls.build(BASE, "a.txt", "root", null, "read", null, Instant.now()))
			.isEqualTo(BASE + "/files?username=root&path=a.txt");
		assertThatExceptionOfType(InvalidArgumentException.class)
			.isThrownBy(() -> FileUrls.build(BASE, "a.txt", null, null, "read", Duration.ofSeconds(5), Instant.now()))
			.withMessageContaining("secure");
	}

}
