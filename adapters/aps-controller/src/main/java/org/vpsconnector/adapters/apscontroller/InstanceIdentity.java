package org.vpsconnector.adapters.apscontroller;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The instance's own certificate and private key ({@code aps.x509.self}, PEM) as the key
 * material of a TLS client. The key lives only in memory, in a key store nobody else sees.
 */
final class InstanceIdentity {
    // Protects the in-memory store only; the key never leaves this process.
    private static final char[] IN_MEMORY = new char[0];

    private InstanceIdentity() {
    }

    /** Key managers that present the certificate of {@code pem}: its certificates (the instance's first) and its private key. */
    static KeyManager[] keyManagers(String pem) {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            PrivateKey key = null;
            JcaX509CertificateConverter certificates = new JcaX509CertificateConverter();
            JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
            try (PEMParser parser = new PEMParser(new StringReader(pem))) {
                for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                    if (object instanceof X509CertificateHolder certificate) {
                        chain.add(certificates.getCertificate(certificate));
                    } else if (object instanceof PrivateKeyInfo info) {
                        key = keys.getPrivateKey(info);
                    } else if (object instanceof PEMKeyPair pair) {
                        key = keys.getPrivateKey(pair.getPrivateKeyInfo());
                    }
                }
            }
            if (chain.isEmpty() || key == null) {
                throw new IllegalArgumentException("aps.x509.self holds no "
                        + (chain.isEmpty() ? "certificate" : "unencrypted private key"));
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("instance", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY);
            return factory.getKeyManagers();
        } catch (IOException | GeneralSecurityException unreadable) {
            // The parser's message never quotes the key.
            throw new IllegalArgumentException("aps.x509.self cannot be read as PEM certificate and key: "
                    + unreadable.getClass().getSimpleName(), unreadable);
        }
    }
}
