package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.vpsconnector.adapters.apscontroller.ControllerServerTrust;
import org.vpsconnector.adapters.apscontroller.HttpsControllerClient;
import org.vpsconnector.application.callback.DispatchSettings;

/**
 * Resource updates sent to the controllers ({@code PUT {controller}aps/2/resources/{id}}) from the
 * outbox: how often, how patiently, and which controller certificates are trusted.
 */
public class CallbacksConfiguration {
    /** How often the outbox is looked at for due updates. */
    @NotNull
    @JsonProperty
    private Duration interval = Duration.seconds(1);

    /** Updates sent in one look at most. */
    @Min(1)
    @JsonProperty
    private int batch = 32;

    /** Updates sent at once: a controller that does not answer holds up only the threads on its updates. */
    @Min(1)
    @JsonProperty
    private int workers = 4;

    @NotNull
    @JsonProperty
    private Duration connectTimeout = Duration.seconds(5);

    /** How long one update may take, connection included; an update not answered by then is tried again. */
    @NotNull
    @JsonProperty
    private Duration requestTimeout = Duration.seconds(15);

    /** Retries while a controller is away or answers an error; once spent, the update is given up. */
    @Valid
    @NotNull
    @JsonProperty
    private BackoffConfiguration backoff = new BackoffConfiguration(Duration.seconds(2), Duration.minutes(5), 1000);

    /** How long delivered and given-up updates are kept before they are pruned. */
    @NotNull
    @JsonProperty
    private Duration keepFinished = Duration.days(7);

    /** The health check {@code controller-updates} fails when an update has been pending for longer. */
    @NotNull
    @JsonProperty
    private Duration maxPendingAge = Duration.minutes(15);

    /** Verify the controller's server certificate and host name. Public runtimes do not; turn off for labs only. */
    @JsonProperty
    private boolean verifyControllerCertificate = true;

    /** Trust the certificate authorities of the JVM (its cacerts) for controllers' certificates. */
    @JsonProperty
    private boolean trustSystemAuthorities = true;

    /** A PEM file of further certificates (authorities, or the controllers' own) to trust; none when empty. */
    @JsonProperty
    private String trustedCertificates;

    public HttpsControllerClient client(ControllerServerTrust trust) {
        return new HttpsControllerClient(trust, connectTimeout.toJavaDuration(), requestTimeout.toJavaDuration());
    }

    public ControllerServerTrust trust() {
        if (!verifyControllerCertificate) {
            return ControllerServerTrust.anyCertificate();
        }
        return ControllerServerTrust.verifying(trustSystemAuthorities,
                trustedCertificates == null || trustedCertificates.isBlank() ? null : Path.of(trustedCertificates));
    }

    /** The lease of an update outlasts its whole call, so a slow send is never overtaken by another replica. */
    public DispatchSettings toSettings(String nodeId) {
        java.time.Duration call = connectTimeout.toJavaDuration().plus(requestTimeout.toJavaDuration());
        return new DispatchSettings(interval.toJavaDuration(), backoff.toBackoff(), call.multipliedBy(2), batch, workers,
                keepFinished.toJavaDuration(), nodeId);
    }

    public java.time.Duration maxPendingAge() {
        return maxPendingAge.toJavaDuration();
    }
}
