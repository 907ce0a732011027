package org.vpsconnector.emulator;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/** CPU samples counted per method: where a sample ran (self) and every method on its stack, each once (total). */
final class SampledStacks {
    private final Map<String, Integer> self = new HashMap<>();
    private final Map<String, Integer> total = new HashMap<>();
    private int samples;

    void add(RecordedStackTrace stack) {
        if (stack.getFrames().isEmpty()) {
            return;
        }
        samples++;
        self.merge(methodOf(stack.getFrames().get(0)), 1, Integer::sum);
        Set<String> onStack = new HashSet<>();
        for (RecordedFrame frame : stack.getFrames()) {
            if (onStack.add(methodOf(frame))) {
                total.merge(methodOf(frame), 1, Integer::sum);
            }
        }
    }

    int samples() {
        return samples;
    }

    void print(PrintWriter out, int top, String focus) {
        out.printf("%d CPU samples%n%n", samples);
        table(out, "running (self)", self, top, "");
        table(out, "on the stack (total)" + (focus.isEmpty() ? "" : ", " + focus + "*"), total, top, focus);
    }

    private void table(PrintWriter out, String title, Map<String, Integer> counts, int top, String focus) {
        out.printf("%s%n", title);
        counts.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(focus))
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .forEach(entry -> out.printf("%6.1f %%  %s%n", 100.0 * entry.getValue() / samples, entry.getKey()));
        out.println();
    }

    private static String methodOf(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
