package org.vpsconnector.bootstrap.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the controller reaches the APS endpoint. */
public class ApsConfiguration {
    /**
     * Plain HTTP without client certificates lets anyone who reaches the port act as the
     * controller; it must be allowed explicitly, for a local or test installation.
     */
    @JsonProperty
    private boolean allowPlainHttp = false;

    public boolean isAllowPlainHttp() {
        return allowPlainHttp;
    }
}
