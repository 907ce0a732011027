package org.vpsconnector.adapters.apscontroller;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * Which server certificates of a controller the connector accepts when it calls back. By
 * default the controller must show a certificate for its host name that the system's
 * certificate authorities, or those of a configured PEM file, signed. Public runtimes verify
 * nothing; {@link #anyCertificate()} does the same, for labs only.
 */
public final class ControllerServerTrust {
    private final TrustManager[] trustManagers;
    private final boolean verifies;

    private ControllerServerTrust(TrustManager[] trustManagers, boolean verifies) {
        this.trustManagers = trustManagers;
        this.verifies = verifies;
    }

    /**
     * Verifies the controller's certificate and host name against the system's authorities
     * (when {@code systemAuthorities}) and the certificates of {@code pemFile} (when not null).
     */
    public static ControllerServerTrust verifying(boolean systemAuthorities, Path pemFile) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            List<X509Certificate> trusted = new ArrayList<>();
            if (systemAuthorities) {
                TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                system.init((KeyStore) null);
                for (TrustManager manager : system.getTrustManagers()) {
                    if (manager instanceof X509TrustManager x509) {
                        trusted.addAll(List.of(x509.getAcceptedIssuers()));
                    }
                }
            }
            if (pemFile != null) {
                trusted.addAll(readCertificates(pemFile));
            }
            if (trusted.isEmpty()) {
                throw new IllegalArgumentException("no certificate authority to verify the controller with: enable the"
                        + " system's or name a file of trusted certificates");
            }
            for (int i = 0; i < trusted.size(); i++) {
                anchors.setCertificateEntry("trusted-" + i, trusted.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            return new ControllerServerTrust(factory.getTrustManagers(), true);
        } catch (IOException | GeneralSecurityException failure) {
            throw new IllegalArgumentException("cannot set up the trust in controllers' certificates: " + failure.getMessage(), failure);
        }
    }

    /** Accepts any server certificate for any host, as public runtimes do: for labs only. */
    public static ControllerServerTrust anyCertificate() {
        return new ControllerServerTrust(new TrustManager[] {new AnyCertificate()}, false);
    }

    public boolean verifies() {
        return verifies;
    }

    TrustManager[] trustManagers() {
        return trustManagers.clone();
    }

    private static List<X509Certificate> readCertificates(Path pemFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(pemFile, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(pemFile + " holds no PEM certificate");
        }
        return certificates;
    }

    /**
     * An extended trust manager that checks nothing: as such it also skips the host name check the
     * HTTP client would otherwise ask of it.
     */
    private static final class AnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
