package org.vpsconnector.bootstrap.logging;

import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.LoggingFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import java.util.List;

/**
 * The formats of the service's log and request log: Dropwizard's own, with the APS transaction
 * and instance of each line ({@code txn=… instance=…}, {@code -} when a line has none). Every
 * appender a configuration declares without a {@code logFormat} gets them, so every shipped
 * configuration and the built-in defaults print the marks; a {@code logFormat} of its own wins.
 */
public final class LogFormats {
    /** The service's lines: Dropwizard's default with the marks {@link MdcLogContext} puts. */
    public static final String APPLICATION = "%-5p [%d{ISO8601,UTC}] [txn=%X{" + MdcLogContext.TRANSACTION_ID + ":--} instance=%X{"
            + MdcLogContext.INSTANCE_ID + ":--}] %c: %m%n%dwREx";
    /**
     * One line per HTTP request: Dropwizard's default with the marks the request filter set as
     * request attributes, already cleaned (the raw headers could carry anything).
     */
    public static final String REQUESTS = "%h %l %u [%t{dd/MMM/yyyy:HH:mm:ss Z,UTC}] \"%r\" %s %b \"%i{Referer}\" \"%i{User-Agent}\" %D"
            + " txn=%reqAttribute{" + MdcLogContext.TRANSACTION_ID + "} instance=%reqAttribute{" + MdcLogContext.INSTANCE_ID + "}";

    private LogFormats() {
    }

    public static LoggingFactory applyTo(LoggingFactory logging) {
        if (logging instanceof DefaultLoggingFactory configured) {
            applyTo(configured.getAppenders(), APPLICATION);
        }
        return logging;
    }

    public static ServerFactory applyTo(ServerFactory server) {
        if (server instanceof AbstractServerFactory configured
                && configured.getRequestLogFactory() instanceof LogbackAccessRequestLogFactory requestLog) {
            applyTo(requestLog.getAppenders(), REQUESTS);
        }
        return server;
    }

    private static void applyTo(List<? extends AppenderFactory<?>> appenders, String format) {
        for (AppenderFactory<?> appender : appenders) {
            if (appender instanceof AbstractAppenderFactory<?> formatted && formatted.getLogFormat() == null) {
                formatted.setLogFormat(format);
            }
        }
    }
}
