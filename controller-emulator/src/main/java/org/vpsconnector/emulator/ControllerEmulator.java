package org.vpsconnector.emulator;

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
        return new CommandLine(new ControllerEmulator()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
