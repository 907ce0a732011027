package org.vpsconnector.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * What each controller does with each VPS it orders, in order: {@code provision,retrieve*3,configure,stop,start,unprovision}.
 * A step may repeat ({@code retrieve*10}); the first step is always the provision.
 */
record Journey(List<Step> steps) {
    enum Step {
        PROVISION, RETRIEVE, CONFIGURE, STOP, START, UNPROVISION;

        String label() {
            return name().toLowerCase();
        }
    }

    static Journey parse(String text) {
        List<Step> steps = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] repeated = part.trim().split("\\*");
            Step step = Step.valueOf(repeated[0].trim().toUpperCase());
            int times = repeated.length > 1 ? Integer.parseInt(repeated[1].trim()) : 1;
            if (times < 1 || repeated.length > 2) {
                throw new IllegalArgumentException("not a step: " + part);
            }
            for (int i = 0; i < times; i++) {
                steps.add(step);
            }
        }
        if (steps.isEmpty() || steps.get(0) != Step.PROVISION || steps.lastIndexOf(Step.PROVISION) != 0) {
            throw new IllegalArgumentException("a journey provisions first, and once: " + text);
        }
        return new Journey(List.copyOf(steps));
    }

    @Override
    public String toString() {
        return String.join(",", steps.stream().map(Step::label).toList());
    }
}
