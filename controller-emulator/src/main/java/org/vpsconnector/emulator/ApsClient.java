package org.vpsconnector.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Sends APS requests as a controller does: its headers on every call, its client certificate in certificate mode. */
final class ApsClient implements AutoCloseable {
    static final String CONTENT_TYPE = "application/json";

    private final HttpClient http;
    private final String base;
    private final String controllerUri;

    /** {@code identity} is presented as the client certificate when not null; {@code serverCa} is trusted when not null. */
    ApsClient(ConnectorOptions connector, ControllerIdentity identity, int connections) {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        if (identity != null) {
            tls.setKeyStore(identity.keyStore());
            tls.setKeyStorePassword(new String(ControllerIdentity.KEY_STORE_PASSWORD));
        }
        if (connector.serverCa != null) {
            tls.setTrustStore(trusting(connector.serverCa));
        }
        ClientConnector transport = new ClientConnector();
        transport.setSslContextFactory(tls);
        this.http = new HttpClient(new HttpClientTransportOverHTTP(transport));
        http.setMaxConnectionsPerDestination(connections);
        http.setMaxRequestsQueuedPerDestination(Math.max(1024, connections * 4));
        http.setFollowRedirects(false);
        http.setUserAgentField(null);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client", e);
        }
        String url = connector.url.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.controllerUri = connector.controllerUri;
    }

    /** A request of the controller of {@code instanceId}, in {@code phase} ("sync" or "async"); {@code body} may be null. */
    ApsReply send(String method, String path, JsonNode body, UUID instanceId, String phase) {
        return send(method, path, body == null ? null : body.toString(), Map.of(
                "APS-Controller-URI", controllerUri,
                "APS-Instance-ID", instanceId.toString(),
                "APS-Transaction-ID", UUID.randomUUID().toString(),
                "APS-Request-Phase", phase,
                "APS-Version", "2.0"));
    }

    /** A request with exactly {@code headers}, as a broken controller may send it. */
    ApsReply send(String method, String path, String body, Map<String, String> headers) {
        Request request = http.newRequest(URI.create(base + path)).method(method).timeout(60, TimeUnit.SECONDS)
                .headers(fields -> headers.forEach(fields::put));
        if (body != null) {
            request.body(new StringRequestContent(CONTENT_TYPE, body));
        }
        long started = System.nanoTime();
        try {
            ContentResponse response = request.send();
            return new ApsReply(response.getStatus(), response.getHeaders().get("APS-Retry-Timeout"),
                    response.getHeaders().get("APS-Info"), response.getContentAsString(), System.nanoTime() - started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApsCallException(method + " " + path + " interrupted", e);
        } catch (TimeoutException | ExecutionException e) {
            throw new ApsCallException(method + " " + path + ": " + rootMessage(e), e);
        }
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the HTTP client", e);
        }
    }

    private static KeyStore trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int index = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("trusted-" + index++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the certificates in " + pem + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    /** A request that got no HTTP answer: refused, reset, timed out. */
    static final class ApsCallException extends RuntimeException {
        ApsCallException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
