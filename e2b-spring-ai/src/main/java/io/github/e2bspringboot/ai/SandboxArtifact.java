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
package io.github.e2bspringboot.ai;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A chart (PNG) or table (HTML) that {@code run_code} saved in a conversation's sandbox,
 * handed to the application so that a user interface can show it.
 *
 * @param conversationId the conversation whose code made it
 * @param sandboxId the sandbox it was saved in
 * @param path its absolute path in the sandbox
 * @param mimeType {@code image/png} or {@code text/html}
 * @param content its bytes
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
// the bytes are copied in and out, and equals, hashCode and toString are written for them
@SuppressWarnings("ArrayRecordComponent")
public record SandboxArtifact(String conversationId, String sandboxId, String path, String mimeType, byte[] content) {

	/**
	 * Create an artifact, copying its content.
	 * @param conversationId the conversation whose code made it
	 * @param sandboxId the sandbox it was saved in
	 * @param path its absolute path in the sandbox
	 * @param mimeType its MIME type
	 * @param content its bytes
	 */
	public SandboxArtifact {
		Objects.requireNonNull(conversationId, "conversationId");
		Objects.requireNonNull(sandboxId, "sandboxId");
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(mimeType, "mimeType");
		content = content.clone();
	}

	/**
	 * Return the artifact's bytes.
	 * @return a copy of the content
	 */
	@Override
	public byte[] content() {
		return this.content.clone();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof SandboxArtifact that && this.conversationId.equals(that.conversationId)
				&& this.sandboxId.equals(that.sandboxId) && this.path.equals(that.path)
				&& this.mimeType.equals(that.mimeType) && Arrays.equals(this.content, that.content);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.conversationId, this.sandboxId, this.path, this.mimeType)
				+ 31 * Arrays.hashCode(this.content);
	}

	@Override
	public String toString() {
		// the bytes would flood logs
		return "SandboxArtifact[conversationId=" + this.conversationId + ", sandboxId=" + this.sandboxId + ", path="
				+ this.path + ", mimeType=" + this.mimeType + ", " + this.content.length + " bytes]";
	}

}
