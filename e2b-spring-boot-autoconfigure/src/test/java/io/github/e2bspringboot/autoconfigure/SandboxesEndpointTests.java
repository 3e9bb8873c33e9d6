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

import java.time.Duration;

import io.github.e2bspringboot.sandbox.ReactiveSandboxOperations;
import io.github.e2bspringboot.sandbox.SandboxTracker;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link SandboxesEndpoint}: it kills only what this application holds, and
 * answers even when E2B does not.
 */
class SandboxesEndpointTests {

	private final SandboxTracker tracker = new SandboxTracker();

	private final ReactiveSandboxOperations sandboxes = mock(ReactiveSandboxOperations.class);

	@Test
	void aSandboxThisApplicationDidNotCreateIsNotFoundAndLeftAlone() {
		SandboxesEndpoint endpoint = new SandboxesEndpoint(this.tracker, this.sandboxes);

		assertThat(endpoint.kill("someone-elses")).isNull();

		verify(this.sandboxes, never()).kill("someone-elses");
	}

	@Test
	void aTrackedSandboxIsKilled() {
		this.tracker.created("mine", "base", Duration.ofMinutes(5));
		given(this.sandboxes.kill("mine")).willReturn(Mono.just(true));

		assertThat(new SandboxesEndpoint(this.tracker, this.sandboxes).kill("mine"))
			.isEqualTo(new SandboxesEndpoint.KillDescriptor("mine", true));
	}

	@Test
	void aKillThatDoesNotFinishIsAnErrorWithinTheBoundRatherThanAHang() {
		this.tracker.created("stuck", "base", Duration.ofMinutes(5));
		given(this.sandboxes.kill("stuck")).willReturn(Mono.never());
		SandboxesEndpoint endpoint = new SandboxesEndpoint(this.tracker, this.sandboxes, Duration.ofMillis(50));

		assertThatIllegalStateException().isThrownBy(() -> endpoint.kill("stuck"))
			.withMessageContaining("Timeout on blocking read");
	}

}
