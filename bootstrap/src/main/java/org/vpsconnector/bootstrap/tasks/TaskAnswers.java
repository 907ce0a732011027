package org.vpsconnector.bootstrap.tasks;

import io.dropwizard.jetty.setup.ServletEnvironment;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;

/**
 * Lets a task answer with a status of its own. Dropwizard's task servlet answers 200, or 500 when
 * a task throws; a task runs on the thread of its request, so this filter keeps the response where
 * {@link OperatorTask} finds it to answer a refused request with 400, 404, 409 or 503.
 */
public final class TaskAnswers implements Filter {
    private static final ThreadLocal<HttpServletResponse> CURRENT = new ThreadLocal<>();

    /** Puts the filter in front of every task of the admin context. */
    public static void install(ServletEnvironment admin) {
        admin.addFilter("task-answers", new TaskAnswers())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/tasks/*");
    }

    /** Sets the status of the answer of the task running on this thread, if it runs behind this filter. */
    static void status(int status) {
        HttpServletResponse response = CURRENT.get();
        if (response != null && !response.isCommitted()) {
            response.setStatus(status);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CURRENT.set((HttpServletResponse) response);
        try {
            chain.doFilter(request, response);
        } finally {
            CURRENT.remove();
        }
    }
}
