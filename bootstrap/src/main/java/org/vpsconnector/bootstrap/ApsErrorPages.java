package org.vpsconnector.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;
import org.vpsconnector.adapters.apsrest.ApsError;

/**
 * What Jetty and Dropwizard refuse before a request reaches the APS resources (an address Jetty
 * finds ambiguous, a header it cannot parse, a method the server does not allow, a broken gzip
 * body) is answered with the same APS error JSON as every other refusal, not Jetty's HTML page.
 */
final class ApsErrorPages {

    private ApsErrorPages() {
    }

    static void install(Environment environment) {
        ObjectMapper json = environment.getObjectMapper();
        environment.getApplicationContext().setErrorHandler(new InContext(json));
        // Dropwizard sets the server's own handler while building it; ours replaces it before it starts.
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(new BeforeAnyContext(json));
                }
            }
        });
    }

    private static boolean writeApsError(ObjectMapper json, Response response, Callback callback, int code, String message)
            throws IOException {
        String reason = HttpStatus.getMessage(code);
        String said = message == null || message.isBlank() ? reason : message;
        byte[] body = json.writeValueAsBytes(new ApsError(code, reason.replaceAll("[^A-Za-z]", ""), said));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** Errors raised inside the servlet context, e.g. by Dropwizard's filter of allowed methods. */
    private static final class InContext extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        private final ObjectMapper json;

        InContext(ObjectMapper json) {
            this.json = json;
        }

        // Jetty writes a body only for GET, POST and HEAD; a PUT or DELETE deserves one as much.
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                     List<Charset> charsets, int code, String message, Throwable cause)
                throws IOException {
            return writeApsError(json, response, callback, code, message);
        }
    }

    /** Errors raised before the request reaches a context, e.g. a request line Jetty cannot read. */
    private static final class BeforeAnyContext extends org.eclipse.jetty.server.handler.ErrorHandler {
        private final ObjectMapper json;

        BeforeAnyContext(ObjectMapper json) {
            this.json = json;
        }

        // Jetty writes a body only for GET, POST and HEAD; a PUT or DELETE deserves one as much.
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                     List<Charset> charsets, int code, String message, Throwable cause)
                throws IOException {
            return writeApsError(json, response, callback, code, message);
        }
    }
}
