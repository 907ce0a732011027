package org.vpsconnector.adapters.apscontroller;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * An APS controller that records what it receives, over HTTPS that requires a client certificate
 * signed by (or equal to) one of those it trusts. It can be stopped and started again on the
 * same port, to stand for a controller that is down for a while, and can answer with an error.
 */
public final class RecordingController implements AutoCloseable {

    /** One request as received, with the certificate the client presented. */
    public record Received(String method, String path, String contentType, String transactionId, String body,
                           X509Certificate clientCertificate) {
    }

    private final TestIdentity server;
    private final List<X509Certificate> trustedClients;
    private final List<Received> received = new ArrayList<>();
    private int port;
    private int status = 200;
    private HttpsServer https;
    private ExecutorService threads;

    private RecordingController(TestIdentity server, List<X509Certificate> trustedClients) {
        this.server = server;
        this.trustedClients = trustedClients;
    }

    /** Listens on a free port of the loopback interface, as {@code localhost} with {@code server}'s certificate. */
    public static RecordingController start(TestIdentity server, X509Certificate... trustedClients) {
        RecordingController controller = new RecordingController(server, List.of(trustedClients));
        controller.listen(0);
        return controller;
    }

    /** The controller's address as {@code APS-Controller-URI} gives it, with its trailing slash. */
    public String uri() {
        return "https://localhost:" + port + "/";
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The status every request is answered with from now on (200 at first); the request is recorded all the same. */
    public synchronized void answer(int status) {
        this.status = status;
    }

    /** Stops listening: connections are refused until {@link #restart}. */
    public synchronized void stop() {
        if (https != null) {
            https.stop(0);
            threads.shutdownNow();
            https = null;
        }
    }

    /** Listens again on the port it had. */
    public synchronized void restart() {
        listen(port);
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void listen(int onPort) {
        try {
            https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls()) {
                @Override
                public void configure(HttpsParameters parameters) {
                    SSLParameters required = getSSLContext().getDefaultSSLParameters();
                    required.setNeedClientAuth(true);
                    parameters.setSSLParameters(required);
                }
            });
            https.createContext("/", this::record);
            threads = Executors.newFixedThreadPool(2);
            https.setExecutor(threads);
            https.start();
            port = https.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            Certificate[] presented = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
            int answer;
            synchronized (this) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("APS-Transaction-ID"),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8), (X509Certificate) presented[0]));
                answer = status;
            }
            byte[] reply = answer == 200 ? "{}".getBytes(StandardCharsets.UTF_8)
                    : ("{\"code\":" + answer + ",\"type\":\"Unavailable\",\"message\":\"the controller is busy\"}")
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer, reply.length);
            exchange.getResponseBody().write(reply);
        }
    }

    private SSLContext tls() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(server.keyStore(), TestIdentity.PASSWORD);
            KeyStore clients = KeyStore.getInstance("PKCS12");
            clients.load(null, null);
            for (int i = 0; i < trustedClients.size(); i++) {
                clients.setCertificateEntry("client-" + i, trustedClients.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(clients);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            return tls;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
