package org.vpsconnector.adapters.apsrest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.security.cert.X509Certificate;
import java.util.UUID;
import org.vpsconnector.application.port.in.InstallInstanceCommand;
import org.vpsconnector.domain.ApplicationInstance;
import org.vpsconnector.domain.Secret;

/**
 * The JSON of a {@code cloud/1.0} resource, the application instance. An install brings the
 * certificates in {@code aps.x509}; an answer never carries them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudJson(ApsMeta aps) implements ApsResourceJson {

    static final String TYPE = "http://aps-standard.org/samples/async1p/cloud/1.0";

    static CloudJson of(ApplicationInstance instance) {
        return new CloudJson(ApsMeta.of(instance.id(), TYPE, ApsMeta.READY, null));
    }

    /**
     * The request carries no application version: the use case knows which one it deploys.
     * {@code presented} is the client certificate the install came with, null for none.
     */
    InstallInstanceCommand toCommand(UUID instanceId, String controllerUri, X509Certificate presented) {
        ApsMeta.X509 x509 = aps == null || aps.x509() == null ? new ApsMeta.X509(null, null) : aps.x509();
        return new InstallInstanceCommand(instanceId, controllerUri, Secret.of(x509.self()), x509.controller(), presented);
    }
}
