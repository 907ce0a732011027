package org.vpsconnector.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.DropwizardLayout;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vpsconnector.bootstrap.VpsConnectorConfiguration;

/** Every shipped configuration, and the defaults when none is given, prints the APS marks on every line. */
class LogFormatsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vps-connector.yml", "certificates.yml", "real-backends.yml", "production.yml", "(none)"})
    void everyAppenderPrintsTheTransactionAndTheInstance(String file) throws Exception {
        VpsConnectorConfiguration configuration = file.equals("(none)") ? new VpsConnectorConfiguration() : load(file);

        List<AbstractAppenderFactory<?>> appenders = appenders(((DefaultLoggingFactory) configuration.getLoggingFactory()).getAppenders());
        assertThat(appenders).isNotEmpty().allSatisfy(appender -> assertThat(appender.getLogFormat())
                .contains("txn=%X{" + MdcLogContext.TRANSACTION_ID).contains("instance=%X{" + MdcLogContext.INSTANCE_ID));
        LogbackAccessRequestLogFactory requestLog = (LogbackAccessRequestLogFactory)
                ((AbstractServerFactory) configuration.getServerFactory()).getRequestLogFactory();
        assertThat(appenders(requestLog.getAppenders())).isNotEmpty().allSatisfy(appender -> assertThat(appender.getLogFormat())
                .contains("txn=%reqAttribute{" + MdcLogContext.TRANSACTION_ID)
                .contains("instance=%reqAttribute{" + MdcLogContext.INSTANCE_ID));
    }

    @Test
    void aFormatOfTheOperatorsOwnWins(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("own-format.yml");
        Files.writeString(file, "database:\n  url: jdbc:h2:mem:own-format\nlogging:\n  appenders:\n    - type: console\n      logFormat: \"%m%n\"\n");
        VpsConnectorConfiguration configuration = load(file.toAbsolutePath().toString());

        assertThat(appenders(((DefaultLoggingFactory) configuration.getLoggingFactory()).getAppenders()))
                .singleElement().extracting(AbstractAppenderFactory::getLogFormat).isEqualTo("%m%n");
    }

    @Test
    void aLinePrintsItsMarksWithLabelsAndADashWhereItHasNone() {
        DropwizardLayout layout = new DropwizardLayout(new LoggerContext(), TimeZone.getTimeZone("UTC"));
        layout.setPattern(LogFormats.APPLICATION);
        layout.start();
        LoggingEvent marked = event(Map.of(MdcLogContext.TRANSACTION_ID, "t-1", MdcLogContext.INSTANCE_ID, "i-1"));
        LoggingEvent unmarked = event(Map.of());

        assertThat(layout.doLayout(marked)).contains("[txn=t-1 instance=i-1] org.vpsconnector.Example: provisioned");
        assertThat(layout.doLayout(unmarked)).contains("[txn=- instance=-] org.vpsconnector.Example: provisioned");
    }

    private static LoggingEvent event(Map<String, String> marks) {
        LoggingEvent event = new LoggingEvent();
        event.setLevel(Level.INFO);
        event.setLoggerName("org.vpsconnector.Example");
        event.setMessage("provisioned");
        event.setTimeStamp(0);
        event.setMDCPropertyMap(marks);
        return event;
    }

    private static List<AbstractAppenderFactory<?>> appenders(List<?> appenders) {
        return appenders.stream().<AbstractAppenderFactory<?>>map(appender -> (AbstractAppenderFactory<?>) appender).toList();
    }

    /** A shipped file by its name, or any file by its absolute path. */
    private static VpsConnectorConfiguration load(String file) throws Exception {
        YamlConfigurationFactory<VpsConnectorConfiguration> factory = new YamlConfigurationFactory<>(
                VpsConnectorConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        return factory.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                new EnvironmentVariableSubstitutor(false)), Path.of("..", "config").resolve(file).toString());
    }
}
