package org.vpsconnector.emulator;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The command line: {@code scenario} plays one controller through a VPS's lifecycle, {@code load} many at once. */
@Command(name = "controller-emulator", mixinStandardHelpOptions = true,
        subcommands = {ScenarioCommand.class, LoadCommand.class, HelpCommand.class},
        description = "Plays the APS controller against an APS connector.")
public final class ControllerEmulator implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command and answers its exit code: 0 when every check passed, 1 when one failed, 2 for bad usage. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** As {@link #run(String...)}, printing to {@code out}. */
    public static int run(PrintWriter out, String... args) {
        return commandLine().setOut(out).setErr(out).execute(args);
    }

    /** A value the parser took but the command cannot use (a journey without its provision, say) is bad usage too. */
    private static CommandLine commandLine() {
        return new CommandLine(new ControllerEmulator()).setExecutionExceptionHandler((failure, command, parsed) -> {
            if (failure instanceof IllegalArgumentException) {
                command.getErr().println("controller-emulator: " + failure.getMessage());
                command.getErr().flush();
                return 2;
            }
            throw failure;
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
