package dev.scratchnet.spark;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.data.Mnist;
import dev.scratchnet.runtime.data.MnistData;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The figures of docs/spark.md, measured in one JVM on real MNIST: a sweep of 8 configurations in local[2] against
 * the same trainings one after another, and one data-parallel step against one local step, with where its time goes.
 * Not a test (its run takes minutes); docs/spark.md gives the command.
 */
public final class SparkMeasurements {
    private SparkMeasurements() {
    }

    public static void main(String[] args) {
        MnistData mnist = Mnist.fromDirectory(Path.of(args[0])).load();
        Dataset train = mnist.getTrain();
        Dataset test = mnist.getTest();
        try (JavaSparkContext sc = LocalSpark.start("SparkMeasurements")) {
            sweep(sc, train, test);
            steps(sc, train);
        }
    }

    private static void sweep(JavaSparkContext sc, Dataset train, Dataset test) {
        List<SweepConfiguration> grid = new ParameterGridBuilder().learningRates(0.05, 0.1).hidden(50, 100).seeds(0, 1)
                .iterations(2000).build();
        DataSource data = DataSource.broadcast(train, test);
        // Warm-up: both paths once on short runs, so that neither pays the JIT's first compilations alone.
        List<SweepConfiguration> warm = new ParameterGridBuilder().hidden(50, 100).iterations(300).build();
        alone(warm, train, test);
        new SparkSweep(sc).run(warm, data);
        long start = System.nanoTime();
        Broadcast<SharedDatasets> shipped = sc.broadcast(new SharedDatasets(train, test));
        double broadcast = (System.nanoTime() - start) / 1e9;
        shipped.destroy();
        // Three rounds, alternating which goes first, since other work on the machine shifts either.
        for (int round = 1; round <= 3; round++) {
            double alone = round % 2 == 1 ? alone(grid, train, test) : Double.NaN;
            SweepResult swept = new SparkSweep(sc).run(grid, data);
            if (round % 2 == 0) {
                alone = alone(grid, train, test);
            }
            double tasks = swept.getRows().stream().mapToDouble(SweepRow::getSeconds).sum();
            System.out.printf(Locale.ROOT, "sweep round %d: %d configurations one after another %.1f s, local[2] sweep %.1f s "
                    + "(ratio %.2f; its tasks trained for %.1f s in all; broadcasting MNIST alone takes %.1f s)%n", round, grid.size(),
                    alone, swept.getSeconds(), swept.getSeconds() / alone, tasks, broadcast);
        }
    }

    /** Seconds to train every configuration, one after another on this thread, as a sweep's tasks do. */
    private static double alone(List<SweepConfiguration> grid, Dataset train, Dataset test) {
        long start = System.nanoTime();
        for (SweepConfiguration c : grid) {
            new Trainer(c.newNetwork(train.getFeatures(), train.getClasses()), c.toTrainingConfig()).train(train, test);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static SequentialNetwork network() {
        return Networks.sequential(784, n -> {
            n.dense(50, ActivationFunction.RELU);
            n.dense(10);
            n.loss(LossFunction.SOFTMAX_CROSS_ENTROPY);
        });
    }

    private static void steps(JavaSparkContext sc, Dataset train) {
        TrainingConfig local = TrainingConfig.builder().iterations(2000).evaluateEvery(TrainingConfig.NEVER).recordLoss(false).build();
        for (int round = 0; round < 2; round++) {
            SequentialNetwork network = network();
            network.initialize(0);
            double seconds = new Trainer(network, local).train(train, train).getLoopSeconds();
            System.out.printf(Locale.ROOT, "local step: %.3f ms (%d iterations in %.2f s)%n", 1e3 * seconds / 2000, 2000, seconds);
        }
        for (int partitions : new int[] {2, 4}) {
            JavaRDD<LabeledRow> rows = SparkTrainer.rows(sc, train, partitions);
            for (int round = 0; round < 2; round++) {
                SequentialNetwork network = network();
                network.initialize(0);
                TrainingConfig config = TrainingConfig.builder().iterations(200).build();
                SparkTrainingResult r = SparkTrainer.builder(sc, SparkMeasurements::network).config(config).build().train(network, rows);
                double perStep = 1e3 / r.getRounds();
                System.out.printf(Locale.ROOT, "data-parallel step, %d partitions: %.2f ms = broadcast %.2f + job %.2f "
                        + "(of which the slowest partition computes %.3f) + driver %.2f%n", partitions, perStep * r.getSeconds(),
                        perStep * r.getBroadcastSeconds(), perStep * r.getJobSeconds(), perStep * r.getComputeSeconds(),
                        perStep * r.getDriverSeconds());
            }
            SequentialNetwork network = network();
            network.initialize(0);
            TrainingConfig config = TrainingConfig.builder().iterations(200).build();
            SparkTrainingResult r = SparkTrainer.builder(sc, SparkMeasurements::network).config(config).parameterAveraging(10).build()
                    .train(network, rows);
            System.out.printf(Locale.ROOT, "parameter averaging every 10 local steps, %d partitions: %.2f ms per round, %.3f ms per "
                    + "local step; the slowest partition computes %.2f ms of each round%n", partitions, 1e3 * r.getSeconds() / r.getRounds(),
                    1e3 * r.getSeconds() / 200, 1e3 * r.getComputeSeconds() / r.getRounds());
        }
    }
}
