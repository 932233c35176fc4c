package dev.scratchnet.samples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.data.Mnist;
import dev.scratchnet.runtime.data.MnistData;
import dev.scratchnet.runtime.eval.ClassificationEvaluation;
import dev.scratchnet.runtime.io.Checkpoints;
import dev.scratchnet.runtime.io.Safetensors;
import dev.scratchnet.runtime.train.GradientMode;
import dev.scratchnet.runtime.train.Initializers;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingDivergedException;
import dev.scratchnet.runtime.train.TrainingResult;
import dev.scratchnet.samples.EmbeddedMnist;
import dev.scratchnet.samples.SampleNetworks;
import dev.scratchnet.samples.plot.Plots;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mnist}: trains the book's two-layer network on MNIST (ch. 4–6, {@code train_neuralnet.py}) with the
 * book's defaults: batch 100, learning rate 0.1, 10,000 iterations of SGD, accuracy evaluated once per epoch.
 */
@Command(name = "mnist", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train the book's two-layer network (784-50-10) on MNIST, embedded in the app.",
            "Defaults are the book's: batch 100, learning rate 0.1, 10,000 iterations of SGD, evaluation every epoch."
        })
public final class MnistCommand implements Callable<Integer> {
    /** The exit code of a run stopped by Ctrl-C, as a shell reports a process ended by SIGINT (128 + 2). */
    static final int INTERRUPTED = 130;
    /** The longest array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int INPUTS = 784;
    /** Metadata keys, named after the flags whose values they record. */
    private static final String ACTIVATION = "activation";
    private static final String HIDDEN = "hidden";
    private static final String OPTIMIZER = "optimizer";

    @Spec
    CommandSpec spec;

    static final class Length {
        @Option(names = "--iterations", description = "Training iterations (default: 10000).")
        @Nullable Integer iterations;

        @Option(names = "--epochs", description = "Training epochs of max(train size / batch size, 1) iterations each.")
        @Nullable Integer epochs;
    }

    @ArgGroup(exclusive = true)
    Length length = new Length();

    @Option(names = "--batch-size", defaultValue = "100", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--hidden", defaultValue = "50",
            description = "Hidden units (default: ${DEFAULT-VALUE}; other widths need --network dsl).")
    int hidden;

    @Option(names = "--activation", defaultValue = "relu",
            description = "Hidden activation: relu or sigmoid (default: ${DEFAULT-VALUE}; sigmoid is the ch. 4 net).")
    SampleNetworks.Hidden activation;

    @Option(names = "--optimizer", defaultValue = "sgd",
            description = "Optimizer: sgd, momentum, adagrad or adam (default: ${DEFAULT-VALUE}).")
    OptimizerType optimizer;

    @Option(names = "--init", defaultValue = "book",
            description = "Weight initialisation: book, xavier or he (default: ${DEFAULT-VALUE}, 0.01·N(0,1)).")
    InitMethod init;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay λ (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--gradient", defaultValue = "backprop",
            description = "Gradient: backprop or numerical (default: ${DEFAULT-VALUE}).")
    GradientMode gradient;

    @Option(names = "--network", defaultValue = "generated",
            description = "Network: generated or dsl (default: ${DEFAULT-VALUE}: the annotation-processed TwoLayerNet).")
    SampleNetworks.Kind network;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed for weights and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory of IDX files (train-images-idx3-ubyte[.gz] …), e.g. Fashion-MNIST; default: the embedded MNIST.")
    @Nullable Path data;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write accuracy per epoch and the loss curve.")
    @Nullable Path plot;

    @Option(names = "--misclassified", paramLabel = "FILE.png", description = "Write a grid of misclassified test digits.")
    @Nullable Path misclassified;

    @Option(names = "--confusion", paramLabel = "FILE.png", description = "Draw the test set's confusion matrix as a heat map.")
    @Nullable Path confusion;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained weights (safetensors, F64).")
    @Nullable Path save;

    @Option(names = "--load", paramLabel = "FILE", description = "Start from weights saved with --save.")
    @Nullable Path load;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "With --save: also save a resumable checkpoint to FILE every N iterations (and on Ctrl-C).")
    @Nullable Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run saved in checkpoint FILE (same flags and seed give the same final weights).")
    @Nullable Path resume;

    @Option(names = "--json", description = "Print one JSON object with the results on stdout, and nothing else.")
    boolean json;

    @Override
    public Integer call() {
        int iterationsFlag = length.iterations == null ? 10_000 : length.iterations;
        validateFlags(iterationsFlag);
        checkFiles();

        Model model;
        try {
            model = SampleNetworks.twoLayerNet(network, activation, hidden);
        } catch (IllegalArgumentException e) {
            throw Validation.usage(spec, e.getMessage());
        }
        Initializers.initialize(model, init, seed);
        if (load != null) {
            Checkpoints.loadWeights(load, model.getParameters());
        }
        PrintStream human = json ? System.err : System.out;
        MnistData mnist = data == null ? EmbeddedMnist.load() : Mnist.fromDirectory(data).load();
        Dataset train = mnist.getTrain();
        Dataset test = mnist.getTest();
        if (batchSize > train.getSize()) {
            throw Validation.usage(spec, "--batch-size must be in [1, " + train.getSize() + "] (the training set has "
                    + train.getSize() + " rows), got " + batchSize);
        }
        int iterations = iterationsFlag;
        if (length.epochs != null) {
            int perEpoch = Trainer.iterationsPerEpoch(train.getSize(), batchSize);
            Validation.atMost(spec, "--epochs", length.epochs, Integer.MAX_VALUE / perEpoch, "(with --batch-size " + batchSize
                    + ", an epoch is " + perEpoch + " iterations, and a run at most " + Integer.MAX_VALUE + ")");
            iterations = length.epochs * perEpoch;
        }
        TrainingConfig config = TrainingConfig.builder()
                .iterations(iterations)
                .batchSize(batchSize)
                .learningRate(learningRate)
                .optimizer(optimizer)
                .gradientMode(gradient)
                .weightDecay(weightDecay)
                .seed(seed)
                .build();
        Trainer trainer = new Trainer(model, config);
        if (resume != null) {
            Checkpoints.resume(resume, trainer);
            if (trainer.getIteration() >= iterations) {
                throw Validation.usage(spec, (length.epochs != null ? "--epochs " + length.epochs + " (" + iterations + " iterations)"
                        : "--iterations " + iterations) + ": the checkpoint " + resume + " has done " + trainer.getIteration()
                        + " already; give more to continue it");
            }
            human.printf(Locale.ROOT, "resuming %s at iteration %d%n", resume, trainer.getIteration());
        }
        int first = trainer.getIteration();

        human.println(model.summary());
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("network", describe(model));
        metadata.put(ACTIVATION, flagValue(activation));
        metadata.put(HIDDEN, Integer.toString(hidden));
        metadata.put(OPTIMIZER, flagValue(optimizer));
        metadata.put("iterations", Integer.toString(iterations));
        metadata.put("seed", Long.toString(seed));
        if (checkpointEvery != null) {
            trainer.addListener(e -> {
                if ((e.getIteration() + 1) % checkpointEvery == 0 && e.getIteration() + 1 < e.getIterations()) {
                    Checkpoints.save(save, trainer, metadata);
                }
            });
        }
        TrainingResult result;
        Interruption interruption = save == null ? Interruption.NONE : Interruption.onCtrlC(trainer, save, System.err);
        try (interruption; TrainingProgress progress = TrainingProgress.create(human, first, iterations, !json)) {
            // Printed once Ctrl-C is handled, so that whoever sees it may press Ctrl-C and get a checkpoint.
            human.printf(Locale.ROOT, "%s on %s: %d iterations, batch %d, %s lr %s, %s gradient, seed %d%n",
                    describe(model), data == null ? "embedded MNIST" : data, iterations, batchSize, flagValue(optimizer),
                    learningRate, flagValue(gradient), seed);
            trainer.addListener(progress);
            result = train(trainer, train, test);
            if (trainer.isStopRequested()) {
                Checkpoints.save(save, trainer, metadata);
                System.err.printf(Locale.ROOT, "%ninterrupted at iteration %d: checkpoint saved to %s; continue with --resume %s%n",
                        trainer.getIteration(), save, save);
                return INTERRUPTED;
            }
        }
        double seconds = result.getWallSeconds();
        double iterationsPerSecond = (trainer.getIteration() - first) / seconds;
        double[] losses = result.getHistory().getLosses();
        double finalLoss = losses.length == 0 ? Double.NaN : losses[losses.length - 1];
        human.printf(Locale.ROOT, "train accuracy %.4f, test accuracy %.4f, final loss %.4f, %.1f s, %.0f iterations/s%n",
                result.getTrainAccuracy(), result.getTestAccuracy(), finalLoss, seconds, iterationsPerSecond);

        ClassificationEvaluation evaluation = ClassificationEvaluation.of(model, test);
        human.println(evaluation.confusionTable());
        Outputs written = outputs(model, trainer, metadata, result, mnist, evaluation);
        try {
            written.writeAll(human);
        } finally {
            if (json) {
                System.out.println(json(result, iterations, finalLoss, iterationsPerSecond));
            }
        }
        return 0;
    }

    /** The checks of each flag's value that need no file: usage errors (exit code 2) naming the flag. */
    private void validateFlags(int iterationsFlag) {
        Validation.atLeast(spec, length.epochs != null ? "--epochs" : "--iterations",
                length.epochs != null ? length.epochs : iterationsFlag, 1);
        Validation.atLeast(spec, "--batch-size", batchSize, 1);
        Validation.positive(spec, "--learning-rate", learningRate);
        Validation.notNegative(spec, "--weight-decay", weightDecay);
        // Beyond a Java array's length the computation would overflow: a batch holds batch size × 784 inputs, and the
        // network 784 × hidden weights and rows × hidden activations, for up to max(batch size, the rows the trainer
        // measures the starting loss on) rows at a time.
        Validation.atMost(spec, "--batch-size", batchSize, MAX_ARRAY / INPUTS, "(" + INPUTS + " × batch size inputs must fit in "
                + "a Java array)");
        Validation.atLeast(spec, "--hidden", hidden, 1);
        long widest = Math.max(INPUTS, Math.max(batchSize, Trainer.START_ROWS));
        Validation.atMost(spec, "--hidden", hidden, MAX_ARRAY / widest, "(with --batch-size " + batchSize + ", "
                + widest + " × hidden values must fit in a Java array)");
        if (load != null && resume != null) {
            throw Validation.usage(spec, "--load and --resume exclude each other: --resume restores the weights too");
        }
        if (checkpointEvery != null) {
            Validation.atLeast(spec, "--checkpoint-every", checkpointEvery, 1);
            if (save == null) {
                throw Validation.usage(spec, "--checkpoint-every needs --save FILE: the file the checkpoints go to");
            }
        }
    }

    /**
     * The checks of the files given, before any work: that no output destroys another file given (a usage error),
     * that inputs are regular files and outputs can be written (run-time failures, exit code 1), and that a
     * checkpoint to resume was saved with these flags.
     */
    private void checkFiles() {
        Map<String, Path> outputs = new LinkedHashMap<>();
        putIfGiven(outputs, "--save", save);
        putIfGiven(outputs, "--plot", plot);
        putIfGiven(outputs, "--confusion", confusion);
        putIfGiven(outputs, "--misclassified", misclassified);
        Map<String, Path> inputs = new LinkedHashMap<>();
        putIfGiven(inputs, "--load", load);
        putIfGiven(inputs, "--resume", resume);
        FileFlags.requireDistinct(spec, outputs);
        // The weights may replace the file they were loaded from (or the checkpoint resumed), read before; a picture
        // may not.
        Map<String, Path> pictures = new LinkedHashMap<>(outputs);
        pictures.remove("--save");
        FileFlags.requireApart(spec, pictures, inputs);
        inputs.forEach(FileFlags::requireInput);
        if (resume != null) {
            requireSameNetworkAndOptimizer(resume);
        }
        outputs.forEach(FileFlags::checkOutput);
    }

    /** What the run writes when it has finished: the weights first, the expensive part; then the pictures. */
    private Outputs outputs(Model model, Trainer trainer, Map<String, String> metadata, TrainingResult result, MnistData mnist,
            ClassificationEvaluation evaluation) {
        Outputs written = new Outputs();
        if (save != null) {
            Path weights = save;
            written.add(() -> {
                if (checkpointEvery != null) {
                    Checkpoints.save(weights, trainer, metadata);
                    return "weights and trainer state saved to " + weights;
                }
                Safetensors.save(weights, model.getParameters(), metadata);
                return "weights saved to " + weights;
            });
        }
        if (plot != null) {
            Path file = plot;
            written.add(() -> {
                Plots.training(result.getHistory(), file);
                return "plot written to " + file;
            });
        }
        if (confusion != null) {
            Path file = confusion;
            written.add(() -> {
                Plots.confusion(evaluation, file);
                return "confusion matrix drawn to " + file;
            });
        }
        if (misclassified != null) {
            Path file = misclassified;
            written.add(() -> Plots.misclassified(model, mnist.getTest(), mnist.getImageRows(), mnist.getImageCols(), file)
                    + " misclassified test digits drawn to " + file);
        }
        return written;
    }

    /** Trains, wording a divergence with the flag that controls it rather than the library's setting. */
    private static TrainingResult train(Trainer trainer, Dataset train, Dataset test) {
        try {
            return trainer.train(train, test);
        } catch (TrainingDivergedException e) {
            TrainingDivergedException worded = new TrainingDivergedException(e.getIteration(),
                    e.getMessage().replace("lower the learning rate (now ", "lower --learning-rate (now "));
            worded.initCause(e);
            throw worded;
        }
    }

    private static void putIfGiven(Map<String, Path> files, String flag, @Nullable Path file) {
        if (file != null) {
            files.put(flag, file);
        }
    }

    /**
     * Refuses a checkpoint saved by a run of another network or optimiser than these flags: its weights would load
     * (the shapes agree) and train on under the wrong activation, or its optimiser state be dropped, without a word.
     */
    private void requireSameNetworkAndOptimizer(Path checkpoint) {
        Map<String, String> saved = Safetensors.load(checkpoint).getMetadata();
        Map<String, String> now = Map.of(ACTIVATION, flagValue(activation), HIDDEN, Integer.toString(hidden),
                OPTIMIZER, flagValue(optimizer));
        StringBuilder was = new StringBuilder();
        StringBuilder is = new StringBuilder();
        for (String flag : new String[] {ACTIVATION, HIDDEN, OPTIMIZER}) {
            String value = saved.get(flag);
            if (value != null && !value.equals(now.get(flag))) {
                was.append(" --").append(flag).append(' ').append(value);
                is.append(" --").append(flag).append(' ').append(now.get(flag));
            }
        }
        if (was.length() > 0) {
            throw Validation.usage(spec, "--resume " + checkpoint + " was saved by a run with" + was + ", this run has" + is
                    + "; resume with the flags it was saved with");
        }
    }

    private static String flagValue(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private String describe(Model model) {
        return (network == SampleNetworks.Kind.GENERATED ? model.getClass().getSimpleName() : "DSL network")
                + " 784-" + hidden + "-10 (" + activation.name().toLowerCase(Locale.ROOT) + ")";
    }

    private String json(TrainingResult result, int iterations, double finalLoss, double iterationsPerSecond) {
        JsonObject o = new JsonObject();
        o.addProperty("network", network.name().toLowerCase(Locale.ROOT));
        o.addProperty("activation", activation.name().toLowerCase(Locale.ROOT));
        o.addProperty("hidden", hidden);
        o.addProperty("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        o.addProperty("gradient", gradient.name().toLowerCase(Locale.ROOT));
        o.addProperty("batch_size", batchSize);
        o.addProperty("learning_rate", learningRate);
        o.addProperty("seed", seed);
        o.addProperty("iterations", iterations);
        o.addProperty("train_accuracy", result.getTrainAccuracy());
        o.addProperty("test_accuracy", result.getTestAccuracy());
        o.addProperty("final_loss", finalLoss);
        o.addProperty("seconds", result.getWallSeconds());
        o.addProperty("iterations_per_second", iterationsPerSecond);
        JsonArray epochs = new JsonArray();
        int[] at = result.getHistory().getEvaluationIterations();
        double[] trainAccuracy = result.getHistory().getTrainAccuracies();
        double[] testAccuracy = result.getHistory().getTestAccuracies();
        for (int i = 0; i < at.length; i++) {
            JsonObject e = new JsonObject();
            e.addProperty("iteration", at[i]);
            e.addProperty("train_accuracy", trainAccuracy[i]);
            e.addProperty("test_accuracy", testAccuracy[i]);
            epochs.add(e);
        }
        o.add("evaluations", epochs);
        return new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o);
    }
}
