package org.vpsconnector.adapters.apscontroller;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.vpsconnector.application.port.out.ControllerCallException;
import org.vpsconnector.application.port.out.ControllerClient;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.Secret;

/**
 * Updates resources at the controller with the JDK's HTTP client, over HTTPS only, presenting
 * the instance's certificate. One client per instance (each has its own certificate), made again
 * when the instance's certificate changes.
 */
public final class HttpsControllerClient implements ControllerClient {
    private static final String RESOURCES = "aps/2/resources/";
    private static final int MOST_ERROR_TEXT = 512;

    private final ControllerServerTrust trust;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Map<UUID, InstanceClient> clients = new ConcurrentHashMap<>();

    public HttpsControllerClient(ControllerServerTrust trust, Duration connectTimeout, Duration requestTimeout) {
        this.trust = trust;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public void updateResource(ApplicationInstance instance, UUID resourceId, String transactionId, String representation) {
        URI target = resourceUri(instance.controllerUri(), resourceId);
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(representation, StandardCharsets.UTF_8));
        if (transactionId != null) {
            request.header("APS-Transaction-ID", transactionId);
        }
        HttpResponse<String> response;
        try {
            response = clientOf(instance).send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException unreachable) {
            throw new ControllerCallException("PUT " + target + " failed: " + describe(unreachable), unreachable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ControllerCallException("PUT " + target + " was interrupted", interrupted);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ControllerCallException("PUT " + target + " answered " + response.statusCode() + ": "
                    + shortened(response.body()), null);
        }
    }

    /** {@code {controllerUri}aps/2/resources/{id}}; the controller's address may come with or without its trailing slash. */
    static URI resourceUri(String controllerUri, UUID resourceId) {
        if (controllerUri == null || controllerUri.isBlank()) {
            throw new ControllerCallException("the application instance has no controller address", null);
        }
        URI base;
        try {
            base = URI.create(controllerUri.endsWith("/") ? controllerUri : controllerUri + "/");
        } catch (IllegalArgumentException malformed) {
            throw new ControllerCallException("the controller address " + controllerUri + " is not a URI", malformed);
        }
        if (!"https".equalsIgnoreCase(base.getScheme())) {
            throw new ControllerCallException("the controller address " + controllerUri
                    + " is not https: the instance certificate is only ever presented over TLS", null);
        }
        return base.resolve(RESOURCES + resourceId);
    }

    private HttpClient clientOf(ApplicationInstance instance) {
        String pem = instance.selfCertificate() == null ? null : instance.selfCertificate().reveal();
        return clients.compute(instance.id(), (id, current) ->
                current != null && Objects.equals(current.pem(), pem) ? current : new InstanceClient(pem, build(instance.selfCertificate())))
                .client();
    }

    private HttpClient build(Secret selfCertificate) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(selfCertificate == null ? null : InstanceIdentity.keyManagers(selfCertificate.reveal()),
                    trust.trustManagers(), new SecureRandom());
            return HttpClient.newBuilder()
                    .sslContext(tls)
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        } catch (GeneralSecurityException | IllegalArgumentException unusable) {
            throw new ControllerCallException("the instance certificate cannot be used: " + unusable.getMessage(), unusable);
        }
    }

    private static String describe(IOException failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    private static String shortened(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= MOST_ERROR_TEXT ? text : text.substring(0, MOST_ERROR_TEXT) + "…";
    }

    private record InstanceClient(String pem, HttpClient client) {
        @Override
        public String toString() {
            return "InstanceClient[(hidden)]";
        }
    }
}
