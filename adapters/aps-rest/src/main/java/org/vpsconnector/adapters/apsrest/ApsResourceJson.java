package org.vpsconnector.adapters.apsrest;

import java.util.UUID;
import org.vpsconnector.domain.InvalidRequestException;

/** A resource body the controller sends; its {@code aps.id} is the key of everything we keep. */
interface ApsResourceJson {

    ApsMeta aps();

    /** The id of a resource the body introduces (a POST): it must be there. */
    default UUID id() {
        return ApsIds.parse(aps() == null ? null : aps().id(), "aps.id");
    }

    /** The id of the resource at {@code pathId} (a PUT): the body may repeat it, not contradict it. */
    default UUID idAt(UUID pathId) {
        if (aps() != null && aps().id() != null && !id().equals(pathId)) {
            throw new InvalidRequestException("aps.id " + aps().id() + " differs from the id in the address, " + pathId);
        }
        return pathId;
    }
}
