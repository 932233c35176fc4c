package dev.scratchnet.samples.cli;

import dev.scratchnet.runtime.Functions;
import dev.scratchnet.samples.plot.Plots;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code activations}: the step, sigmoid and ReLU functions of chapter 3, printed and plotted. */
@Command(name = "activations", mixinStandardHelpOptions = true,
        description = "Print step, sigmoid and ReLU on [-5, 5]; --plot draws the book's figures (ch. 3).")
public final class ActivationsCommand implements Runnable {
    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write step, sigmoid and ReLU on [-5, 5] as a PNG.")
    @Nullable Path plot;

    @Override
    public void run() {
        if (plot != null) {
            FileFlags.checkOutput("--plot", plot);
        }
        System.out.println("     x   step  sigmoid   relu");
        for (double x = -5.0; x <= 5.0; x += 1.0) {
            System.out.printf("%6.1f %6.1f %8.5f %6.1f%n", x, Functions.step(x), Functions.sigmoid(x), Functions.relu(x));
        }
        if (plot != null) {
            Plots.activations(plot);
            System.out.println("plotted to " + plot);
        }
    }
}
