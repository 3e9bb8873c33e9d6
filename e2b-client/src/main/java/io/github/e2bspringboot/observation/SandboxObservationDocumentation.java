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

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of every sandbox operation: one timer (and, with tracing, one span) per
 * lifecycle call, list page, file transfer, command and code run.
 *
 * @author e2b-spring-boot contributors
 * @since 0.1.0
 */
public enum SandboxObservationDocumentation implements ObservationDocumentation {

	/**
	 * One operation on E2B: {@code create}, {@code connect}, {@code kill}, {@code list},
	 * {@code get_info}, {@code set_timeout}, {@code pause}, {@code get_metrics},
	 * {@code file.write}, {@code file.read}, {@code command.run}, {@code command.start},
	 * {@code code.run}, {@code code.create_context}, {@code code.list_contexts},
	 * {@code code.restart_context} or {@code code.remove_context}, among others.
	 */
	SANDBOX_OPERATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSandboxObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys: safe as metric tags.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The operation, such as {@code create} or {@code file.write}. */
		OPERATION {
			@Override
			public String asString() {
				return "e2b.operation";
			}
		},

		/** The template of the sandbox, or {@code none} when the operation has none. */
		TEMPLATE {
			@Override
			public String asString() {
				return "e2b.template";
			}
		},

		/**
		 * The language of a code run or a created code context: {@code python},
		 * {@code javascript}, {@code typescript}, {@code r}, {@code java}, {@code bash},
		 * {@code other} for any other, or {@code none} for operations that run no code.
		 */
		LANGUAGE {
			@Override
			public String asString() {
				return "e2b.language";
			}
		},

		/** {@code SUCCESS} or {@code ERROR}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The simple class name of the exception, or {@code none}. */
		ERROR {
			@Override
			public String asString() {
				return "error";
			}
		}

	}

	/**
	 * High-cardinality keys: for spans, never for metric tags.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The sandbox ID, when the operation concerns one sandbox. */
		SANDBOX_ID {
			@Override
			public String asString() {
				return "e2b.sandbox.id";
			}
		}

	}

}
