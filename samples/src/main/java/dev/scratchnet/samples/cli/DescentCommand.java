package dev.scratchnet.samples.cli;

import dev.scratchnet.runtime.GradientDescent;
import dev.scratchnet.samples.plot.Plots;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent}: the book's gradient descent on {@code f(x0, x1) = x0² + x1²} (ch. 4, gradient_method.py). */
@Command(name = "descent", mixinStandardHelpOptions = true,
        description = "Gradient descent on f(x0, x1) = x0² + x1² from (-3, 4) with numerical gradients (book ch. 4).")
public final class DescentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--learning-rate", defaultValue = "0.1", description = "Step size (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--steps", defaultValue = "100", description = "Number of steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the path from (-3, 4) towards the minimum as a PNG (book figure 4-10).")
    @Nullable Path plot;

    @Override
    public void run() {
        Validation.positive(spec, "--learning-rate", learningRate);
        Validation.atLeast(spec, "--steps", steps, 1);
        if (plot != null) {
            FileFlags.checkOutput("--plot", plot);
        }
        GradientDescent.Result result = GradientDescent.descend(
                x -> x[0] * x[0] + x[1] * x[1], new double[] {-3.0, 4.0}, learningRate, steps);
        double[] end = result.getPoint();
        System.out.printf("start (-3, 4), learning rate %s, %d steps%n", learningRate, steps);
        System.out.printf("end   (%.10g, %.10g)%n", end[0], end[1]);
        System.out.printf("f(end) = %.10g%n", end[0] * end[0] + end[1] * end[1]);
        if (plot != null) {
            List<double[]> path = result.getPath();
            Plots.descentPath(path, plot);
            System.out.println("path plotted to " + plot);
        }
    }
}
