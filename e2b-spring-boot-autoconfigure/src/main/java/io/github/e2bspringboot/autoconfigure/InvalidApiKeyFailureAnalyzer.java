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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing or malformed E2B API key at startup and says which property to set.
 *
 * @author e2b-spring-boot contributors
 */
class InvalidApiKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidApiKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidApiKeyException cause) {
		String whyNoLocalServer = cause.getWhyNoLocalServer();
		String action;
		if (!cause.isMissing()) {
			action = "Check the value of the 'e2b.api-key' property (or of the E2B_API_KEY environment variable)."
					+ " Set 'e2b.validate-api-key=false' if your deployment uses keys of another shape.";
		}
		else if (whyNoLocalServer != null) {
			action = "Set the 'e2b.api-key' property (for example with the E2B_API_KEY environment variable) to the"
					+ " key of the server you use. " + whyNoLocalServer;
		}
		else {
			action = "Set the 'e2b.api-key' property to your team's API key from the E2B dashboard, for example"
					+ " with the E2B_API_KEY environment variable (the one the official SDKs read); in"
					+ " application.yml write ${E2B_API_KEY:} so that an unset variable is no error. For development"
					+ " without an account, add e2b-local to the classpath: the starter then starts an embedded"
					+ " E2B-compatible server.";
		}
		return new FailureAnalysis(cause.getMessage() + ".", action, cause);
	}

}
