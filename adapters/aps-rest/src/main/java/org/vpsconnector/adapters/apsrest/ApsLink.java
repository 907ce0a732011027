package org.vpsconnector.adapters.apsrest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** A link to another APS resource: {@code {"aps": {"link": "strong", "id": "<uuid>"}}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApsLink(Target aps) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(String link, String id) {
    }

    static ApsLink strong(UUID id) {
        return id == null ? null : new ApsLink(new Target("strong", id.toString()));
    }

    /** The linked id; {@code relation} names the property in error messages. */
    UUID id(String relation) {
        return ApsIds.parse(aps == null ? null : aps.id(), relation + ".aps.id");
    }

    static UUID idOf(ApsLink link, String relation) {
        return link == null ? null : link.id(relation);
    }
}
