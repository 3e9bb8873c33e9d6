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
package io.github.e2bspringboot.applications;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.e2bspringboot.observation.SandboxObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;

/**
 * Records, for every observation that starts, the names of the observations it nests in,
 * innermost first: what a tracer would turn into the parents of a span.
 */
public class ParentRecorder implements ObservationHandler<Observation.Context> {

	private final List<Started> started = new CopyOnWriteArrayList<>();

	@Override
	public void onStart(Observation.Context context) {
		List<String> ancestors = new ArrayList<>();
		for (ObservationView parent = context.getParentObservation(); parent != null; parent = parent.getContextView()
			.getParentObservation()) {
			ancestors.add(parent.getContextView().getName());
		}
		String operation = (context instanceof SandboxObservationContext sandbox) ? sandbox.getOperation() : null;
		this.started.add(new Started(context.getName(), operation, ancestors));
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

	/**
	 * Return the observations of E2B operations that started.
	 * @return them, in the order they started
	 */
	public List<Started> e2bOperations() {
		return this.started.stream().filter((each) -> "e2b.sandbox.operation".equals(each.name())).toList();
	}

	/**
	 * One observation that started.
	 *
	 * @param name its name
	 * @param operation its {@code e2b.operation}, if it has one
	 * @param ancestors the names of the observations it nests in, innermost first
	 */
	public record Started(String name, String operation, List<String> ancestors) {
	}

}
