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
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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
import org.vpsconnector.application.port.out.Drain;
import org.vpsconnector.application.port.out.LogContext;
import org.vpsconnector.application.port.out.Transactions;
import org.vpsconnector.application.service.BackendAcceptance;
import org.vpsconnector.application.fleet.Fleet;
import org.vpsconnector.application.fleet.HostConditions;
import org.vpsconnector.application.fleet.Placement;
import org.vpsconnector.application.service.ContextService;
import org.vpsconnector.application.service.ControllerAuthentication;
import org.vpsconnector.application.service.ControllerTrust;
import org.vpsconnector.application.service.InstanceService;
import org.vpsconnector.application.service.OperationAdministration;
import org.vpsconnector.application.driver.ProvisioningSettings;
import org.vpsconnector.adapters.console.ConsoleApi;
import org.vpsconnector.application.service.DrainAdministration;
import org.vpsconnector.application.service.FleetOverview;
import org.vpsconnector.application.service.VpsHistories;
import org.vpsconnector.application.service.VpsInventory;
import org.vpsconnector.bootstrap.console.OperatorConsole;
import org.vpsconnector.application.service.Reconciler;
import org.vpsconnector.application.service.VpsRequests;
import org.vpsconnector.application.usage.UsageMeter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.vpsconnector.application.telemetry.ConnectorStateReader;
import org.vpsconnector.bootstrap.metrics.ConnectorStateGauges;
import org.vpsconnector.bootstrap.metrics.MetricsServlet;
import org.vpsconnector.bootstrap.metrics.PrometheusTelemetry;
import org.vpsconnector.bootstrap.admin.OperatorCredentials;
import org.vpsconnector.bootstrap.admin.OperatorCredentialsFilter;
import org.vpsconnector.bootstrap.config.BackendsConfiguration;
import org.vpsconnector.bootstrap.config.CallbacksConfiguration;
import org.vpsconnector.bootstrap.config.CertificatesConfiguration;
import org.vpsconnector.bootstrap.config.DriverConfiguration;
import org.vpsconnector.bootstrap.health.FleetHealthCheck;
import org.vpsconnector.domain.Technology;
import org.vpsconnector.bootstrap.health.ControllerUpdatesHealthCheck;
import org.vpsconnector.bootstrap.health.OperationDriverHealthCheck;
import org.vpsconnector.bootstrap.tasks.ListControllerUpdatesTask;
import org.vpsconnector.bootstrap.logging.ApsRequestMarks;
import org.vpsconnector.bootstrap.logging.MdcLogContext;
import org.vpsconnector.bootstrap.tasks.CancelOperationTask;
import org.vpsconnector.bootstrap.tasks.ListOperationsTask;
import org.vpsconnector.bootstrap.tasks.DrainTask;
import org.vpsconnector.bootstrap.tasks.ReconcileTask;
import org.vpsconnector.bootstrap.tasks.UndrainTask;
import org.vpsconnector.bootstrap.tasks.RetryOperationTask;
import org.vpsconnector.bootstrap.tasks.ShowOperationTask;
import org.vpsconnector.bootstrap.tasks.TaskAnswers;

/** The service: the APS endpoint, the operation driver, and the operator's admin port. All wiring is here. */
public class VpsConnectorApplication extends Application<VpsConnectorConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(VpsConnectorApplication.class);
    /** However often /metrics is scraped, the database is counted at most once in this time. */
    private static final java.time.Duration STATE_MAX_AGE = java.time.Duration.ofSeconds(5);

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
        // The JVM's gauges (heap, threads, GC) on /metrics however the service is started: the command line
        // registers them, an embedding such as the test support does not.
        bootstrap.registerMetrics();
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

        BackendsConfiguration backendsConfiguration = configuration.getBackends();
        PrometheusRegistry prometheus = new PrometheusRegistry();
        JvmMetrics.builder().register(prometheus);
        PrometheusTelemetry telemetry = new PrometheusTelemetry(prometheus);
        Fleet fleet = backendsConfiguration.buildFleet(environment, clock, telemetry::backendCalls);
        telemetry.watch(fleet);
        HostConditions hosts = new HostConditions(fleet, clock, backendsConfiguration.fleetTechnologies());
        ConnectorStateGauges.register(new ConnectorStateReader(transactions, hosts, clock, STATE_MAX_AGE), prometheus);
        environment.admin().addServlet("metrics-negotiated", new MetricsServlet(prometheus, environment.metrics()))
                .addMapping("/metrics");
        environment.lifecycle().manage(new HostCheckSchedule(hosts, backendsConfiguration.hostCheckInterval()));
        Supplier<Set<String>> drainedScopes = () -> transactions.inTransaction(repositories ->
                repositories.drains().list().stream().map(Drain::scope).collect(Collectors.toSet()));
        environment.healthChecks().register("containers", new FleetHealthCheck(hosts, Technology.CONTAINER, drainedScopes));
        environment.healthChecks().register("hypervisor", new FleetHealthCheck(hosts, Technology.VIRTUAL_MACHINE, drainedScopes));

        DriverConfiguration driverConfiguration = configuration.getDriver();
        ProvisioningSettings settings = configuration.getProvisioning().toSettings();
        String nodeId = nodeId();
        ControllerUpdates controllerUpdates = new ControllerUpdates(new VpsJsonRepresentation(environment.getObjectMapper()), clock);
        OperationRunner runner = OperationRunner.create(transactions, hosts, clock, settings,
                driverConfiguration.leaseDuration(), controllerUpdates, logContext, telemetry);
        OperationDriver driver = new OperationDriver(transactions, runner, clock, driverConfiguration.toSettings(nodeId));
        environment.lifecycle().manage(new OperationDriverLifecycle(driver));
        environment.healthChecks().register("operation-driver",
                new OperationDriverHealthCheck(driver, clock, driverConfiguration.maxLag()));

        VpsRequests vpses = new VpsRequests(transactions, runner,
                new Placement(hosts, backendsConfiguration.spreadsSubscriptions()), clock, settings, nodeId);
        BackendAcceptance acceptance = new BackendAcceptance(vpses, vpses, vpses, fleet);
        ApsRestApi api = new ApsRestApi(new InstanceService(transactions, clock, connectorVersion(), trust), new ContextService(transactions, clock),
                acceptance, acceptance, vpses, vpses, vpses, vpses, vpses, new ControllerAuthentication(transactions, trust));
        api.limitBodiesTo(configuration.getAps().getMaxBodySize().toBytes());
        api.components().forEach(environment.jersey()::register);

        TaskAnswers.install(environment.admin());
        OperationAdministration operations = new OperationAdministration(transactions, runner, controllerUpdates, clock, nodeId);
        environment.admin().addTask(new ListOperationsTask(operations, environment.getObjectMapper()));
        environment.admin().addTask(new ListOperationsTask("list-operations", operations, environment.getObjectMapper()));
        environment.admin().addTask(new ShowOperationTask(operations, environment.getObjectMapper()));
        environment.admin().addTask(new RetryOperationTask(operations, environment.getObjectMapper()));
        DrainAdministration drains = new DrainAdministration(transactions, fleet, clock);
        environment.admin().addTask(new DrainTask(drains, environment.getObjectMapper()));
        environment.admin().addTask(new UndrainTask(drains, environment.getObjectMapper()));
        environment.admin().addTask(new CancelOperationTask(operations, environment.getObjectMapper()));
        Reconciler reconciler = new Reconciler(transactions, fleet, clock, controllerUpdates, logContext);
        environment.admin().addTask(new ReconcileTask(reconciler, environment.getObjectMapper()));
        environment.lifecycle().manage(new ReconcileSchedule(reconciler, driverConfiguration.reconcileInterval(), logContext));
        environment.lifecycle().manage(new RetentionSchedule(configuration.getRetention().retention(transactions, clock),
                configuration.getRetention().interval(), telemetry));

        CallbacksConfiguration callbacks = configuration.getCallbacks();
        ControllerServerTrust controllerServers = callbacks.trust();
        if (!controllerServers.verifies()) {
            LOG.warn("callbacks.verifyControllerCertificate is off: updates go to any server that answers at a controller's address");
        }
        environment.lifecycle().manage(new ControllerUpdateDispatcherLifecycle(new ControllerUpdateDispatcher(transactions,
                callbacks.client(controllerServers), clock, callbacks.toSettings(nodeId), logContext)));
        PendingControllerUpdates pendingUpdates = new PendingControllerUpdates(transactions);
        environment.admin().addTask(new ListControllerUpdatesTask(pendingUpdates, environment.getObjectMapper()));
        OperatorConsole.install(environment.admin(), new ConsoleApi(new VpsInventory(transactions, fleet),
                new VpsHistories(transactions, fleet), new FleetOverview(transactions, hosts), drains, operations, pendingUpdates),
                environment.getObjectMapper());
        environment.healthChecks().register("controller-updates",
                new ControllerUpdatesHealthCheck(pendingUpdates, clock, callbacks.maxPendingAge()));
        environment.lifecycle().manage(new UsageMeterLifecycle(
                new UsageMeter(transactions, fleet, clock,
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
