package org.vpsconnector.bootstrap.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * {@code GET /metrics} of the admin port, by content negotiation: Prometheus' text format
 * ({@code text/plain; version=0.0.4}) for {@code ?format=prometheus} or an {@code Accept} of
 * {@code text/plain}, OpenMetrics for an {@code Accept} of {@code application/openmetrics-text}
 * (what a Prometheus server sends first), and otherwise Dropwizard's JSON as before
 * ({@code ?format=json} forces it).
 */
public final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient PrometheusRegistry registry;
    private final transient io.dropwizard.metrics.servlets.MetricsServlet json;
    private final transient PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
    private final transient OpenMetricsTextFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();

    public MetricsServlet(PrometheusRegistry registry, MetricRegistry dropwizardMetrics) {
        this.registry = registry;
        this.json = new io.dropwizard.metrics.servlets.MetricsServlet(dropwizardMetrics);
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        json.init(config);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        ExpositionFormatWriter writer = prometheusWriter(request);
        if (writer == null) {
            json.service(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(writer.getContentType());
        response.setHeader("Cache-Control", "must-revalidate,no-cache,no-store");
        try (OutputStream body = response.getOutputStream()) {
            writer.write(body, registry.scrape());
        }
    }

    /** The Prometheus writer the request asks for; null for JSON. */
    ExpositionFormatWriter prometheusWriter(HttpServletRequest request) {
        String format = request.getParameter("format");
        if ("json".equalsIgnoreCase(format)) {
            return null;
        }
        String accept = request.getHeader("Accept") == null ? "" : request.getHeader("Accept").toLowerCase(Locale.ROOT);
        if (accept.contains("application/openmetrics-text")) {
            return openMetrics;
        }
        if ("prometheus".equalsIgnoreCase(format) || accept.contains("text/plain")) {
            return text;
        }
        return null;
    }
}
