package org.vpsconnector.adapters.apsrest;

import static org.vpsconnector.application.Require.present;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.net.URI;
import java.net.URISyntaxException;
import org.vpsconnector.domain.InvalidRequestException;

/**
 * Refuses a request that does not say which instance it addresses or where its controller is
 * (protocol §4). Post-matching, so an unknown address still answers 404.
 */
@ApsEndpoint
public class ApsHeadersFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        ApsIds.parse(request.getHeaderString(ApsHeaders.INSTANCE_ID), ApsHeaders.INSTANCE_ID);
        requireAbsoluteUri(request.getHeaderString(ApsHeaders.CONTROLLER_URI));
    }

    private static void requireAbsoluteUri(String value) {
        present(value, ApsHeaders.CONTROLLER_URI);
        try {
            if (new URI(value).isAbsolute()) {
                return;
            }
        } catch (URISyntaxException notAUri) {
            // answered below, like a relative URI
        }
        throw new InvalidRequestException(ApsHeaders.CONTROLLER_URI + " must be an absolute URI, got '" + value + "'");
    }
}
