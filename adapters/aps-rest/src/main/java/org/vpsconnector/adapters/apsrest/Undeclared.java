package org.vpsconnector.adapters.apsrest;

import org.vpsconnector.application.NotFoundException;

/**
 * The answer to an operation or relation a type of the APS package does not declare: a 404,
 * never a silent success, so a controller learns at once that it called something we do not serve.
 */
final class Undeclared {
    private Undeclared() {
    }

    static NotFoundException name(String type, String name) {
        return new NotFoundException("the " + type + " type declares no operation or relation '" + name + "'");
    }
}
