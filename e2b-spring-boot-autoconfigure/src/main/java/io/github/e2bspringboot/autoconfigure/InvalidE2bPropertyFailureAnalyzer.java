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
 * Explains an {@code e2b.*} property value the starter cannot use.
 *
 * @author e2b-spring-boot contributors
 */
class InvalidE2bPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidE2bPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidE2bPropertyException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Correct '" + cause.getProperty() + "' in your configuration (see the property table in the README).",
				cause);
	}

}
