package org.vpsconnector.adapters.apsrest;

/**
 * The answer to an operation or relation a type of the APS package does not declare: a 404,
 * never a silent success, so a controller learns at once that it called something we do not serve.
 */
final class Undeclared {
    private Undeclared() {
    }

    static String message(String type, String name) {
        return "the " + type + " type declares no operation or relation '" + name + "'";
    }
}
