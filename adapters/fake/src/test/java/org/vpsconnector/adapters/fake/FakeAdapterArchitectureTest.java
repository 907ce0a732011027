package org.vpsconnector.adapters.fake;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.vpsconnector.adapters.fake", importOptions = ImportOption.DoNotIncludeTests.class)
class FakeAdapterArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnNoOtherAdapter = noClasses()
            .that().resideInAPackage("org.vpsconnector.adapters.fake..")
            .should().dependOnClassesThat(resideInAPackage("org.vpsconnector.adapters..")
                    .and(not(resideInAPackage("org.vpsconnector.adapters.fake.."))));

    @ArchTest
    static final ArchRule dependsOnNoFramework = noClasses()
            .that().resideInAPackage("org.vpsconnector.adapters.fake..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.fasterxml.jackson..", "org.glassfish.jersey..", "jakarta.ws.rs..", "io.dropwizard..", "org.jdbi..");
}
