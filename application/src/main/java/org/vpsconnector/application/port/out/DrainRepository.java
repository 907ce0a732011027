package org.vpsconnector.application.port.out;

import java.util.List;
import java.util.Optional;

/** The drains in force, shared by every replica of the connector. */
public interface DrainRepository {

    Optional<Drain> find(String scope);

    /** Puts the drain in force; a scope drained already keeps its first reason and time. */
    void drain(Drain drain);

    /** Lifts the drain of the scope; says whether there was one. */
    boolean undrain(String scope);

    List<Drain> list();
}
