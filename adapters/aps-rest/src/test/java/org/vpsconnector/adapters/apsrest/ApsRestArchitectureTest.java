package org.vpsconnector.adapters.apsrest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.vpsconnector.adapters.apsrest", importOptions = ImportOption.DoNotIncludeTests.class)
class ApsRestArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnNoOtherAdapter = noClasses()
            .that().resideInAPackage("org.vpsconnector.adapters.apsrest..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "..adapters.persistence..", "..adapters.fake..", "..adapters.docker..", "..adapters.libvirt..");

    /** Plain JAX-RS and Jackson: bootstrap decides which server runs the API. */
    @ArchTest
    static final ArchRule dependsOnNoFrameworkOrBackend = noClasses()
            .that().resideInAPackage("org.vpsconnector.adapters.apsrest..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.dropwizard..", "org.glassfish.jersey..", "org.jdbi..", "com.github.dockerjava..", "org.libvirt..");
}
