package org.vpsconnector.application;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.vpsconnector.application", importOptions = ImportOption.DoNotIncludeTests.class)
class ApplicationArchitectureTest {

    @ArchTest
    static final ArchRule the_application_depends_on_no_framework = noClasses()
            .that().resideInAPackage("org.vpsconnector.application..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.fasterxml..",
                    "jakarta..",
                    "javax.ws..",
                    "org.glassfish..",
                    "org.jdbi..",
                    "io.dropwizard..",
                    "com.github.dockerjava..",
                    "org.libvirt..",
                    "org.flywaydb..");

    @ArchTest
    static final ArchRule the_application_depends_on_no_adapter_nor_on_bootstrap = noClasses()
            .that().resideInAPackage("org.vpsconnector.application..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.vpsconnector.adapters..",
                    "org.vpsconnector.bootstrap..");

    @ArchTest
    static final ArchRule the_application_sees_only_the_jdk_the_domain_and_itself = com.tngtech.archunit.lang.syntax.ArchRuleDefinition
            .classes()
            .that().resideInAPackage("org.vpsconnector.application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "org.vpsconnector.domain..", "org.vpsconnector.application..");
}
