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

import org.jspecify.annotations.Nullable;

/**
 * The control plane's answer to create and connect: who the sandbox is and how to reach
 * its daemon. {@link #toString()} hides the access token.
 *
 * @param sandboxId the sandbox ID
 * @param templateId the template ID
 * @param envdVersion the version of the sandbox daemon
 * @param envdAccessToken the token the daemon requires, for secure sandboxes
 * @param domain the sandbox's domain, when it differs from the configured one
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public record CreatedSandbox(String sandboxId, String templateId, String envdVersion, @Nullable String envdAccessToken,
		@Nullable String domain) {

	@Override
	public String toString() {
		return "CreatedSandbox[sandboxId=" + this.sandboxId + ", templateId=" + this.templateId + ", envdVersion="
				+ this.envdVersion + ", envdAccessToken=" + ((this.envdAccessToken != null) ? "******" : "none")
				+ ", domain=" + this.domain + "]";
	}

}
