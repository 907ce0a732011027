package org.vpsconnector.bootstrap.tls;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The APS endpoint's TLS connector ({@code type: aps-https}): an {@code https} connector that asks
 * every client for its certificate and lets the handshake complete with any certificate whose
 * key the client holds. Controllers sign their own certificates, so no trust store could know
 * them in advance; which certificate may act for which instance is decided per request, by an
 * exact comparison with the one the instance stored (ControllerCertificateFilter). A client
 * without a certificate also gets through the handshake, to be answered with an APS 403.
 */
@JsonTypeName("aps-https")
public class ControllerCertificateConnectorFactory extends HttpsConnectorFactory {

    @Override
    protected SslContextFactory.Server configureSslContextFactory(SslContextFactory dropwizardDefault) {
        SslContextFactory.Server server = super.configureSslContextFactory(new AnyClientCertificate());
        server.setNeedClientAuth(false);
        server.setWantClientAuth(true);
        return server;
    }

    private static final class AnyClientCertificate extends SslContextFactory.Server {
        @Override
        protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
            return new TrustManager[] {new ClientCertificateCollector()};
        }
    }

    /** Judges nothing: the handshake has already proved that the client holds the certificate's key. */
    private static final class ClientCertificateCollector implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // compared with the instance's stored controller certificate for every request
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the APS endpoint authenticates no server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
