package org.vpsconnector.adapters.apsrest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * The {@code aps} object of every resource body (protocol §2). We read revision and modified
 * nowhere, so they are ignored; {@code x509} only comes with an instance install.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApsMeta(String id, String type, String status, String subscription, X509 x509) {

    static final String READY = "aps:ready";

    /** {@code self} carries the instance's private key: it is never printed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record X509(String self, String controller) {
        @Override
        public String toString() {
            return "X509[self=" + (self == null ? null : "(hidden)") + ", controller=" + controller + "]";
        }
    }

    /** The meta object of a representation we answer with: it never carries certificates. */
    static ApsMeta of(UUID id, String type, String status, UUID subscription) {
        return new ApsMeta(id.toString(), type, status, subscription == null ? null : subscription.toString(), null);
    }
}
