package dev.scratchnet.spark.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.runtime.data.Mnist;
import dev.scratchnet.runtime.data.MnistData;
import dev.scratchnet.runtime.io.Safetensors;
import dev.scratchnet.runtime.io.TensorFile;
import dev.scratchnet.runtime.train.GradientMode;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.spark.DataSource;
import dev.scratchnet.spark.ParameterGridBuilder;
import dev.scratchnet.spark.SparkSweep;
import dev.scratchnet.spark.SweepConfiguration;
import dev.scratchnet.spark.SweepResult;
import dev.scratchnet.spark.SweepRow;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sweep}: trains the two-layer network of the {@code mnist} command once per combination of the values given,
 * as tasks of a Spark job, and prints one row per configuration. Every training flag of {@code mnist} takes a
 * comma-separated list here.
 *
 * <p>Run it with {@code spark-submit --class dev.scratchnet.spark.cli.SweepCommand scratchnet-spark.jar …}, or with
 * {@code java} when Spark's jars are on the class path. Exit codes: 0 success, 1 a run-time failure (a task failed,
 * a file could not be read), 2 a usage error; failures print one line naming the flag or file, and {@code --verbose}
 * adds the stack trace.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, version = "scratchnet sweep 0.1.0",
        description = {
            "Train the two-layer network (inputs-hidden-classes, built with the DSL) once per combination of the values "
                    + "given, as tasks of a Spark job, and print one row per configuration.",
            "Lists are comma-separated: --learning-rate 0.01,0.1,0.5 --hidden 50,100 --seeds 0,1 trains 12 networks."
        })
public final class SweepCommand implements Callable<Integer> {
    /** Where the samples jar keeps MNIST, when it is on the class path. */
    static final String EMBEDDED_MNIST = "dev/scratchnet/samples/mnist";
    /** Marks the context this command starts, so that it stops that one and no other. */
    private static final String OWNER = "spark.scratchnet.sweep.owner";
    /** A setting's name at the start of a library message, before {@code :} or {@code must}. */
    private static final Pattern SETTING_NAME = Pattern.compile("[a-zA-Z]+(?=:| must)");

    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] or spark://host:7077 (default: spark-submit's, else local[*]).")
    @Nullable String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, as spark-submit's --conf; repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory of IDX files (train-images-idx3-ubyte[.gz] …) that every executor can read at this path; "
                    + "default: the embedded MNIST of the samples jar, broadcast from the driver.")
    @Nullable String data;

    @Option(names = "--broadcast", description = "Read --data on the driver and broadcast it, for executors that cannot read DIR.")
    boolean broadcast;

    static final class Length {
        @Option(names = "--iterations", split = ",", paramLabel = "N", description = "Training iterations (default: 10000).")
        int @Nullable [] iterations;

        @Option(names = "--epochs", split = ",", paramLabel = "N",
                description = "Training epochs of max(train size / batch size, 1) iterations each.")
        int @Nullable [] epochs;
    }

    @ArgGroup(exclusive = true)
    Length length = new Length();

    @Option(names = "--batch-size", split = ",", defaultValue = "100", paramLabel = "N",
            description = "Mini-batch sizes (default: ${DEFAULT-VALUE}).")
    int[] batchSizes;

    @Option(names = "--learning-rate", split = ",", defaultValue = "0.1", paramLabel = "RATE",
            description = "Learning rates (default: ${DEFAULT-VALUE}).")
    double[] learningRates;

    @Option(names = "--hidden", split = ",", defaultValue = "50", paramLabel = "UNITS",
            description = "Hidden units (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--activation", split = ",", defaultValue = "relu", paramLabel = "NAME",
            description = "Hidden activations: relu, sigmoid or tanh (default: ${DEFAULT-VALUE}).")
    ActivationFunction[] activations;

    @Option(names = "--optimizer", split = ",", defaultValue = "sgd", paramLabel = "NAME",
            description = "Optimizers: sgd, momentum, adagrad or adam (default: ${DEFAULT-VALUE}).")
    OptimizerType[] optimizers;

    @Option(names = "--init", split = ",", defaultValue = "book", paramLabel = "NAME",
            description = "Weight initialisations: book, xavier or he (default: ${DEFAULT-VALUE}).")
    InitMethod[] inits;

    @Option(names = "--weight-decay", split = ",", defaultValue = "0", paramLabel = "LAMBDA",
            description = "L2 weight decays λ (default: ${DEFAULT-VALUE}).")
    double[] weightDecays;

    @Option(names = "--gradient", split = ",", defaultValue = "backprop", paramLabel = "NAME",
            description = "Gradients: backprop or numerical (default: ${DEFAULT-VALUE}).")
    GradientMode[] gradients;

    @Option(names = {"--seeds", "--seed"}, split = ",", defaultValue = "0", paramLabel = "SEED",
            description = "Seeds of the weights and batches (default: ${DEFAULT-VALUE}).")
    long[] seeds;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the best network's weights (safetensors, F64).")
    @Nullable Path save;

    @Option(names = "--json", description = "Print one JSON object with a results array on stdout, and nothing else there.")
    boolean json;

    @Option(names = "--verbose", description = "Print the stack trace of a failure.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, for tests that capture its output. */
    public static CommandLine commandLine() {
        SweepCommand command = new SweepCommand();
        CommandLine cli = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("sweep: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try 'sweep --help' for more information.");
            err.flush();
            return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("sweep: " + describe(e));
            if (command.verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            err.flush();
            return 1;
        });
        return cli;
    }

    /**
     * The failure in one line: for a failed Spark job, what failed in the task rather than Spark's account of the
     * stage, whose message carries the task's whole stack trace.
     */
    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause instanceof SparkException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    @Override
    public Integer call() {
        DataSource source = dataSource();
        List<SweepConfiguration> grid = grid(source.getTrainRows());
        try {
            SparkSweep.validate(grid, source);
        } catch (IllegalArgumentException e) {
            throw usage("--batch-size: " + e.getMessage());
        }
        PrintStream human = json ? System.err : System.out;
        // As SparkSession.builder().getOrCreate() does: a context already running in this JVM (an application that
        // calls the command, a notebook) is used and left running; one this command starts, it stops.
        SparkConf sparkConf = sparkConf();
        String owner = UUID.randomUUID().toString();
        sparkConf.set(OWNER, owner);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(sparkConf));
        String master = sc.master();
        SweepResult result;
        try {
            human.printf(Locale.ROOT, "sweep of %d configurations on %s, data: %s%n", grid.size(), master, source);
            result = new SparkSweep(sc).run(grid, source);
        } finally {
            if (owner.equals(sc.getConf().get(OWNER, null))) {
                sc.stop();
            }
        }
        human.print(SweepTable.format(result));
        if (save != null && result.getBestWeights() != null) {
            TensorFile weights = Safetensors.load("best weights", result.getBestWeights());
            Safetensors.save(save, weights.getTensors(), weights.getMetadata());
            human.println("best weights saved to " + save);
        }
        if (json) {
            System.out.println(json(result, master, source));
        }
        return 0;
    }

    private DataSource dataSource() {
        if (data == null) {
            if (broadcast) {
                throw usage("--broadcast needs --data DIR: the directory to read on the driver");
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader.getResource(EMBEDDED_MNIST + "/" + Mnist.CHECKSUMS) == null) {
                throw usage("--data DIR is required: the embedded MNIST (" + EMBEDDED_MNIST + " on the class path, in the "
                        + "samples jar) is not here");
            }
            MnistData mnist = Mnist.fromClasspath(loader, EMBEDDED_MNIST).load();
            return DataSource.broadcast(mnist.getTrain(), mnist.getTest());
        }
        DataSource directory;
        try {
            directory = DataSource.idxDirectory(data);
        } catch (IllegalArgumentException e) {
            throw usage("--data " + e.getMessage());
        }
        return broadcast ? directory.toBroadcast() : directory;
    }

    private List<SweepConfiguration> grid(int trainRows) {
        ParameterGridBuilder builder = new ParameterGridBuilder();
        axis("--hidden", () -> builder.hidden(hidden));
        axis("--activation", () -> builder.activations(activations));
        axis("--init", () -> builder.inits(inits));
        axis("--optimizer", () -> builder.optimizers(optimizers));
        axis("--learning-rate", () -> builder.learningRates(learningRates));
        axis("--batch-size", () -> builder.batchSizes(batchSizes));
        axis("--weight-decay", () -> builder.weightDecays(weightDecays));
        axis("--gradient", () -> builder.gradients(gradients));
        axis("--seeds", () -> builder.seeds(seeds));
        if (length.epochs == null) {
            axis("--iterations", () -> builder.iterations(length.iterations == null ? new int[] {10_000} : length.iterations));
            return builder.build();
        }
        // Epochs become iterations per batch size, as the trainer counts an epoch.
        int[] epochs = length.epochs;
        axis("--epochs", () -> new ParameterGridBuilder().iterations(epochs));
        List<SweepConfiguration> grid = new ArrayList<>();
        for (SweepConfiguration c : builder.build()) {
            for (int e : epochs) {
                int iterations = Math.multiplyExact(e, Trainer.iterationsPerEpoch(trainRows, c.getBatchSize()));
                grid.add(c.toBuilder().iterations(iterations).build());
            }
        }
        return grid;
    }

    /**
     * Sets one setting's values, reporting a bad value as a usage error that names its flag: where the library's message
     * names the setting ({@code learningRate must be …}, {@code learningRates: …}) the flag takes the name's place.
     */
    private void axis(String flag, Runnable set) {
        try {
            set.run();
        } catch (IllegalArgumentException e) {
            Matcher setting = SETTING_NAME.matcher(e.getMessage());
            throw usage(setting.lookingAt() ? flag + e.getMessage().substring(setting.end()) : flag + ": " + e.getMessage());
        }
    }

    private SparkConf sparkConf() {
        // SparkConf reads spark.* system properties, which is how spark-submit passes its --master and --conf.
        SparkConf sparkConf = new SparkConf().setAppName("scratchnet sweep");
        if (master != null) {
            sparkConf.setMaster(master);
        } else if (!sparkConf.contains("spark.master")) {
            sparkConf.setMaster("local[*]");
        }
        // Spark's INFO lines would bury the table: warnings and errors only, unless --conf spark.log.level says otherwise.
        sparkConf.setIfMissing("spark.log.level", "WARN");
        conf.forEach(sparkConf::set);
        return sparkConf;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String json(SweepResult result, String master, DataSource source) {
        JsonObject o = new JsonObject();
        o.addProperty("master", master);
        o.addProperty("data", source.toString());
        o.addProperty("seconds", result.getSeconds());
        SweepRow best = result.getBest();
        o.addProperty("best", best == null ? null : best.getIndex());
        JsonArray rows = new JsonArray();
        for (SweepRow row : result.getRows()) {
            rows.add(json(row));
        }
        o.add("results", rows);
        return new GsonBuilder().serializeSpecialFloatingPointValues().serializeNulls().create().toJson(o);
    }

    private static JsonObject json(SweepRow row) {
        SweepConfiguration c = row.getConfiguration();
        JsonObject o = new JsonObject();
        o.addProperty("index", row.getIndex());
        o.addProperty("hidden", c.getHidden());
        o.addProperty("activation", SweepTable.lower(c.getActivation()));
        o.addProperty("init", SweepTable.lower(c.getInit()));
        o.addProperty("optimizer", SweepTable.lower(c.getOptimizer()));
        o.addProperty("learning_rate", c.getLearningRate());
        o.addProperty("batch_size", c.getBatchSize());
        o.addProperty("iterations", c.getIterations());
        o.addProperty("weight_decay", c.getWeightDecay());
        o.addProperty("gradient", SweepTable.lower(c.getGradient()));
        o.addProperty("seed", c.getSeed());
        o.addProperty("final_loss", row.getFinalLoss());
        o.addProperty("train_accuracy", row.getTrainAccuracy());
        o.addProperty("test_accuracy", row.getTestAccuracy());
        o.addProperty("seconds", row.getSeconds());
        o.addProperty("failure", row.getFailure());
        return o;
    }
}
