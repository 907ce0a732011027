package org.vpsconnector.application.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Certificates made once with openssl (valid until 2125) and kept as test resources:
 * {@code authority.pem}, a certificate authority; {@code controller.pem}, a controller's client
 * certificate it signed; {@code stranger.pem}, a self-signed certificate of the same name.
 */
public final class TestCertificates {
    public static final String AUTHORITY = "authority.pem";
    public static final String CONTROLLER = "controller.pem";
    public static final String STRANGER = "stranger.pem";

    private TestCertificates() {
    }

    /** The PEM text of {@code name}, as a controller sends it in {@code aps.x509.controller}. */
    public static String pem(String name) {
        try (InputStream in = TestCertificates.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test certificate " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code name} as a TLS endpoint presents it. */
    public static X509Certificate certificate(String name) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem(name).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
