package org.vpsconnector.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What each controller does with each VPS it orders, in order: {@code provision,retrieve*3,configure,stop,start,unprovision}.
 * A step may repeat ({@code retrieve*10}); the first step is always the provision. A repeat is kept as
 * written, a leg and its count, so that a journey of a million retrieves is printed and reported as
 * {@code provision,retrieve*1000000}.
 */
record Journey(List<Leg> legs) {
    enum Step {
        PROVISION, RETRIEVE, CONFIGURE, STOP, START, UNPROVISION;

        String label() {
            return name().toLowerCase();
        }
    }

    /** One step, {@code times} in a row. */
    record Leg(Step step, int times) {
        @Override
        public String toString() {
            return times == 1 ? step.label() : step.label() + "*" + times;
        }
    }

    static Journey parse(String text) {
        List<Leg> legs = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] repeated = part.trim().split("\\*");
            Step step = Step.valueOf(repeated[0].trim().toUpperCase());
            int times = repeated.length > 1 ? Integer.parseInt(repeated[1].trim()) : 1;
            if (times < 1 || repeated.length > 2) {
                throw new IllegalArgumentException("not a step: " + part);
            }
            legs.add(new Leg(step, times));
        }
        long provisions = legs.stream().filter(leg -> leg.step() == Step.PROVISION).mapToLong(Leg::times).sum();
        if (legs.get(0).step() != Step.PROVISION || provisions != 1) {
            throw new IllegalArgumentException("a journey provisions first, and once: " + text);
        }
        return new Journey(List.copyOf(legs));
    }

    /** The steps in the order they are taken, each leg's repeated. */
    Iterable<Step> steps() {
        return () -> legs.stream().flatMap(leg -> Collections.nCopies(leg.times(), leg.step()).stream()).iterator();
    }

    @Override
    public String toString() {
        return legs.stream().map(Leg::toString).collect(Collectors.joining(","));
    }
}
