package dev.scratchnet.samples.cli;

import com.google.gson.JsonObject;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.train.Initializers;
import dev.scratchnet.samples.EmbeddedMnist;
import dev.scratchnet.samples.SampleNetworks;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradcheck}: the book's gradient check ({@code ch05/gradient_check.py}): backpropagation against the
 * numerical gradient on the first training samples of MNIST, per parameter.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Compare backprop with the numerical gradient on MNIST samples (book ch. 5, gradient_check.py).")
public final class GradcheckCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--samples", defaultValue = "3", description = "Training samples in the batch (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--activation", defaultValue = "relu",
            description = "Hidden activation: relu or sigmoid (default: ${DEFAULT-VALUE}).")
    SampleNetworks.Hidden activation;

    @Option(names = "--network", defaultValue = "generated",
            description = "Network: generated or dsl (default: ${DEFAULT-VALUE}).")
    SampleNetworks.Kind network;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the book's 0.01·N(0,1) weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object {\"W1\": max abs difference, …} on stdout.")
    boolean json;

    @Override
    public void run() {
        Validation.atLeast(spec, "--samples", samples, 1);
        Dataset train = EmbeddedMnist.load().getTrain();
        if (samples > train.getSize()) {
            throw Validation.usage(spec, "--samples must be at most " + train.getSize() + ", got " + samples);
        }
        Model model = SampleNetworks.twoLayerNet(network, activation, SampleNetworks.GENERATED_HIDDEN);
        Initializers.initialize(model, InitMethod.BOOK, seed);
        Batch batch = train.slice(0, samples);
        Gradients backprop = model.newGradients();
        model.gradient(batch, backprop);
        Gradients numerical = model.newGradients();
        model.numericalGradient(batch, numerical);

        JsonObject result = new JsonObject();
        for (String name : backprop.getNames()) {
            double diff = backprop.maxAbsDifference(numerical, name);
            result.addProperty(name, diff);
            if (!json) {
                System.out.printf(Locale.ROOT, "%-3s max |backprop - numerical| = %.3e%n", name, diff);
            }
        }
        if (json) {
            System.out.println(result);
        }
    }
}
