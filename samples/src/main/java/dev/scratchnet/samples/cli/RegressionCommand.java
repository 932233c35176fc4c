package dev.scratchnet.samples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.dsl.NetworkBuilder;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import dev.scratchnet.runtime.eval.RegressionEvaluation;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.samples.plot.Plots;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.random.Well19937c;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regression}: chapter 3's other use of a network, regression with an identity output and the squared error:
 * a small tanh network fits {@code sin(x)} on [−π, π] from samples with Gaussian noise.
 */
@Command(name = "regression", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit sin(x) on [-π, π] from noisy samples with a small tanh network (identity output, squared error).")
public final class RegressionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--samples", defaultValue = "400", description = "Training samples (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--noise", defaultValue = "0.1", description = "Standard deviation of the noise (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--hidden", defaultValue = "16,16", split = ",", description = "Hidden tanh layers' units (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--iterations", defaultValue = "3000", description = "Iterations of Adam, batch 20 (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the samples, weights and batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the samples, sin(x) and the network's fit.")
    @Nullable Path plot;

    @Option(names = "--json", description = "Print one JSON object with the results on stdout, and nothing else.")
    boolean json;

    @Override
    public void run() {
        Validation.atLeast(spec, "--samples", samples, 2);
        Validation.atLeast(spec, "--iterations", iterations, 1);
        Validation.notNegative(spec, "--noise", noise);
        for (int units : hidden) {
            if (units < 1 || units > 10_000) {
                throw Validation.usage(spec, "--hidden units must be in [1, 10000], got " + hidden);
            }
        }
        if (plot != null) {
            FileFlags.checkOutput("--plot", plot);
        }
        PrintStream human = json ? System.err : System.out;
        Dataset train = samples(samples, seed);
        Dataset test = samples(200, seed + 1);
        NetworkBuilder builder = Networks.builder(1);
        for (int units : hidden) {
            builder.dense(units, ActivationFunction.TANH).init(InitMethod.XAVIER);
        }
        SequentialNetwork network = builder.dense(1).init(InitMethod.XAVIER).loss(LossFunction.MEAN_SQUARED_ERROR).build();
        network.initialize(seed);
        human.println(network.summary());
        new Trainer(network, TrainingConfig.builder().optimizer(OptimizerType.ADAM).learningRate(0.01).batchSize(20)
                .iterations(iterations).seed(seed).evaluateEvery(TrainingConfig.NEVER).build()).train(train, test);
        RegressionEvaluation result = RegressionEvaluation.of(network, test);
        double[] perfect = new double[test.getSize()];
        for (int r = 0; r < perfect.length; r++) {
            perfect[r] = Math.sin(test.getX()[r]);
        }
        RegressionEvaluation noiseFloor = RegressionEvaluation.ofOutputs(perfect, test);
        human.printf(Locale.ROOT, "test MSE %.5f, MAE %.5f, R² %.4f on %d samples (sin(x) itself: MSE %.5f, R² %.4f)%n",
                result.getMse(), result.getMae(), result.getR2(), test.getSize(), noiseFloor.getMse(), noiseFloor.getR2());
        if (plot != null) {
            plot(network, train);
            human.println("fit drawn to " + plot);
        }
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("test_mse", result.getMse());
            o.addProperty("test_mae", result.getMae());
            o.addProperty("test_r2", result.getR2());
            o.addProperty("noise_mse", noiseFloor.getMse());
            System.out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o));
        }
    }

    /** {@code n} samples of {@code sin(x)} for x uniform in [−π, π], with Gaussian noise of deviation {@code --noise}. */
    private Dataset samples(int n, long s) {
        Well19937c random = new Well19937c(s);
        double[] x = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -Math.PI + 2 * Math.PI * random.nextDouble();
            t[i] = Math.sin(x[i]) + noise * random.nextGaussian();
        }
        return Dataset.ofTargets(x, t, 1, 1);
    }

    private void plot(SequentialNetwork network, Dataset train) {
        int points = 401;
        double[] x = new double[points];
        double[] truth = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = -Math.PI + 2 * Math.PI * i / (points - 1);
            truth[i] = Math.sin(x[i]);
        }
        double[] y = new double[points];
        network.predict(x, points, y);
        Plots.fit(train.getX(), train.getTargets(), x, y, truth, plot);
    }
}
