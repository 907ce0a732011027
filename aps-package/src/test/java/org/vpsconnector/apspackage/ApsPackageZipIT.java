package org.vpsconnector.apspackage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The zip {@code mvn package} built, as a controller imports it. */
class ApsPackageZipIT {
    private static final String APPLICATION = "http://aps-standard.org/samples/async1p";
    private static final Map<String, String> TYPE_BY_SERVICE = Map.of(
            "clouds", APPLICATION + "/cloud/1.0",
            "contexts", APPLICATION + "/context/1.0",
            "vpses", APPLICATION + "/vps/1.0");
    private static final Map<String, List<String>> IMPLEMENTED_BY_SERVICE = Map.of(
            "clouds", List.of("http://aps-standard.org/types/core/application/1.0"),
            "contexts", List.of("http://aps-standard.org/types/core/subscription/service/1.0"),
            "vpses", List.of("http://aps-standard.org/types/core/resource/1.0",
                    "http://aps-standard.org/types/core/suspendable/1.0"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path zip;
    private static ApsPackage aps;

    @BeforeAll
    static void readTheBuiltZip() {
        zip = Path.of(System.getProperty("aps.package.zip", "target/no-zip-named"));
        assertThat(zip).as("the package built by mvn package").isRegularFile();
        aps = ApsPackage.inZip(zip);
    }

    @Test
    void theZipIsNamedAfterTheConnectorAndItsVersion() {
        assertThat(zip.getFileName().toString()).isEqualTo("vps-connector-" + projectVersion() + ".app.zip");
    }

    @Test
    void appMetaNamesTheApplicationAndCarriesTheVersionOfTheBuild() {
        AppMeta meta = aps.appMeta();

        assertThat(meta.apsVersion()).isEqualTo("2.0");
        assertThat(meta.id()).isEqualTo(APPLICATION);
        assertThat(meta.name()).isNotBlank();
        assertThat(meta.version()).isEqualTo(projectVersion());
        assertThat(meta.release()).matches("[0-9]+");
    }

    @Test
    void appMetaNamesTheThreeServicesEachWithItsSchemaFile() {
        assertThat(aps.appMeta().schemaPathsByService()).containsOnlyKeys("clouds", "contexts", "vpses")
                .containsEntry("clouds", "schemas/cloud.schema")
                .containsEntry("contexts", "schemas/context.schema")
                .containsEntry("vpses", "schemas/vps.schema");
    }

    @Test
    void everySchemaNamedIsInTheZipParsesAndDeclaresItsTypeAndWhatItImplements() throws IOException {
        for (Map.Entry<String, String> service : aps.appMeta().schemaPathsByService().entrySet()) {
            assertThat(aps.file(service.getValue())).as(service.getValue()).isPresent();
            JsonNode schema = JSON.readTree(aps.schemaOf(service.getKey()));

            assertThat(schema.path("apsVersion").asText()).as(service.getValue()).isEqualTo("2.0");
            assertThat(schema.path("name").asText()).as(service.getValue()).isNotBlank();
            assertThat(schema.path("id").asText()).as(service.getValue()).isEqualTo(TYPE_BY_SERVICE.get(service.getKey()));
            assertThat(texts(schema.path("implements"))).as(service.getValue())
                    .containsExactlyInAnyOrderElementsOf(IMPLEMENTED_BY_SERVICE.get(service.getKey()));
            assertThat(schema.path("properties").isObject()).as(service.getValue()).isTrue();
        }
    }

    @Test
    void theCustomerViewAndEveryOtherFileThePresentationNamesAreInTheZip() {
        List<String> named = aps.appMeta().presentationFiles();

        assertThat(named).as("the customer view").contains("ui/vpses.js");
        assertThat(named).allSatisfy(path -> assertThat(aps.file(path)).as(path).isPresent());
    }

    @Test
    void theCustomerViewListsTheVpsesOfTheContextWithTheirNameAndState() {
        String view = new String(aps.file("ui/vpses.js").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(view).contains("aps/Grid", "aps/ResourceStore", "\"/vpses\"", "field: \"name\"", "field: \"state\"");
    }

    @Test
    void theZipHoldsOnlyThePackage() throws IOException {
        List<String> expected = new ArrayList<>(aps.appMeta().schemaPathsByService().values());
        expected.addAll(aps.appMeta().presentationFiles());
        expected.add(ApsPackage.APP_META);

        assertThat(aps.paths()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Files.size(zip)).isPositive();
    }

    private static String projectVersion() {
        String version = System.getProperty("aps.package.version");
        assertThat(version).as("the build passes its version").isNotBlank();
        return version;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
