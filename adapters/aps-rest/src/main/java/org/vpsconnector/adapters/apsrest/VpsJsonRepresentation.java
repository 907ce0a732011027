package org.vpsconnector.adapters.apsrest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.vpsconnector.application.port.out.VpsRepresentation;
import org.vpsconnector.domain.Vps;

/**
 * A VPS as a retrieve serves it, for the updates sent to the controller: the same {@link VpsJson}
 * and the same mapper as the answers, so the controller reads one representation either way.
 */
public final class VpsJsonRepresentation implements VpsRepresentation {
    private final ObjectMapper mapper;

    /** {@code mapper}: the one the REST resources answer with (bootstrap passes Dropwizard's). */
    public VpsJsonRepresentation(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String render(Vps vps) {
        try {
            return mapper.writeValueAsString(VpsJson.of(vps));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a VPS could not be written as JSON", impossible);
        }
    }
}
