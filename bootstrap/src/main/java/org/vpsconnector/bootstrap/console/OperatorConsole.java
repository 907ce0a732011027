package org.vpsconnector.bootstrap.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jersey.jackson.JacksonFeature;
import io.dropwizard.jetty.setup.ServletEnvironment;
import io.dropwizard.servlets.assets.AssetServlet;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.vpsconnector.adapters.console.ConsoleApi;
import org.vpsconnector.adapters.console.ConsoleErrors;
import org.vpsconnector.adapters.console.CrossSiteGuard;

/**
 * Puts the operator console on the admin port: the page at the root ({@code /}, in place of
 * Dropwizard's menu), its script and style under {@code /console/}, and the JSON it reads and acts
 * through under {@code /console/api/}. The operator's credentials guard all of it, as everything
 * on the admin port but the health check and ping.
 */
public final class OperatorConsole {
    private static final String ASSETS = "/org/vpsconnector/adapters/console/assets";

    private OperatorConsole() {
    }

    public static void install(ServletEnvironment admin, ConsoleApi api, ObjectMapper json) {
        ResourceConfig resources = new ResourceConfig()
                // No WADL, as on the APS port: it would describe the API, and it needs JAXB, which the service does not carry.
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                // Times as ISO-8601 text, which the page's Date reads as it is.
                .register(new JacksonFeature(json.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)))
                .register(new ConsoleErrors())
                .register(new CrossSiteGuard())
                // The resource by its class, its one instance bound to it: Jersey takes a bound instance for a
                // resource class, and warns at every start about a resource registered as an instance.
                .register(ConsoleApi.class)
                .register(new AbstractBinder() {
                    @Override
                    protected void configure() {
                        bind(api).to(ConsoleApi.class);
                    }
                });
        admin.addServlet("console-api", new ServletContainer(resources)).addMapping("/console/api/*");
        admin.addServlet("console-assets", new AssetServlet(ASSETS, "/console", "index.html", StandardCharsets.UTF_8))
                .addMapping("/console/*");
        // The empty pattern is the context root exactly: only "/" gets the page, every other path its own servlet.
        admin.addServlet("console-page", new ConsolePage("/console/index.html")).addMapping("");
        admin.addFilter("console-headers", new ConsoleHeaders())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/", "/console/*");
    }
}
