package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** How the controller reaches the APS endpoint. */
public class ApsConfiguration {
    /**
     * Plain HTTP without client certificates lets anyone who reaches the port act as the
     * controller; it must be allowed explicitly, for a local or test installation.
     */
    @JsonProperty
    private boolean allowPlainHttp = false;

    @Valid
    @NotNull
    @JsonProperty
    private CertificatesConfiguration certificates = new CertificatesConfiguration();

    /** The largest request body read, after gzip is undone; larger ones are answered with 413. */
    @JsonProperty
    @MinDataSize(1)
    private DataSize maxBodySize = DataSize.kibibytes(256);

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public boolean isAllowPlainHttp() {
        return allowPlainHttp;
    }

    public CertificatesConfiguration getCertificates() {
        return certificates;
    }
}
