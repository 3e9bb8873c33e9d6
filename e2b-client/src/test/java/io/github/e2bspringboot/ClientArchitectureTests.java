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
package io.github.e2bspringboot;

import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The client's layering: no Spring Boot anywhere in it; {@code wire}, the internal
 * transport, depends on nothing above it, holds all JSON handling, and appears in no
 * public signature; every exception a user can catch is public.
 */
class ClientArchitectureTests {

	private static final String WIRE = "io.github.e2bspringboot.wire..";

	private static final String[] PUBLIC_API = { "io.github.e2bspringboot.sandbox..",
			"io.github.e2bspringboot.errors..", "io.github.e2bspringboot.observation.." };

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.e2bspringboot.sandbox", "io.github.e2bspringboot.errors",
				"io.github.e2bspringboot.observation", "io.github.e2bspringboot.wire");

	@Test
	void theClientDoesNotDependOnSpringBoot() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework.boot..").check(this.classes);
	}

	@Test
	void theWireDependsOnNothingAboveIt() {
		// what the wire may use of the packages above are their values (specs, infos,
		// settings): types that do not use the wire themselves
		classes().that().resideInAPackage(WIRE).should(useNothingThatUsesTheWire()).check(this.classes);
	}

	@Test
	void onlyTheWireHandlesJson() {
		noClasses().that()
			.resideInAnyPackage(PUBLIC_API)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("tools.jackson..")
			.check(this.classes);
	}

	@Test
	void noPublicSignatureNamesAWireType() {
		codeUnits().that()
			.areDeclaredInClassesThat()
			.resideInAnyPackage(PUBLIC_API)
			.and()
			.areDeclaredInClassesThat()
			.arePublic()
			.and()
			.arePublic()
			.should(nameNoWireType())
			.check(this.classes);
	}

	@Test
	void everyExceptionOfTheClientIsAPublicE2bException() {
		classes().that()
			.areAssignableTo(RuntimeException.class)
			.should()
			.bePublic()
			.andShould()
			.beAssignableTo("io.github.e2bspringboot.errors.E2bException")
			.andShould()
			.resideInAnyPackage(PUBLIC_API)
			.check(this.classes);
	}

	private static ArchCondition<JavaClass> useNothingThatUsesTheWire() {
		return new ArchCondition<>("use no class above the wire that uses the wire") {

			@Override
			public void check(JavaClass wireClass, ConditionEvents events) {
				wireClass.getDirectDependenciesFromSelf()
					.stream()
					.map(Dependency::getTargetClass)
					.map(JavaClass::getBaseComponentType)
					.filter((target) -> isAboveTheWire(target) && usesTheWire(target))
					.distinct()
					.forEach((target) -> events.add(SimpleConditionEvent.violated(wireClass,
							wireClass.getName() + " uses " + target.getName() + ", which uses the wire")));
			}

		};
	}

	private static boolean isAboveTheWire(JavaClass type) {
		return !isWire(type) && type.getPackageName().startsWith("io.github.e2bspringboot.");
	}

	private static boolean usesTheWire(JavaClass type) {
		return type.getDirectDependenciesFromSelf()
			.stream()
			.anyMatch((dependency) -> isWire(dependency.getTargetClass().getBaseComponentType()));
	}

	private static boolean isWire(JavaClass type) {
		return type.getPackageName().startsWith("io.github.e2bspringboot.wire");
	}

	private static ArchCondition<JavaCodeUnit> nameNoWireType() {
		return new ArchCondition<>("name no type of the wire package") {

			@Override
			public void check(JavaCodeUnit unit, ConditionEvents events) {
				Stream.concat(Stream.of(unit.getRawReturnType()), unit.getRawParameterTypes().stream())
					.map(JavaClass::getPackageName)
					.filter((name) -> name.startsWith("io.github.e2bspringboot.wire"))
					.forEach((name) -> events
						.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " names a type of " + name)));
			}

		};
	}

}
