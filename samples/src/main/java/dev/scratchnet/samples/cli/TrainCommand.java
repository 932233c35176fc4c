package dev.scratchnet.samples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.runtime.data.Csv;
import dev.scratchnet.runtime.data.CsvOptions;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.data.Standardizer;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import dev.scratchnet.runtime.eval.ClassificationEvaluation;
import dev.scratchnet.runtime.eval.Evaluation;
import dev.scratchnet.runtime.eval.RegressionEvaluation;
import dev.scratchnet.runtime.train.EarlyStopping;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: a network of any shape, built with the DSL, trained on a CSV file: softmax with loss on a class
 * label ({@code --label}), or the mean squared error of real-valued targets ({@code --target}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a network on a CSV file of numbers: classification with --label, regression with --target.",
            "The held-out set is --test FILE, or a seeded --test-fraction of the file (default 0.2). The report compares"
                    + " the network with a baseline: the majority class, or the mean and a least-squares fit."
        })
public final class TrainCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The training rows (CSV, UTF-8).")
    Path csv;

    static final class HeldOut {
        @Option(names = "--test", paramLabel = "FILE", description = "Held-out rows, as the --csv file's columns.")
        @Nullable Path test;

        @Option(names = "--test-fraction", paramLabel = "F",
                description = "Hold out a seeded fraction of the --csv rows instead (default: 0.2).")
        @Nullable Double fraction;
    }

    @ArgGroup(exclusive = true)
    HeldOut heldOut = new HeldOut();

    static final class Task {
        @Option(names = "--label", paramLabel = "COLUMN", required = true,
                description = "The class column (whole numbers from 0): classification.")
        @Nullable String label;

        @Option(names = "--target", paramLabel = "COLUMN", required = true, split = ",",
                description = "The target column(s): regression.")
        @Nullable List<String> targets;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Task task;

    @Option(names = "--features", paramLabel = "COLUMN", split = ",",
            description = "The feature columns, in order (default: every column but the label or targets).")
    List<String> features = List.of();

    @Option(names = "--no-header", description = "The first line is a row, not column names; name columns 0, 1, ….")
    boolean noHeader;

    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR",
            description = "The cell delimiter: one character, or 'tab' (default: ${DEFAULT-VALUE}).")
    String delimiter;

    @Option(names = "--hidden", defaultValue = "16", paramLabel = "UNITS", split = ",",
            description = "Hidden layers' units, e.g. 16,8; 0 for none (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "relu",
            description = "Hidden activation: relu, sigmoid or tanh (default: ${DEFAULT-VALUE}).")
    Hidden activation;

    @Option(names = "--optimizer", defaultValue = "adam",
            description = "Optimizer: sgd, momentum, adagrad or adam (default: ${DEFAULT-VALUE}).")
    OptimizerType optimizer;

    @Option(names = "--learning-rate", paramLabel = "RATE",
            description = "Learning rate (default: the book's, 0.001 for adam, 0.01 for the others).")
    @Nullable Double learningRate;

    static final class Length {
        @Option(names = "--epochs", description = "Epochs of max(rows / batch size, 1) iterations (default: 100).")
        @Nullable Integer epochs;

        @Option(names = "--iterations", description = "Iterations instead of epochs.")
        @Nullable Integer iterations;
    }

    @ArgGroup(exclusive = true)
    Length length = new Length();

    @Option(names = "--batch-size", defaultValue = "32", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 weight decay λ (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--standardize", description = "Scale features, and a regression's targets, to mean 0, variance 1"
            + " (fitted on the training rows; predictions are turned back into the targets' units).")
    boolean standardize;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "Stop after PATIENCE epochs without a lower held-out loss, and keep the best epoch's weights.")
    @Nullable Integer patience;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the split, the weights and the batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the model (weights, standardizer, columns) for predict.")
    @Nullable Path save;

    @Option(names = "--history", paramLabel = "FILE.csv",
            description = "Write each epoch's losses and accuracies (CSV, or JSON for a .json file).")
    @Nullable Path history;

    @Option(names = "--json", description = "Print one JSON object with the results on stdout, and nothing else.")
    boolean json;

    /** The hidden activations {@code train} offers. */
    enum Hidden {
        RELU, SIGMOID, TANH
    }

    @Override
    public void run() {
        validate();
        PrintStream human = json ? System.err : System.out;
        Data data = read();
        Dataset train = data.train;
        Dataset test = data.test;
        CsvModel.Shape shape = new CsvModel.Shape(hidden.equals(List.of(0)) ? List.of() : hidden,
                ActivationFunction.valueOf(activation.name()), isClassification(), train.getOutputs(), data.features,
                data.targets);
        Standardizer features = standardize ? Standardizer.fit(train) : null;
        Standardizer targets = standardize && !isClassification() ? Standardizer.fitTargets(train) : null;
        if (features != null) {
            train = features.apply(train);
            test = features.apply(test);
        }
        if (targets != null) {
            train = targets.applyToTargets(train);
            test = targets.applyToTargets(test);
        }
        CsvModel model = new CsvModel(shape, shape.network(seed), features, targets);
        SequentialNetwork network = model.network();
        int iterations = length.iterations != null ? length.iterations
                : Math.multiplyExact(length.epochs == null ? 100 : length.epochs,
                        Trainer.iterationsPerEpoch(train.getSize(), batchSize));
        human.println(network.summary());
        human.printf(Locale.ROOT, "%d training rows, %d held out; %d iterations of batch %d, %s lr %s%n", train.getSize(),
                test.getSize(), iterations, batchSize, optimizer.name().toLowerCase(Locale.ROOT), rate());

        Trainer trainer = new Trainer(network, TrainingConfig.builder().iterations(iterations).batchSize(batchSize)
                .learningRate(rate()).optimizer(optimizer).weightDecay(weightDecay).seed(seed).build());
        EarlyStopping stopping = patience == null ? null : new EarlyStopping(patience, 0.0, true);
        if (stopping != null) {
            trainer.addListener(stopping);
        }
        TrainingResult result;
        try (TrainingProgress progress = TrainingProgress.create(human, 0, iterations, !json)) {
            trainer.addListener(progress);
            result = trainer.train(train, test);
        }
        int epochs = result.getHistory().getEvaluationIterations().length;
        if (stopping != null && stopping.hasStopped()) {
            human.printf(Locale.ROOT, "stopped early after epoch %d: the held-out loss last improved at iteration %d"
                    + " (%.6g); its weights are kept%n", epochs - 1, stopping.getBestIteration(), stopping.getBestLoss());
        }
        if (save != null) {
            model.save(save, Map.of("source", csv.toString()));
            human.println("model saved to " + save);
        }
        if (history != null) {
            writeHistory(result);
            human.println("history written to " + history);
        }
        report(human, model, data, train, test, epochs);
    }

    private void validate() {
        if (heldOut.fraction != null && !(heldOut.fraction > 0 && heldOut.fraction < 1)) {
            throw Validation.usage(spec, "--test-fraction must be in (0, 1), got " + heldOut.fraction);
        }
        if (length.epochs != null) {
            Validation.atLeast(spec, "--epochs", length.epochs, 1);
        }
        if (length.iterations != null) {
            Validation.atLeast(spec, "--iterations", length.iterations, 1);
        }
        Validation.atLeast(spec, "--batch-size", batchSize, 1);
        if (learningRate != null) {
            Validation.positive(spec, "--learning-rate", learningRate);
        }
        Validation.notNegative(spec, "--weight-decay", weightDecay);
        if (patience != null) {
            Validation.atLeast(spec, "--early-stopping", patience, 1);
        }
        if (!hidden.equals(List.of(0))) {
            for (int units : hidden) {
                if (units < 1 || units > 100_000) {
                    throw Validation.usage(spec, "--hidden units must be in [1, 100000] (or 0 alone for no hidden"
                            + " layer), got " + hidden);
                }
            }
        }
        delimiterChar();
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--csv", csv);
        if (heldOut.test != null) {
            inputs.put("--test", heldOut.test);
        }
        Map<String, Path> outputs = new LinkedHashMap<>();
        if (save != null) {
            outputs.put("--save", save);
        }
        if (history != null) {
            outputs.put("--history", history);
        }
        FileFlags.requireDistinct(spec, outputs);
        FileFlags.requireApart(spec, outputs, inputs);
        inputs.forEach(FileFlags::requireInput);
        outputs.forEach(FileFlags::checkOutput);
    }

    private char delimiterChar() {
        if (delimiter.equals("tab")) {
            return '\t';
        }
        if (delimiter.length() != 1 || delimiter.equals("\"")) {
            throw Validation.usage(spec, "--delimiter must be one character other than a quote, or 'tab', got '"
                    + delimiter + "'");
        }
        return delimiter.charAt(0);
    }

    private boolean isClassification() {
        return task.label != null;
    }

    private double rate() {
        return learningRate != null ? learningRate : optimizer == OptimizerType.ADAM ? 0.001 : 0.01;
    }

    /** The training and held-out sets, and the names of their columns. */
    private record Data(Dataset train, Dataset test, List<String> features, List<String> targets) {}

    private Data read() {
        CsvOptions.Builder options = CsvOptions.builder().header(!noHeader).delimiter(delimiterChar()).features(features);
        if (isClassification()) {
            options.label(task.label);
        } else {
            options.targets(task.targets);
        }
        Csv.Table table = Csv.read(csv, options.build());
        if (heldOut.test == null) {
            Dataset.Split split = table.dataset().split(heldOut.fraction == null ? 0.2 : heldOut.fraction, seed);
            return new Data(split.train(), split.test(), table.features(), table.targets());
        }
        if (isClassification()) {
            // Both files get the classes of either: a small held-out file need not hold the largest class.
            Csv.Table test = Csv.read(heldOut.test, options.build());
            int classes = Math.max(table.dataset().getClasses(), test.dataset().getClasses());
            options.classes(classes);
            table = Csv.read(csv, options.build());
        }
        Csv.Table test = Csv.read(heldOut.test, options.build());
        if (!test.features().equals(table.features()) && !noHeader) {
            throw new IllegalArgumentException(heldOut.test + " has feature columns " + test.features() + ", " + csv
                    + " has " + table.features());
        }
        return new Data(table.dataset(), test.dataset(), table.features(), table.targets());
    }

    private void writeHistory(TrainingResult result) {
        String text = history.toString().endsWith(".json") ? result.getHistory().toJson() : result.getHistory().toCsv();
        try {
            Files.writeString(history, text);
        } catch (IOException e) {
            throw new UncheckedIOException(history + ": cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * The losses are the network's own (on standardised targets with {@code --standardize}); accuracy, MSE, MAE and R²
     * are of the raw rows, in the targets' units, as {@code predict} would give them.
     */
    private void report(PrintStream human, CsvModel model, Data raw, Dataset train, Dataset test, int epochs) {
        Evaluation onTrain = Evaluation.of(model.network(), train);
        Evaluation onTest = Evaluation.of(model.network(), test);
        JsonObject o = new JsonObject();
        o.addProperty("train_loss", onTrain.getLoss());
        o.addProperty("test_loss", onTest.getLoss());
        o.addProperty("epochs_run", epochs);
        human.printf(Locale.ROOT, "train loss %.6g, test loss %.6g after %d epochs%n", onTrain.getLoss(), onTest.getLoss(),
                epochs);
        if (onTest instanceof ClassificationEvaluation c) {
            double baseline = Baselines.majorityAccuracy(raw.train, raw.test);
            o.addProperty("test_accuracy", c.getAccuracy());
            o.addProperty("baseline_accuracy", baseline);
            human.printf(Locale.ROOT, "test accuracy %.4f (majority class: %.4f)%n%s%n%s%n", c.getAccuracy(), baseline,
                    c.confusionTable(), c);
        } else {
            RegressionEvaluation r = RegressionEvaluation.ofOutputs(
                    model.predict(raw.test.getX(), raw.test.getSize()), raw.test);
            double[] mean = Baselines.meanPredictor(raw.train, raw.test);
            double[] line = Baselines.leastSquares(raw.train, raw.test);
            o.addProperty("test_mse", r.getMse());
            o.addProperty("test_mae", r.getMae());
            o.addProperty("test_r2", r.getR2());
            o.addProperty("baseline_mean_mse", mean[0]);
            if (line != null) {
                o.addProperty("baseline_least_squares_mse", line[0]);
                o.addProperty("baseline_least_squares_r2", line[1]);
            }
            human.printf(Locale.ROOT, "test MSE %.6g, MAE %.6g, R² %.4f%n", r.getMse(), r.getMae(), r.getR2());
            human.printf(Locale.ROOT, "baselines: mean predictor MSE %.6g (R² %.4f)%s%n", mean[0], mean[1], line == null
                    ? "" : String.format(Locale.ROOT, ", least squares MSE %.6g (R² %.4f)", line[0], line[1]));
        }
        if (json) {
            System.out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o));
        }
    }
}
