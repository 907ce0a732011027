package org.vpsconnector.adapters.apsrest;

/** A call a test double received that could have changed something. */
record Call(String operation, Object argument) {
}
