package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.vpsconnector.application.service.ControllerTrust;

/** Instance authentication (protocol §7): who may install an instance, and the key that seals instance keys. */
public class CertificatesConfiguration {

    /** Which first install of an instance is trusted. */
    public enum FirstInstall {
        /** The client certificate the install came with is the {@code aps.x509.controller} it carries. */
        PRESENTED_MATCHES_BODY,
        /** The same, and {@code controllerCa} signed that certificate. */
        CA_SIGNED
    }

    @NotNull
    @JsonProperty
    private FirstInstall firstInstall = FirstInstall.PRESENTED_MATCHES_BODY;

    /** PEM file of the certificate authority that signs controllers' certificates, for {@code ca-signed}. */
    @JsonProperty
    private String controllerCa;

    /** Base64 of the 32-byte AES key that seals instance private keys; when empty, {@code secretKeyFile}. */
    @JsonProperty
    private String secretKey;

    /** Where the sealing key is kept when {@code secretKey} is empty; made on first start. */
    @JsonProperty
    private String secretKeyFile = "./data/instance-secret.key";

    @ValidationMethod(message = "aps.certificates.firstInstall: ca-signed needs aps.certificates.controllerCa, a PEM file")
    @JsonIgnore
    public boolean isControllerCaGivenWhenNeeded() {
        return firstInstall != FirstInstall.CA_SIGNED || (controllerCa != null && !controllerCa.isBlank());
    }

    @ValidationMethod(message = "aps.certificates: give secretKey (Base64 of 32 bytes) or secretKeyFile")
    @JsonIgnore
    public boolean isSealingKeyGiven() {
        return (secretKey != null && !secretKey.isBlank()) || (secretKeyFile != null && !secretKeyFile.isBlank());
    }

    /** Whom the APS endpoint trusts; over plain HTTP it cannot tell anyone apart. */
    public ControllerTrust trust(boolean plainHttp) {
        if (plainHttp) {
            return ControllerTrust.anyone();
        }
        return firstInstall == FirstInstall.CA_SIGNED ? ControllerTrust.signedBy(readControllerCa())
                : ControllerTrust.presentedMatchesBody();
    }

    /** The key that seals instance private keys: the configured one, else the one in {@code secretKeyFile}. */
    public byte[] sealingKey() {
        if (secretKey != null && !secretKey.isBlank()) {
            try {
                return SealingKeyFile.checked(Base64.getDecoder().decode(secretKey.strip()), "aps.certificates.secretKey");
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalStateException("aps.certificates.secretKey must be the Base64 of 32 random bytes"
                        + " (e.g. openssl rand -base64 32); is VPS_SECRET_KEY set?");
            }
        }
        return SealingKeyFile.readOrCreate(Path.of(secretKeyFile));
    }

    private X509Certificate readControllerCa() {
        try (InputStream pem = Files.newInputStream(Path.of(controllerCa))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
        } catch (IOException | GeneralSecurityException unreadable) {
            throw new IllegalStateException("aps.certificates.controllerCa " + controllerCa
                    + " is not a readable PEM certificate: " + unreadable.getMessage(), unreadable);
        }
    }
}
