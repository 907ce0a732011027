package org.vpsconnector.bootstrap.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jetty.setup.ServletEnvironment;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Closes the whole admin port to anyone without the operator's HTTP Basic credentials: every task,
 * the metrics, and whatever is added there later. Only the health check and ping stay open, for
 * load balancers and monitoring.
 *
 * <p>A browser that holds the credentials (an operator who used the console) would send them with
 * a request another site's page makes, so a change (any method but GET and HEAD) that a browser
 * marks as coming from another site, or whose {@code Origin} is not the admin port's own, is refused.
 */
public final class OperatorCredentialsFilter implements Filter {
    private static final Set<String> OPEN_PATHS = Set.of("/healthcheck", "/ping");
    private static final String CHALLENGE = "Basic realm=\"vps-connector admin\", charset=\"UTF-8\"";
    private static final String BASIC = "basic ";

    private final OperatorCredentials operator;
    private final ObjectMapper json;

    private OperatorCredentialsFilter(OperatorCredentials operator, ObjectMapper json) {
        this.operator = operator;
        this.json = json;
    }

    /** Puts the filter in front of every path of the admin context. */
    public static void protect(ServletEnvironment admin, OperatorCredentials operator, ObjectMapper json) {
        admin.addFilter("operator-credentials", new OperatorCredentialsFilter(operator, json))
                .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        if (fromAnotherSite(http)) {
            answer.setContentType("application/json;charset=UTF-8");
            answer.setStatus(HttpServletResponse.SC_FORBIDDEN);
            json.writeValue(answer.getOutputStream(), Map.of("code", HttpServletResponse.SC_FORBIDDEN,
                    "message", "a change on the admin port must not come from another site's page"));
            return;
        }
        if (OPEN_PATHS.contains(pathOf(http)) || presentsTheOperatorsCredentials(http.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        answer.setHeader("WWW-Authenticate", CHALLENGE);
        answer.setContentType("application/json;charset=UTF-8");
        answer.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        json.writeValue(answer.getOutputStream(), Map.of("code", HttpServletResponse.SC_UNAUTHORIZED,
                "message", "the admin port needs the operator's credentials (HTTP Basic)"));
    }

    private static boolean fromAnotherSite(HttpServletRequest request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || request.getDispatcherType() != DispatcherType.REQUEST) {
            return false;
        }
        // Browsers say where a request comes from; an older one only sends Origin, compared with this port.
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return !site.equals("same-origin") && !site.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            URI from = URI.create(origin);
            return !(request.getScheme().equalsIgnoreCase(from.getScheme()) && request.getServerName().equalsIgnoreCase(from.getHost())
                    && request.getServerPort() == (from.getPort() == -1 ? ("https".equalsIgnoreCase(from.getScheme()) ? 443 : 80) : from.getPort()));
        } catch (IllegalArgumentException unreadable) {
            return true;
        }
    }

    /** The decoded, normalised path within the admin context, as the servlets see it. */
    private static String pathOf(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }

    private boolean presentsTheOperatorsCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return false;
        }
        String userAndPassword;
        try {
            userAndPassword = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = userAndPassword.indexOf(':');
        return colon >= 0 && operator.match(userAndPassword.substring(0, colon), userAndPassword.substring(colon + 1));
    }
}
