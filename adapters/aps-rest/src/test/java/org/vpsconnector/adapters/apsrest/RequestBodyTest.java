package org.vpsconnector.adapters.apsrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vpsconnector.adapters.apsrest.ApsErrorAssert.assertApsError;
import static org.vpsconnector.adapters.apsrest.TestApi.sync;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only UTF-8 JSON bodies up to the configured size reach a resource; nothing else changes anything. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RequestBodyTest {
    private static final int LIMIT = 4096;
    private static final String LATIN_1 = "application/json; charset=iso-8859-1";

    private final FakeInstances instances = new FakeInstances();
    private final FakeVpsUseCases vpses = new FakeVpsUseCases();
    private final ResourceExtension api = limited();

    private ResourceExtension limited() {
        ResourceExtension.Builder builder = ResourceExtension.builder()
                .setMapper(ApsJson.configure(io.dropwizard.jackson.Jackson.newObjectMapper()))
                .setRegisterDefaultExceptionMappers(false);
        new ApsRestApi(instances, new FakeContexts(), vpses, vpses, vpses, vpses, vpses, vpses, vpses, (instanceId, presented, installing) -> { })
                .limitBodiesTo(LIMIT).components().forEach(builder::addResource);
        return builder.build();
    }

    private Response install(byte[] body, String contentType) {
        return sync(api, "/clouds").post(Entity.entity(body, contentType));
    }

    private static byte[] cloud(String unknownField) {
        return Fixtures.edited("cloud-install.json", cloud -> cloud.put("comment", unknownField))
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyWithinTheLimitIsRead() {
        assertThat(install(cloud("x".repeat(LIMIT / 2)), "application/json").getStatus()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIs413AndClosesTheConnection() {
        Response response = install(cloud("x".repeat(LIMIT)), "application/json");

        assertThat(response.getHeaderString("Connection")).isEqualTo("close");
        assertThat(assertApsError(response, 413, "RequestEntityTooLarge")).contains(String.valueOf(LIMIT));
        assertThat(instances.changes).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "application/json; charset=UTF-8",
            "application/json;charset=\"Utf-8\""})
    void utf8MayBeDeclared(String contentType) {
        assertThat(install(cloud("x"), contentType).getStatus()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=ebcdic", "application/json; charset=iso-8859-1",
            "application/json; charset=utf-16", "application/json; charset=utf8"})
    void anyOtherCharsetIs415(String contentType) {
        assertThat(assertApsError(install(cloud("x"), contentType), 415, "UnsupportedMediaType")).contains("UTF-8");
        assertThat(instances.changes).isEmpty();
    }

    @Test
    void aBodyInUtf16Is415EvenWhenDeclaredAsPlainJson() {
        byte[] utf16 = new String(cloud("x"), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);

        assertApsError(install(utf16, "application/json"), 415, "UnsupportedMediaType");
        assertThat(instances.changes).isEmpty();
    }

    @Test
    void aByteOrderMarkBeforeUtf8IsAccepted() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        body.writeBytes(cloud("x"));

        assertThat(install(body.toByteArray(), "application/json").getStatus()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C0AF", "E080AF", "EDA080", "F4908080", "FF", "C3"})
    void bytesThatAreNotStrictUtf8Are400(String hex) {
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        String marked = new String(cloud("@"), StandardCharsets.UTF_8);
        int at = marked.indexOf('@');
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(marked.substring(0, at).getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bad);
        body.writeBytes(marked.substring(at + 1).getBytes(StandardCharsets.UTF_8));

        assertThat(install(body.toByteArray(), "application/json").getStatus()).isEqualTo(400);
        assertThat(instances.changes).isEmpty();
    }

    @Test
    void nestingBeyondTheParsersLimitIs400() {
        String nested = "[".repeat(ApsJson.MAX_NESTING_DEPTH + 1) + "]".repeat(ApsJson.MAX_NESTING_DEPTH + 1);
        byte[] body = new String(cloud("@"), StandardCharsets.UTF_8).replace("\"@\"", nested).getBytes(StandardCharsets.UTF_8);

        assertThat(assertApsError(install(body, "application/json"), 400, "InvalidJson")).contains("nesting depth");
        assertThat(instances.changes).isEmpty();
    }

    @Test
    void aControlCharacterInACertificateIs400ButLineBreaksAreNot() {
        byte[] withEscape = Fixtures.edited("cloud-install.json", cloud -> cloud.with("aps").with("x509")
                .put("controller", "-----BEGIN CERTIFICATE-----\r\nMII\u001b[2J\n-----END CERTIFICATE-----\n"))
                .getBytes(StandardCharsets.UTF_8);

        assertThat(assertApsError(install(withEscape, "application/json"), 400, "InvalidRequest"))
                .contains("aps.x509.controller", "U+001B");
        assertThat(instances.changes).isEmpty();
    }

    @Test
    void aMethodThatReadsNoBodyIsNotRefusedForABodysHeaders() {
        // No body is read on an unprovision: a charset other than UTF-8 refuses nothing.
        Response unprovision = sync(api, "/vpses/" + Fixtures.UNKNOWN).header(HttpHeaders.CONTENT_TYPE, LATIN_1).delete();

        assertThat(unprovision.getStatus()).isEqualTo(204);
        assertThat(vpses.changes).extracting(Call::operation).containsExactly("unprovision");
    }

    @Test
    void aMethodThatReadsABodyIsStillRefusedForThem() {
        Response configure = sync(api, "/vpses/" + Fixtures.UNKNOWN)
                .put(Entity.entity(Fixtures.read("vps-configure.json"), LATIN_1));

        assertApsError(configure, 415, "UnsupportedMediaType");
        assertThat(vpses.changes).isEmpty();
    }

    @Test
    void theBodyIsTheParameterNoJaxRsAnnotationNames() throws NoSuchMethodException {
        assertThat(RequestBodyFilter.Binding.readsBody(Methods.class.getMethod("create", HttpHeaders.class, String.class)))
                .isTrue();
        assertThat(RequestBodyFilter.Binding.readsBody(Methods.class.getMethod("read", UUID.class, HttpHeaders.class)))
                .isFalse();
        assertThat(RequestBodyFilter.Binding.readsBody(Methods.class.getMethod("remove", String.class))).isFalse();
        assertThat(RequestBodyFilter.Binding.readsBody(Methods.class.getMethod("none"))).isFalse();
    }

    /** Resource methods as JAX-RS sees them, by their parameters' annotations alone. */
    @SuppressWarnings("unused")
    public static final class Methods {
        @POST
        @Consumes("application/json")
        public void create(@Context HttpHeaders headers, String body) {
        }

        @GET
        public void read(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        }

        @DELETE
        public void remove(@HeaderParam("APS-Instance-ID") String instance) {
        }

        @POST
        public void none() {
        }
    }
}
