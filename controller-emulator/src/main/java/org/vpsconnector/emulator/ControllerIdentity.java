package org.vpsconnector.emulator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate and its key, made for one run: the controller's (sent in the instance's install
 * and presented as the client certificate) and the instance's (handed over in {@code aps.x509.self}).
 */
final class ControllerIdentity {
    /** The password of the in-memory key store; the key never leaves this process but in an install body. */
    static final char[] KEY_STORE_PASSWORD = "controller-emulator".toCharArray();

    private final KeyPair keys;
    private final X509Certificate certificate;

    private ControllerIdentity(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    static ControllerIdentity generate(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName);
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(2))), name, keys.getPublic());
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            return new ControllerIdentity(keys, new JcaX509CertificateConverter().getCertificate(builder.build(signer)));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a certificate for " + commonName, e);
        }
    }

    String certificatePem() {
        return pem(certificate);
    }

    String certificateAndKeyPem() {
        try {
            return certificatePem() + pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key store holding this identity, for the TLS client. */
    KeyStore keyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("controller", keys.getPrivate(), KEY_STORE_PASSWORD, new Certificate[] {certificate});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the controller's key", e);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
