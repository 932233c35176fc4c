package dev.scratchnet.samples;

import dev.scratchnet.samples.cli.GatesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scratchnet} command-line app: the book's networks, trained and inspected. */
@Command(
        name = "scratchnet",
        mixinStandardHelpOptions = true,
        version = "scratchnet 0.1.0",
        description = "Neural networks from Deep Learning from Scratch, compiled from annotated Java classes.",
        subcommands = {GatesCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the app and returns its exit code: 0 on success, 2 for a usage error, 1 for a runtime error. */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: choose one of " + spec.subcommands().keySet());
    }
}
