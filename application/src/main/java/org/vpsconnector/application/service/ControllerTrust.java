package org.vpsconnector.application.service;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.vpsconnector.application.ForbiddenException;
import org.vpsconnector.application.port.in.InstallInstanceCommand;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.InvalidRequestException;

/**
 * Which client certificate may act for an application instance (protocol §7): once installed,
 * only the instance's stored {@code aps.x509.controller}; at the first install, the policy this
 * was built with. Certificates are compared by their DER encoding, never by their PEM text.
 */
public final class ControllerTrust {
    // Every request in certificate mode is checked against its instance's stored certificate: each
    // stored PEM text is parsed once, not once per request. Bounded, as instances come and go.
    private static final int STORED_KEPT = 4096;

    private final boolean checksCertificates;
    private final X509Certificate authority;
    private final Map<String, Optional<byte[]>> storedEncodings = new ConcurrentHashMap<>();

    private ControllerTrust(boolean checksCertificates, X509Certificate authority) {
        this.checksCertificates = checksCertificates;
        this.authority = authority;
    }

    /** For an endpoint that asks for no certificate (plain HTTP): whoever reaches it is the controller. */
    public static ControllerTrust anyone() {
        return new ControllerTrust(false, null);
    }

    /** A first install is trusted when the client certificate it came with is the {@code aps.x509.controller} it carries. */
    public static ControllerTrust presentedMatchesBody() {
        return new ControllerTrust(true, null);
    }

    /** As {@link #presentedMatchesBody()}, and the certificate must also be one {@code authority} signed and still valid. */
    public static ControllerTrust signedBy(X509Certificate authority) {
        return new ControllerTrust(true, Objects.requireNonNull(authority, "authority"));
    }

    public boolean checksCertificates() {
        return checksCertificates;
    }

    /** A request for an installed instance, a re-install included. */
    void requireController(ApplicationInstance instance, X509Certificate presented) {
        requireController(instance.id(), instance.controllerCertificate(), presented);
    }

    /** A request for the installed instance {@code instanceId}, which trusts {@code storedPem} (null or empty: none). */
    void requireController(UUID instanceId, String storedPem, X509Certificate presented) {
        if (!checksCertificates) {
            return;
        }
        requirePresented(presented);
        if (!isStored(storedPem, presented)) {
            throw new ForbiddenException("the client certificate is not the controller certificate of the application"
                    + " instance " + instanceId);
        }
    }

    /**
     * The install of an instance known already, by its controller: it may bring a new controller
     * certificate (which then replaces the old one), but not one that no client could ever present.
     */
    void requireReinstall(ApplicationInstance instance, InstallInstanceCommand install) {
        requireController(instance, install.presentedCertificate());
        if (checksCertificates && parse(install.controllerCertificate()).isEmpty()) {
            throw new InvalidRequestException("aps.x509.controller must be a PEM certificate: the instance would"
                    + " answer no controller any more");
        }
    }

    /** The install of an instance not known yet. */
    void requireFirstInstall(InstallInstanceCommand install) {
        if (!checksCertificates) {
            return;
        }
        X509Certificate presented = install.presentedCertificate();
        requirePresented(presented);
        if (!sameCertificate(install.controllerCertificate(), presented)) {
            throw new ForbiddenException("the client certificate of an install must be the aps.x509.controller it carries");
        }
        if (authority != null && !signedByAuthority(presented)) {
            throw new ForbiddenException("the client certificate of an install must be signed by the controller"
                    + " certificate authority and valid");
        }
    }

    static void requirePresented(X509Certificate presented) {
        if (presented == null) {
            throw new ForbiddenException("the request came without a client certificate; the APS endpoint serves only"
                    + " the controller, which shows its certificate");
        }
    }

    private boolean isStored(String pem, X509Certificate presented) {
        if (pem == null || pem.isEmpty()) {
            return false;
        }
        if (storedEncodings.size() >= STORED_KEPT) {
            storedEncodings.clear();
        }
        return sameEncoding(storedEncodings.computeIfAbsent(pem, ControllerTrust::encodingOf), presented);
    }

    private static boolean sameCertificate(String pem, X509Certificate presented) {
        return sameEncoding(encodingOf(pem), presented);
    }

    private static boolean sameEncoding(Optional<byte[]> stored, X509Certificate presented) {
        try {
            return stored.isPresent() && MessageDigest.isEqual(stored.get(), presented.getEncoded());
        } catch (GeneralSecurityException notEncodable) {
            return false;
        }
    }

    private static Optional<byte[]> encodingOf(String pem) {
        try {
            Optional<Certificate> parsed = parse(pem);
            return parsed.isPresent() ? Optional.of(parsed.get().getEncoded()) : Optional.empty();
        } catch (GeneralSecurityException notEncodable) {
            return Optional.empty();
        }
    }

    private static Optional<Certificate> parse(String pem) {
        if (pem == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException notACertificate) {
            return Optional.empty();
        }
    }

    private boolean signedByAuthority(X509Certificate presented) {
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(authority, null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(presented)), parameters);
            return true;
        } catch (GeneralSecurityException notSigned) {
            return false;
        }
    }
}
