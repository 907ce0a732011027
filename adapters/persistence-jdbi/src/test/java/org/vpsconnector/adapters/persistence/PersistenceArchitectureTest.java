package org.vpsconnector.adapters.persistence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.vpsconnector.adapters.persistence", importOptions = ImportOption.DoNotIncludeTests.class)
class PersistenceArchitectureTest {

    @ArchTest
    static final ArchRule knowsNoOtherAdapter = noClasses()
            .that().resideInAPackage("org.vpsconnector.adapters.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.vpsconnector.adapters.fake..",
                    "org.vpsconnector.adapters.apsrest..",
                    "org.vpsconnector.adapters.docker..",
                    "org.vpsconnector.adapters.libvirt..");

    @ArchTest
    static final ArchRule knowsNoWebFramework = noClasses()
            .that().resideInAPackage("org.vpsconnector.adapters.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("io.dropwizard..", "com.fasterxml.jackson..");
}
