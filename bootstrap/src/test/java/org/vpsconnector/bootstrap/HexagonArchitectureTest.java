package org.vpsconnector.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module graph is the architecture; these rules keep it honest across all modules at once. */
@AnalyzeClasses(packages = "org.vpsconnector",
        importOptions = {ImportOption.DoNotIncludeTests.class, HexagonArchitectureTest.NoTestJars.class})
class HexagonArchitectureTest {

    @ArchTest
    static final ArchRule dependenciesPointInwardAndAdaptersNeverSeeEachOther = onionArchitecture()
            .domainModels("org.vpsconnector.domain..")
            .applicationServices("org.vpsconnector.application..")
            .adapter("aps-rest", "org.vpsconnector.adapters.apsrest..")
            .adapter("aps-controller", "org.vpsconnector.adapters.apscontroller..")
            .adapter("persistence", "org.vpsconnector.adapters.persistence..")
            .adapter("fake", "org.vpsconnector.adapters.fake..")
            .adapter("docker", "org.vpsconnector.adapters.docker..")
            .adapter("libvirt", "org.vpsconnector.adapters.libvirt..")
            .adapter("operator-console", "org.vpsconnector.adapters.console..")
            .withOptionalLayers(true)
            // bootstrap wires everything; it belongs to no layer
            .ignoreDependency(resideInAPackage("org.vpsconnector.bootstrap.."), alwaysTrue());

    /** Every package can be understood, tested and changed before the ones that use it: no two depend on each other. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.vpsconnector.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theDomainUsesNothingButJava = classes().that().resideInAPackage("org.vpsconnector.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.vpsconnector.domain..");

    @ArchTest
    static final ArchRule theApplicationUsesNoFramework = noClasses().that().resideInAPackage("org.vpsconnector.application..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "jakarta..", "javax.ws..",
                    "org.glassfish..", "org.jdbi..", "io.dropwizard..", "com.github.dockerjava..", "org.libvirt..",
                    "org.flywaydb..", "org.vpsconnector.adapters..", "org.vpsconnector.bootstrap..");

    @ArchTest
    static final ArchRule onlyBootstrapSeesEverything = noClasses().that().resideOutsideOfPackage("org.vpsconnector.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("org.vpsconnector.bootstrap..");

    /** The test jars other modules share (their doubles and contracts) are tests too. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar");
        }
    }
}
