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
import dev.scratchnet.runtime.train.TrainingResult;
import dev.scratchnet.samples.EmbeddedMnist;
import dev.scratchnet.samples.SampleNetworks;
import dev.scratchnet.samples.plot.Plots;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
public final class MnistCommand implements Runnable {
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
    public void run() {
        int iterationsFlag = length.iterations == null ? 10_000 : length.iterations;
        Validation.atLeast(spec, length.epochs != null ? "--epochs" : "--iterations",
                length.epochs != null ? length.epochs : iterationsFlag, 1);
        Validation.atLeast(spec, "--hidden", hidden, 1);
        Validation.atLeast(spec, "--batch-size", batchSize, 1);
        Validation.positive(spec, "--learning-rate", learningRate);
        Validation.notNegative(spec, "--weight-decay", weightDecay);
        requireReadable("--load", load);
        requireReadable("--resume", resume);
        if (load != null && resume != null) {
            throw Validation.usage(spec, "--load and --resume exclude each other: --resume restores the weights too");
        }
        if (checkpointEvery != null) {
            Validation.atLeast(spec, "--checkpoint-every", checkpointEvery, 1);
            if (save == null) {
                throw Validation.usage(spec, "--checkpoint-every needs --save FILE: the file the checkpoints go to");
            }
        }
        PrintStream human = json ? System.err : System.out;

        MnistData mnist = data == null ? EmbeddedMnist.load() : Mnist.fromDirectory(data).load();
        Dataset train = mnist.getTrain();
        Dataset test = mnist.getTest();
        int iterations = length.epochs == null ? iterationsFlag
                : Math.multiplyExact(length.epochs, Math.max(train.getSize() / batchSize, 1));

        TrainingConfig config;
        Model model;
        try {
            config = TrainingConfig.builder()
                    .iterations(iterations)
                    .batchSize(batchSize)
                    .learningRate(learningRate)
                    .optimizer(optimizer)
                    .gradientMode(gradient)
                    .weightDecay(weightDecay)
                    .seed(seed)
                    .build();
            if (batchSize > train.getSize()) {
                throw Validation.usage(spec, "--batch-size must be in [1, " + train.getSize() + "] (the training set has "
                        + train.getSize() + " rows), got " + batchSize);
            }
            model = SampleNetworks.twoLayerNet(network, activation, hidden);
        } catch (IllegalArgumentException e) {
            throw Validation.usage(spec, e.getMessage());
        }
        Initializers.initialize(model, init, seed);
        if (load != null) {
            Checkpoints.loadWeights(load, model.getParameters());
        }
        Trainer trainer = new Trainer(model, config);
        if (resume != null) {
            Checkpoints.resume(resume, trainer);
            human.printf(Locale.ROOT, "resuming %s at iteration %d%n", resume, trainer.getIteration());
        }

        human.println(model.summary());
        human.printf(Locale.ROOT, "%s on %s: %d iterations, batch %d, %s lr %s, %s gradient, seed %d%n",
                describe(model), data == null ? "embedded MNIST" : data, iterations, batchSize,
                optimizer.name().toLowerCase(Locale.ROOT), learningRate, gradient.name().toLowerCase(Locale.ROOT), seed);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("network", describe(model));
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
        try (TrainingProgress progress = TrainingProgress.create(human, iterations, !json);
                Interruption interruption = save == null ? Interruption.NONE : Interruption.onCtrlC(trainer)) {
            trainer.addListener(progress);
            result = trainer.train(train, test);
            if (trainer.isStopRequested()) {
                Checkpoints.save(save, trainer, metadata);
                System.err.printf(Locale.ROOT, "%ninterrupted at iteration %d: checkpoint saved to %s; continue with --resume %s%n",
                        trainer.getIteration(), save, save);
                interruption.saved();
                return;
            }
        }
        double seconds = result.getWallSeconds();
        double[] losses = result.getHistory().getLosses();
        double finalLoss = losses.length == 0 ? Double.NaN : losses[losses.length - 1];
        human.printf(Locale.ROOT, "train accuracy %.4f, test accuracy %.4f, final loss %.4f, %.1f s, %.0f iterations/s%n",
                result.getTrainAccuracy(), result.getTestAccuracy(), finalLoss, seconds, iterations / seconds);

        ClassificationEvaluation evaluation = ClassificationEvaluation.of(model, test);
        human.println(evaluation.confusionTable());
        if (confusion != null) {
            Plots.confusion(evaluation, confusion);
            human.println("confusion matrix drawn to " + confusion);
        }
        if (plot != null) {
            Plots.training(result.getHistory(), plot);
            human.println("plot written to " + plot);
        }
        if (misclassified != null) {
            int shown = Plots.misclassified(model, test, mnist.getImageRows(), mnist.getImageCols(), misclassified);
            human.println(shown + " misclassified test digits drawn to " + misclassified);
        }
        if (save != null) {
            if (checkpointEvery != null) {
                Checkpoints.save(save, trainer, metadata);
                human.println("weights and trainer state saved to " + save);
            } else {
                Safetensors.save(save, model.getParameters(), metadata);
                human.println("weights saved to " + save);
            }
        }
        if (json) {
            System.out.println(json(result, iterations, finalLoss));
        }
    }

    private void requireReadable(String flag, @Nullable Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw Validation.usage(spec, flag + " " + file + ": no such readable file");
        }
    }

    private String describe(Model model) {
        return (network == SampleNetworks.Kind.GENERATED ? model.getClass().getSimpleName() : "DSL network")
                + " 784-" + hidden + "-10 (" + activation.name().toLowerCase(Locale.ROOT) + ")";
    }

    private String json(TrainingResult result, int iterations, double finalLoss) {
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
        o.addProperty("iterations_per_second", iterations / result.getWallSeconds());
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
