package org.vpsconnector.bootstrap;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vpsconnector.adapters.apscontroller.ControllerServerTrust;
import org.vpsconnector.adapters.apsrest.ApsJson;
import org.vpsconnector.adapters.apsrest.ApsRestApi;
import org.vpsconnector.adapters.apsrest.VpsJsonRepresentation;
import org.vpsconnector.adapters.persistence.JdbiTransactions;
import org.vpsconnector.adapters.persistence.SchemaMigration;
import org.vpsconnector.adapters.persistence.SecretSealing;
import org.vpsconnector.application.callback.ControllerUpdateDispatcher;
import org.vpsconnector.application.callback.ControllerUpdates;
import org.vpsconnector.application.callback.PendingControllerUpdates;
import org.vpsconnector.application.driver.OperationDriver;
import org.vpsconnector.application.driver.OperationRunner;
import org.vpsconnector.application.port.out.BoundedBackend;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.service.BackendAcceptance;
import org.vpsconnector.application.service.Backends;
import org.vpsconnector.application.service.ContextService;
import org.vpsconnector.application.service.ControllerAuthentication;
import org.vpsconnector.application.service.ControllerTrust;
import org.vpsconnector.application.service.InstanceService;
import org.vpsconnector.application.service.OperationAdministration;
import org.vpsconnector.application.service.ProvisioningSettings;
import org.vpsconnector.application.service.Reconciler;
import org.vpsconnector.application.service.VpsRequests;
import org.vpsconnector.application.usage.UsageMeter;
import org.vpsconnector.bootstrap.admin.OperatorCredentials;
import org.vpsconnector.bootstrap.admin.OperatorCredentialsFilter;
import org.vpsconnector.bootstrap.config.CallbacksConfiguration;
import org.vpsconnector.bootstrap.config.CertificatesConfiguration;
import org.vpsconnector.bootstrap.config.DriverConfiguration;
import org.vpsconnector.bootstrap.health.BackendHealthCheck;
import org.vpsconnector.bootstrap.health.ControllerUpdatesHealthCheck;
import org.vpsconnector.bootstrap.health.OperationDriverHealthCheck;
import org.vpsconnector.bootstrap.tasks.ListControllerUpdatesTask;
import org.vpsconnector.bootstrap.logging.ApsRequestMarks;
import org.vpsconnector.bootstrap.logging.MdcLogContext;
import org.vpsconnector.bootstrap.tasks.ListOperationsTask;
import org.vpsconnector.bootstrap.tasks.ReconcileTask;
import org.vpsconnector.bootstrap.tasks.RetryOperationTask;

/** The service: the APS endpoint, the operation driver, and the operator's admin port. All wiring is here. */
public class VpsConnectorApplication extends Application<VpsConnectorConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(VpsConnectorApplication.class);

    public static void main(String[] args) throws Exception {
        new VpsConnectorApplication().run(args);
    }

    @Override
    public String getName() {
        return "vps-connector";
    }

    @Override
    public void initialize(Bootstrap<VpsConnectorConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(VpsConnectorConfiguration configuration, Environment environment) {
        PlainHttpGuard.check(configuration.getServerFactory(), configuration.getAps().isAllowPlainHttp());
        OperatorCredentialsFilter.protect(environment.admin(),
                OperatorCredentials.of(configuration.getAdmin(), configuration.getDataDirectory()), environment.getObjectMapper());
        ApsJson.configure(environment.getObjectMapper());
        ApsErrorPages.install(environment);
        Clock clock = Clock.systemUTC();
        MdcLogContext logContext = MdcLogContext.INSTANCE;
        environment.servlets().addFilter("aps-request-marks", new ApsRequestMarks(logContext))
                .addMappingForUrlPatterns(null, false, "/*");

        DurableCommits.require(configuration.getDatabase());
        ManagedDataSource dataSource = configuration.getDatabase().build(environment.metrics(), "database");
        SchemaMigration.migrate(dataSource);
        Jdbi jdbi = new JdbiFactory().build(environment, configuration.getDatabase(), dataSource, "database");
        CertificatesConfiguration certificates = configuration.getAps().getCertificates();
        JdbiTransactions transactions = new JdbiTransactions(jdbi, new SecretSealing(certificates.sealingKey()));
        int sealed = transactions.sealStoredSecrets();
        if (sealed > 0) {
            LOG.info("Sealed the private keys of {} application instance(s) an earlier version stored as text", sealed);
        }
        ControllerTrust trust = certificates.trust(configuration.getAps().isAllowPlainHttp());

        Backends backends = new Backends(
                BoundedBackend.containers(configuration.getBackends().getContainer().build(environment, clock),
                        configuration.getBackends().boundedCalls("container")),
                BoundedBackend.hypervisor(configuration.getBackends().getHypervisor().build(environment, clock),
                        configuration.getBackends().boundedCalls("hypervisor")));
        environment.healthChecks().register("containers", new BackendHealthCheck(backends.containers()));
        environment.healthChecks().register("hypervisor", new BackendHealthCheck(backends.hypervisor()));

        DriverConfiguration driverConfiguration = configuration.getDriver();
        ProvisioningSettings settings = configuration.getProvisioning().toSettings();
        String nodeId = nodeId();
        ControllerUpdates controllerUpdates = new ControllerUpdates(new VpsJsonRepresentation(environment.getObjectMapper()), clock);
        OperationRunner runner = OperationRunner.create(transactions, backends, clock, settings,
                driverConfiguration.leaseDuration(), controllerUpdates, logContext);
        OperationDriver driver = new OperationDriver(transactions, runner, clock, driverConfiguration.toSettings(nodeId));
        environment.lifecycle().manage(new OperationDriverLifecycle(driver));
        environment.healthChecks().register("operation-driver",
                new OperationDriverHealthCheck(driver, clock, driverConfiguration.maxLag()));

        VpsRequests vpses = new VpsRequests(transactions, runner, clock, settings, nodeId);
        BackendAcceptance acceptance = new BackendAcceptance(vpses, vpses, vpses, backends);
        ApsRestApi api = new ApsRestApi(new InstanceService(transactions, clock, connectorVersion(), trust), new ContextService(transactions, clock),
                acceptance, acceptance, vpses, vpses, vpses, vpses, vpses, new ControllerAuthentication(transactions, trust));
        api.limitBodiesTo(configuration.getAps().getMaxBodySize().toBytes());
        api.components().forEach(environment.jersey()::register);

        OperationAdministration operations = new OperationAdministration(transactions, clock);
        environment.admin().addTask(new ListOperationsTask(operations, environment.getObjectMapper()));
        environment.admin().addTask(new RetryOperationTask(operations, environment.getObjectMapper()));
        Reconciler reconciler = new Reconciler(transactions, backends, clock, controllerUpdates, logContext);
        environment.admin().addTask(new ReconcileTask(reconciler, environment.getObjectMapper()));
        environment.lifecycle().manage(new ReconcileSchedule(reconciler, driverConfiguration.reconcileInterval(), logContext));

        CallbacksConfiguration callbacks = configuration.getCallbacks();
        ControllerServerTrust controllerServers = callbacks.trust();
        if (!controllerServers.verifies()) {
            LOG.warn("callbacks.verifyControllerCertificate is off: updates go to any server that answers at a controller's address");
        }
        environment.lifecycle().manage(new ControllerUpdateDispatcherLifecycle(new ControllerUpdateDispatcher(transactions,
                callbacks.client(controllerServers), clock, callbacks.toSettings(nodeId), logContext)));
        PendingControllerUpdates pendingUpdates = new PendingControllerUpdates(transactions);
        environment.admin().addTask(new ListControllerUpdatesTask(pendingUpdates, environment.getObjectMapper()));
        environment.healthChecks().register("controller-updates",
                new ControllerUpdatesHealthCheck(pendingUpdates, clock, callbacks.maxPendingAge()));
        environment.lifecycle().manage(new UsageMeterLifecycle(
                new UsageMeter(transactions, backends, clock,
                        configuration.getUsage().toSettings(configuration.getBackends().callTimeout()), nodeId)));
    }

    /** The version the service jar was built as; "unknown" when run from classes. */
    private static String connectorVersion() {
        String version = VpsConnectorApplication.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    /** Names this process as a lease holder: unique per run, readable in the operations table. */
    private static String nodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            host = "unknown-host";
        }
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }
}
