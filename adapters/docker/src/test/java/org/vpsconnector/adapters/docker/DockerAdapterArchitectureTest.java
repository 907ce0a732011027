package org.vpsconnector.adapters.docker;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.vpsconnector.adapters.docker", importOptions = ImportOption.DoNotIncludeTests.class)
class DockerAdapterArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnNoOtherAdapter = noClasses()
            .that().resideInAPackage("org.vpsconnector.adapters.docker..")
            .should().dependOnClassesThat(resideInAPackage("org.vpsconnector.adapters..")
                    .and(not(resideInAPackage("org.vpsconnector.adapters.docker.."))));

    @ArchTest
    static final ArchRule dependsOnNoFrameworkAndNoOtherBackendLibrary = noClasses()
            .that().resideInAPackage("org.vpsconnector.adapters.docker..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.dropwizard..", "com.fasterxml.jackson..", "org.glassfish.jersey..", "jakarta.ws.rs..",
                    "org.jdbi..", "org.libvirt..");
}
