package dev.scratchnet.samples;

import dev.scratchnet.runtime.io.InsufficientMemoryException;
import dev.scratchnet.samples.cli.ActivationsCommand;
import dev.scratchnet.samples.cli.BenchCommand;
import dev.scratchnet.samples.cli.DescentCommand;
import dev.scratchnet.samples.cli.GatesCommand;
import dev.scratchnet.samples.cli.GradcheckCommand;
import dev.scratchnet.samples.cli.MnistCommand;
import dev.scratchnet.samples.cli.PredictCommand;
import dev.scratchnet.samples.cli.RegressionCommand;
import dev.scratchnet.samples.cli.SweepOnSpark;
import dev.scratchnet.samples.cli.TrainCommand;
import dev.scratchnet.samples.serve.ServeCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code scratchnet} command-line app: the book's networks, trained and inspected.
 *
 * <p>Exit codes: 0 success, 1 a run-time failure (bad file, diverged training …), 2 a usage error
 * (unknown flag, out-of-range value). Failures print one line naming the flag or file and the problem;
 * {@code --verbose} adds the stack trace.
 */
@Command(
        name = "scratchnet",
        mixinStandardHelpOptions = true,
        version = "scratchnet 0.1.0",
        description = "Neural networks from Deep Learning from Scratch, compiled from annotated Java classes.",
        subcommands = {MnistCommand.class, TrainCommand.class, PredictCommand.class, RegressionCommand.class, ServeCommand.class,
            SweepOnSpark.class, GradcheckCommand.class, BenchCommand.class, GatesCommand.class, DescentCommand.class,
            ActivationsCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of a failure.")
    boolean verbose;

    /**
     * What the app says on standard error, before the command runs, when the JVM was started without the Vector API
     * module: everything works, on the slower scalar kernels.
     */
    static final String SCALAR_KERNELS_NOTICE = "scratchnet: scalar kernels in use; for the faster vector kernels start"
            + " the app with the scratchnet script beside its jar, or add --add-modules jdk.incubator.vector to the java"
            + " command";

    public static void main(String[] args) {
        // jdk.incubator.vector is resolved only when the java command asks for it (a jar's manifest cannot), so a
        // plain java -jar runs the scalar kernels: say so once, and how to get the vector ones.
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            System.err.println(SCALAR_KERNELS_NOTICE);
        }
        System.exit(run(args));
    }

    /**
     * Runs the app and returns its exit code. An {@link OutOfMemoryError}, which picocli passes on as it does every
     * {@link Error}, becomes one line with how to give the JVM more memory and exit code 1, as any run-time failure.
     */
    public static int run(String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = commandLine();
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            CommandLine.ParseResult parsed = cli.getParseResult();
            String command = parsed != null && parsed.subcommand() != null ? " " + parsed.subcommand().commandSpec().name() : "";
            long max = Runtime.getRuntime().maxMemory();
            PrintWriter err = cli.getErr();
            err.println("scratchnet" + command + ": out of memory (" + e.getMessage() + "): this JVM may use "
                    + InsufficientMemoryException.size(max) + "; give it more with java " + InsufficientMemoryException.largerHeap(max)
                    + " or more, or ask for less (a smaller network, batch or dataset)");
            if (cli.<Main>getCommand().verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        }
    }

    /** The configured command line, for tests that capture its output. */
    public static CommandLine commandLine() {
        Main main = new Main();
        CommandLine cli = new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            PrintWriter err = command.getErr();
            err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return command.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("scratchnet " + commandLine.getCommandName() + ": " + describe(e));
            if (main.verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            err.flush();
            return 1;
        });
        return cli;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: choose one of " + spec.subcommands().keySet());
    }
}
