package org.vpsconnector.adapters.apscontroller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.vpsconnector", importOptions = ImportOption.DoNotIncludeTests.class)
class ApsControllerArchitectureTest {

    @ArchTest
    static final ArchRule the_controller_client_depends_on_no_other_adapter_nor_on_bootstrap = noClasses()
            .that().resideInAPackage("org.vpsconnector.adapters.apscontroller..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.vpsconnector.adapters.apsrest..", "org.vpsconnector.adapters.persistence..",
                    "org.vpsconnector.adapters.docker..", "org.vpsconnector.adapters.libvirt..",
                    "org.vpsconnector.adapters.fake..", "org.vpsconnector.bootstrap..");
}
