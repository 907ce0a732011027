package org.vpsconnector.application.port.out;

/**
 * Whether a backend takes new servers now, and what the customer of one must be told about it.
 *
 * @param refusal why no new server is made (null when they are)
 * @param caveat  what a server made now lacks of what was ordered (null when nothing)
 */
public record Acceptance(String refusal, String caveat) {
    public static final Acceptance UNRESERVED = new Acceptance(null, null);

    public static Acceptance refused(String refusal) {
        return new Acceptance(refusal, null);
    }

    public static Acceptance withCaveat(String caveat) {
        return new Acceptance(null, caveat);
    }

    public boolean refuses() {
        return refusal != null;
    }
}
