package org.vpsconnector.adapters.apsrest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.UUID;
import org.vpsconnector.application.port.in.AuthenticateControllerUseCase;

/**
 * Lets a request through only when its TLS client certificate may act for the instance in its
 * {@code APS-Instance-ID} (protocol §7), before anything reads its body or changes anything.
 * The TLS connector asks for the certificate without judging it; the comparison is here.
 * One is bound to each APS resource method at start ({@link Binding}), knowing whether that method
 * installs an instance: asking Jersey for the matched method on every request went through a proxy
 * and a lookup of the request's scope, more than the rest of this filter.
 */
@Priority(Priorities.AUTHENTICATION)
public class ControllerCertificateFilter implements ContainerRequestFilter {
    /** Where the servlet container puts the client's certificate chain, the client's own first. */
    static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final AuthenticateControllerUseCase authentication;
    private final boolean installing;

    ControllerCertificateFilter(AuthenticateControllerUseCase authentication, boolean installing) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.installing = installing;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        UUID instanceId = ApsIds.parse(request.getHeaderString(ApsHeaders.INSTANCE_ID), ApsHeaders.INSTANCE_ID);
        X509Certificate presented = presented(request);
        authentication.authenticate(instanceId, presented, installing);
        if (presented != null) {
            request.setSecurityContext(new Controller(new ControllerPrincipal(presented), request.getSecurityContext()));
        }
    }

    /** Binds a filter to every resource method of an {@link ApsEndpoint}. */
    static final class Binding implements DynamicFeature {
        private final AuthenticateControllerUseCase authentication;

        Binding(AuthenticateControllerUseCase authentication) {
            this.authentication = Objects.requireNonNull(authentication, "authentication");
        }

        @Override
        public void configure(ResourceInfo resource, FeatureContext context) {
            if (ApsEndpoint.Methods.includes(resource)) {
                context.register(new ControllerCertificateFilter(authentication,
                        resource.getResourceMethod().isAnnotationPresent(InstanceInstall.class)));
            }
        }
    }

    private static X509Certificate presented(ContainerRequestContext request) {
        return request.getProperty(CLIENT_CERTIFICATES) instanceof X509Certificate[] chain && chain.length > 0
                ? chain[0]
                : null;
    }

    private record Controller(ControllerPrincipal principal, SecurityContext connection) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return connection.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return SecurityContext.CLIENT_CERT_AUTH;
        }
    }
}
