package org.vpsconnector.adapters.libvirt;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.vpsconnector.adapters.libvirt", importOptions = ImportOption.DoNotIncludeTests.class)
class LibvirtAdapterArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnNoOtherAdapter = noClasses()
            .that().resideInAPackage("org.vpsconnector.adapters.libvirt..")
            .should().dependOnClassesThat(resideInAPackage("org.vpsconnector.adapters..")
                    .and(not(resideInAPackage("org.vpsconnector.adapters.libvirt.."))));

    @ArchTest
    static final ArchRule dependsOnNoFrameworkOrOtherBackendClient = noClasses()
            .that().resideInAPackage("org.vpsconnector.adapters.libvirt..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.dropwizard..", "org.jdbi..", "com.github.dockerjava..",
                    "org.glassfish.jersey..", "jakarta.ws.rs..");
}
