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

import io.github.e2bspringboot.observation.SandboxObservationDocumentation.HighCardinalityKeyNames;
import io.github.e2bspringboot.observation.SandboxObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default convention: observation {@code e2b.sandbox.operation}, tagged with the
 * operation, template, language (of code runs), outcome and error type; the sandbox ID
 * only as a high-cardinality value. Every operation carries every tag, {@code none} where
 * it does not apply, because some registries (Prometheus) need one set of tag keys per
 * meter name.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public class DefaultSandboxObservationConvention implements SandboxObservationConvention {

	/** The name of the observation, and so of its timer. */
	public static final String NAME = "e2b.sandbox.operation";

	private static final String NONE = "none";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(SandboxObservationContext context) {
		return "e2b " + context.getOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SandboxObservationContext context) {
		Throwable error = context.getError();
		String template = context.getTemplate();
		String language = context.getLanguage();
		return KeyValues.of(KeyValue.of(LowCardinalityKeyNames.OPERATION, context.getOperation()),
				KeyValue.of(LowCardinalityKeyNames.TEMPLATE, (template != null) ? template : NONE),
				KeyValue.of(LowCardinalityKeyNames.LANGUAGE, (language != null) ? language : NONE),
				KeyValue.of(LowCardinalityKeyNames.OUTCOME, (error != null) ? "ERROR" : "SUCCESS"),
				KeyValue.of(LowCardinalityKeyNames.ERROR, (error != null) ? error.getClass().getSimpleName() : NONE));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SandboxObservationContext context) {
		String sandboxId = context.getSandboxId();
		return (sandboxId != null) ? KeyValues.of(KeyValue.of(HighCardinalityKeyNames.SANDBOX_ID, sandboxId))
				: KeyValues.empty();
	}

}
