package dev.scratchnet.samples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.data.MnistData;
import dev.scratchnet.runtime.internal.Kernels;
import dev.scratchnet.runtime.internal.Peak;
import dev.scratchnet.runtime.train.Initializers;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingResult;
import dev.scratchnet.samples.EmbeddedMnist;
import dev.scratchnet.samples.SampleNetworks;
import dev.scratchnet.samples.bench.BenchNetworks;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: networks on the embedded MNIST, batch 100, learning rate 0.1, timed as the numpy peers
 * ({@code numpy_twolayer.py}, {@code bench/numpy_deep.py}) time themselves, so {@code bench/compare.sh} can print
 * ratios. Without shape flags it times the book's 784-50-10, ReLU and sigmoid, generated and through the DSL; with
 * {@code --hidden}, {@code --activation} and {@code --network} it times that one network.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Time training, the numerical gradient and inference of a network on MNIST (default: the book's 784-50-10,"
                    + " ReLU and sigmoid, generated and DSL).",
            "Training runs as the numpy peers': SGD only (--monitor none) and with the book's per-iteration loss and"
                    + " per-epoch train/test accuracy inside the timed loop (--monitor book); the final accuracies are"
                    + " measured after the clock stops."
        })
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--iterations", defaultValue = "10000", description = "Training iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--hidden", split = ",", paramLabel = "UNITS",
            description = "Hidden layers' units, e.g. 1000 or 100,50,30 (default: the book's suite).")
    @Nullable List<Integer> hidden;

    @Option(names = "--activation", split = ",", paramLabel = "FUNCTION",
            description = "Hidden activations: relu, sigmoid or tanh, one for all layers or one per layer (default: relu).")
    @Nullable List<Activation> activation;

    @Option(names = "--network", description = "generated or dsl (default: generated).")
    SampleNetworks.@Nullable Kind network;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--skip-book-loop", description = "Skip the runs with the book's per-epoch evaluation.")
    boolean skipBookLoop;

    @Option(names = "--json", description = "Print one JSON object with every figure on stdout, and nothing else.")
    boolean json;

    /** The hidden activations a benchmark shape may have. */
    enum Activation {
        RELU, SIGMOID, TANH
    }

    /** One network to time, and the suffix of its JSON keys. */
    private record Timing(SampleNetworks.Kind kind, BenchNetworks shape, String suffix) {
        Model model() {
            return kind == SampleNetworks.Kind.GENERATED ? shape.generated().orElseThrow() : shape.dsl();
        }

        String name() {
            return String.format(Locale.ROOT, "%-9s %s", kind.name().toLowerCase(Locale.ROOT), shape);
        }
    }

    @Override
    public void run() {
        Validation.atLeast(spec, "--iterations", iterations, 1);
        List<Timing> timings = timings();
        PrintStream human = json ? System.err : System.out;
        MnistData mnist = EmbeddedMnist.load();
        Dataset train = mnist.getTrain();
        Dataset test = mnist.getTest();
        JsonObject o = new JsonObject();
        o.addProperty("kernels", Kernels.implementation());
        o.addProperty("iterations", iterations);
        o.addProperty("batch_size", 100);
        o.addProperty("learning_rate", 0.1);
        o.addProperty("seed", seed);
        o.addProperty("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        o.addProperty("cores", Runtime.getRuntime().availableProcessors());
        if (hidden != null || activation != null || network != null) {
            o.addProperty("shape", timings.get(0).shape().toString());
            o.addProperty("network", timings.get(0).kind().name().toLowerCase(Locale.ROOT));
        }
        human.printf(Locale.ROOT, "kernels: %s, %d cores, %s%n", Kernels.implementation(),
                Runtime.getRuntime().availableProcessors(), o.get("java").getAsString());

        // Lets the JIT compile the training step (C2 compiles a method after thousands of calls) and the book loop's
        // loss and evaluation (an epoch and one more evaluation) before anything is timed. Twice over every network:
        // code shared by them (the trainer, the kernels, the batch draw) is compiled for the one it saw first, and
        // recompiled, running slower for a second or so, when another arrives; the second round compiles it for
        // all, as the timed runs need it.
        for (int round = 0; round < 2; round++) {
            for (Timing t : timings) {
                train(t.model(), train, test, Math.min(iterations, 2_000), false);
                if (!skipBookLoop) {
                    train(t.model(), train, test, Math.min(iterations, 601), true);
                }
            }
        }
        for (Timing t : timings) {
            Timed sgd = train(t.model(), train, test, iterations, false);
            o.addProperty("backprop_seconds" + t.suffix(), sgd.seconds);
            o.addProperty("backprop_iterations_per_second" + t.suffix(), iterations / sgd.seconds);
            o.addProperty("test_accuracy" + t.suffix(), sgd.testAccuracy);
            o.addProperty("train_accuracy" + t.suffix(), sgd.trainAccuracy);
            human.printf(Locale.ROOT, "%s SGD only:  %7.2f s  %7.0f it/s  test accuracy %.4f%n", t.name(), sgd.seconds,
                    iterations / sgd.seconds, sgd.testAccuracy);
            if (t.suffix().isEmpty()) {
                o.addProperty("gflops", t.shape().flopsPerIteration() * iterations / sgd.seconds / 1e9);
            }
            if (!skipBookLoop) {
                Timed book = train(t.model(), train, test, iterations, true);
                o.addProperty("backprop_book_loop_seconds" + t.suffix(), book.seconds);
                human.printf(Locale.ROOT, "%s book loop: %7.2f s  %7.0f it/s  test accuracy %.4f%n", t.name(),
                        book.seconds, iterations / book.seconds, book.testAccuracy);
            }
        }

        Model measured = timings.get(0).model();
        double numerical = numericalGradientSeconds(measured, train);
        o.addProperty("numerical_gradient_seconds", numerical);
        human.printf(Locale.ROOT, "%s numerical gradient, batch 100, all %,d parameters: %.3f s%n", timings.get(0).name(),
                measured.summary().getTotalParameters(), numerical);
        double imagesPerSecond = inferenceImagesPerSecond(measured, test);
        o.addProperty("inference_images_per_second", imagesPerSecond);
        human.printf(Locale.ROOT, "inference over the 10,000 test images: %.0f images/s%n", imagesPerSecond);

        double perCore = Peak.measureGflops();
        double peak = allCoresPeak();
        o.addProperty("peak_gflops_per_core", perCore);
        o.addProperty("peak_gflops", peak);
        human.printf(Locale.ROOT, "training loop %.2f GFLOP/s (dense-equivalent) against a measured peak of %.2f GFLOP/s"
                + " (%.2f on one core)%n", o.get("gflops").getAsDouble(), peak, perCore);
        if (json) {
            System.out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o));
        }
    }

    /** The networks to time: the one the flags name, or the book's suite with the keys' suffixes of old. */
    private List<Timing> timings() {
        if (hidden == null && activation == null && network == null) {
            List<Timing> suite = new ArrayList<>();
            for (SampleNetworks.Kind kind : SampleNetworks.Kind.values()) {
                for (ActivationFunction f : List.of(ActivationFunction.RELU, ActivationFunction.SIGMOID)) {
                    suite.add(new Timing(kind, BenchNetworks.book(f), (f == ActivationFunction.RELU ? "" : "_sigmoid")
                            + (kind == SampleNetworks.Kind.GENERATED ? "" : "_dsl")));
                }
            }
            return suite;
        }
        List<Integer> units = hidden == null ? List.of(50) : hidden;
        for (int u : units) {
            if (u < 1 || u > 100_000) {
                throw Validation.usage(spec, "--hidden units must be in [1, 100000], got " + units);
            }
        }
        List<Activation> given = activation == null ? List.of(Activation.RELU) : activation;
        if (given.size() != 1 && given.size() != units.size()) {
            throw Validation.usage(spec, "--activation takes one activation, or one per hidden layer (" + units.size()
                    + "), got " + given.size());
        }
        List<ActivationFunction> functions = new ArrayList<>();
        for (int k = 0; k < units.size(); k++) {
            functions.add(ActivationFunction.valueOf(given.get(given.size() == 1 ? 0 : k).name()));
        }
        BenchNetworks shape = new BenchNetworks(units, functions);
        SampleNetworks.Kind kind = network == null ? SampleNetworks.Kind.GENERATED : network;
        if (kind == SampleNetworks.Kind.GENERATED && shape.generated().isEmpty()) {
            throw Validation.usage(spec, "there is no generated model of " + shape + " (there are 784-50-10 relu and"
                    + " sigmoid, 784-1000-10 relu and 784-100-50-30-10 relu,tanh,sigmoid); use --network dsl");
        }
        return List.of(new Timing(kind, shape, ""));
    }

    /** The multiply-add peak measured on every core at once, summed. */
    private static double allCoresPeak() {
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try {
            List<Future<Double>> runs = new ArrayList<>();
            for (int c = 0; c < cores; c++) {
                runs.add(pool.submit(Peak::measureGflops));
            }
            double sum = 0;
            for (Future<Double> run : runs) {
                sum += run.get();
            }
            return sum;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the peak", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("measuring the peak failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private record Timed(double seconds, double trainAccuracy, double testAccuracy) {}

    /**
     * {@code count} iterations: SGD only (no loss recording, no evaluation) or the book's loop (the mini-batch loss
     * after every update, train and test accuracy every epoch). The clock covers the iterations alone
     * ({@link TrainingResult#getLoopSeconds}), as the peer's does: the final accuracies are measured after it stops.
     */
    private Timed train(Model model, Dataset train, Dataset test, int count, boolean bookLoop) {
        TrainingConfig config = TrainingConfig.builder()
                .iterations(count)
                .seed(seed)
                .recordLoss(bookLoop)
                .evaluateEvery(bookLoop ? TrainingConfig.EVERY_EPOCH : TrainingConfig.NEVER)
                .build();
        Initializers.initialize(model, InitMethod.BOOK, seed);
        TrainingResult result = new Trainer(model, config).train(train, test);
        double seconds = result.getLoopSeconds();
        if (bookLoop) {
            return new Timed(seconds, result.getTrainAccuracy(), result.getTestAccuracy());
        }
        return new Timed(seconds, train.accuracyOf(model), test.accuracyOf(model));
    }

    /**
     * Median of five full numerical gradients on the first 100 training images, after warm-up calls for at least three
     * seconds: training does not run the numerical gradient's code, so the JIT compiles it only now, which takes more
     * than one call of a numerical gradient that is over in a fraction of a second.
     */
    private double numericalGradientSeconds(Model model, Dataset train) {
        Initializers.initialize(model, InitMethod.BOOK, seed);
        Batch batch = train.slice(0, 100);
        Gradients g = model.newGradients();
        long warm = System.nanoTime() + 3_000_000_000L;
        do {
            model.numericalGradient(batch, g);
        } while (System.nanoTime() < warm);
        double[] seconds = new double[5];
        for (int i = 0; i < seconds.length; i++) {
            long start = System.nanoTime();
            model.numericalGradient(batch, g);
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[seconds.length / 2];
    }

    /** Best of five passes of predict over the 10,000 test images in chunks of 1,000, after one warm-up. */
    private double inferenceImagesPerSecond(Model model, Dataset test) {
        Initializers.initialize(model, InitMethod.BOOK, seed);
        int n = test.getSize();
        int chunk = 1000;
        double[] out = new double[chunk * model.getOutputs()];
        double[] rows = new double[chunk * model.getInputs()];
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < 6; pass++) {
            long start = System.nanoTime();
            for (int from = 0; from < n; from += chunk) {
                System.arraycopy(test.getX(), from * model.getInputs(), rows, 0, chunk * model.getInputs());
                model.predict(rows, chunk, out);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (pass > 0) {
                best = Math.min(best, seconds);
            }
        }
        return n / best;
    }
}
