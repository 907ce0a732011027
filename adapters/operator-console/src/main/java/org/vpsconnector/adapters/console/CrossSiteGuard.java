package org.vpsconnector.adapters.console;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A browser that holds the operator's credentials sends them to the admin port with any page's
 * request, another site's included. An action must therefore carry the console's own header, which
 * a page of another origin cannot set without a CORS preflight that nothing here answers.
 */
public class CrossSiteGuard implements ContainerRequestFilter {
    public static final String HEADER = "X-Vps-Console";

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.GET.equals(request.getMethod()) && request.getHeaderString(HEADER) == null) {
            request.abortWith(Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ConsoleErrors.Error(403, "Forbidden", "a console action needs the " + HEADER + " header"))
                    .build());
        }
    }
}
