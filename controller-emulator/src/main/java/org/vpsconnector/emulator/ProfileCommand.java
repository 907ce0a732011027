package org.vpsconnector.emulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reads a flight recording of the connector under load ({@code java -XX:StartFlightRecording=...})
 * and prints where its CPU samples fall: the methods that were running, and the methods on the
 * stack, each with its share of the samples.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Prints the hot methods of a flight recording (jdk.ExecutionSample).")
final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "the recording (.jfr)")
    Path recording;

    @Option(names = "--top", defaultValue = "25", description = "methods listed per table (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--focus", description = "the on-stack table lists only methods whose class name starts with this")
    String focus;

    @Override
    public Integer call() throws IOException {
        SampledStacks stacks = new SampledStacks();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                var event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                    stacks.add(event.getStackTrace());
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        stacks.print(out, top, focus == null ? "" : focus);
        out.flush();
        return stacks.samples() == 0 ? 1 : 0;
    }
}
