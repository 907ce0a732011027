package org.vpsconnector.adapters.apsrest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lets through only bodies the connector reads: JSON in UTF-8 (415 for another charset or a
 * content coding the server has not undone), of at most {@code maxBytes} (413, decided from
 * {@code Content-Length} before reading when the client declares it, and counted while reading
 * otherwise, after any gzip is inflated). It guards the resource methods that read a body
 * ({@link Binding}); a body sent to any other is never read, and the server drops it.
 */
@Priority(Priorities.HEADER_DECORATOR)
public class RequestBodyFilter implements ContainerRequestFilter, ContainerResponseFilter {
    // The body as this filter let it through, for the answer to read off what the reader left.
    private static final String BODY = RequestBodyFilter.class.getName() + ".body";
    private final long maxBytes;

    RequestBodyFilter(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the largest request body must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            if (request.getLength() <= BoundedBodyStream.DISCARDED_AT_MOST) {
                BoundedBodyStream.discardRest(request.getEntityStream());
            }
            request.abortWith(closing(ApsError.builder(413, ApsError.BODY_TOO_LARGE, tooLarge(maxBytes))).build());
            return;
        }
        // The server inflates gzip itself (server.gzip) and then no longer names it here.
        String coding = request.getHeaderString(HttpHeaders.CONTENT_ENCODING);
        if (coding != null && !coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")) {
            request.abortWith(ApsError.response(415, ApsError.UNSUPPORTED_BODY,
                    "the request body's Content-Encoding " + coding.strip() + " is not supported"));
            return;
        }
        MediaType type = request.getMediaType();
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            request.abortWith(ApsError.response(415, ApsError.UNSUPPORTED_BODY,
                    "the request body must be JSON encoded in UTF-8, not " + charset));
            return;
        }
        BoundedBodyStream body = new BoundedBodyStream(request.getEntityStream(), maxBytes);
        request.setProperty(BODY, body);
        request.setEntityStream(body);
    }

    /**
     * The rest of a refused body is not read, so the connection cannot carry another request;
     * saying so keeps the client from sending its next request on a connection about to close.
     */
    static Response.ResponseBuilder closing(Response.ResponseBuilder response) {
        return response.header("Connection", "close");
    }

    /**
     * A request refused before its body was read (a missing header, a charset) still has the body
     * on the wire: it is read off, so that the client, still sending, gets the answer and not a
     * reset of the connection.
     */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(BODY) instanceof BoundedBodyStream body) {
            if (!body.isClosed()) {
                BoundedBodyStream.discardRest(body);
            }
            return;
        }
        try {
            BoundedBodyStream.discardRest(request.getEntityStream());
        } catch (IllegalStateException alreadyReadAndClosed) {
            // The reader read the body to its end, or read off the rest when it closed it.
        }
    }

    /**
     * Binds the filter to every resource method of an {@link ApsEndpoint} that takes the request
     * body. Bound to the others too, it would wrap and then read off the empty body of every
     * retrieve (1.9 % of a retrieve's CPU samples).
     */
    static final class Binding implements DynamicFeature {
        private final RequestBodyFilter filter;

        Binding(long maxBytes) {
            this.filter = new RequestBodyFilter(maxBytes);
        }

        @Override
        public void configure(ResourceInfo resource, FeatureContext context) {
            if (ApsEndpoint.Methods.includes(resource) && readsBody(resource.getResourceMethod())) {
                context.register(filter);
            }
        }

        /** JAX-RS passes the body to the one parameter that no JAX-RS annotation names. */
        static boolean readsBody(Method method) {
            return Arrays.stream(method.getParameterAnnotations()).anyMatch(annotations -> Arrays.stream(annotations)
                    .map(Annotation::annotationType)
                    .noneMatch(type -> type.getPackageName().startsWith("jakarta.ws.rs")));
        }
    }

    static String tooLarge(long maxBytes) {
        return "the request body is larger than " + maxBytes + " bytes";
    }
}
