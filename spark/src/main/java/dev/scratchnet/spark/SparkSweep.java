package dev.scratchnet.spark;

import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import dev.scratchnet.runtime.io.Safetensors;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingDivergedException;
import dev.scratchnet.runtime.train.TrainingResult;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;

/**
 * A hyper-parameter sweep on Spark: one task per configuration of a grid, each training its model with the
 * single-machine {@link Trainer} on the whole dataset. With the same seeds, every row and weight equals a run of
 * {@link SweepConfiguration#newNetwork} and {@code Trainer} on one machine, bit for bit.
 *
 * <pre>{@code
 * List<SweepConfiguration> grid = new ParameterGridBuilder().learningRates(0.01, 0.1, 0.5).hidden(50, 100).build();
 * SweepResult result = new SparkSweep(sc).run(grid, DataSource.idxDirectory("/shared/mnist"));
 * }</pre>
 *
 * <p>The grid and the data are checked on the driver before any job is submitted. A run that diverges is reported in
 * its row rather than failing the sweep; any other failure of a task fails the job, as Spark does.
 */
public final class SparkSweep {
    /** The local property behind {@code setJobDescription}, read to put back the caller's description. */
    static final String JOB_DESCRIPTION = "spark.job.description";

    private final JavaSparkContext sc;

    /** A sweep on {@code sc}, which stays the caller's to stop. */
    public SparkSweep(JavaSparkContext sc) {
        this.sc = Objects.requireNonNull(sc, "sc must be a running JavaSparkContext, got null");
    }

    /**
     * Checks {@code grid} against {@code data} as {@link #run} does before submitting a job: the grid must not be empty
     * and every batch must fit the training set.
     *
     * @throws IllegalArgumentException naming the configuration and the problem
     */
    public static void validate(List<SweepConfiguration> grid, DataSource data) {
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("the grid is empty: give at least one configuration");
        }
        for (int i = 0; i < grid.size(); i++) {
            try {
                grid.get(i).toTrainingConfig().requireBatchFits(data.getTrainRows());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("configuration " + i + " (" + grid.get(i) + "): " + e.getMessage(), e);
            }
        }
    }

    /**
     * Trains every configuration of {@code grid} on {@code data}, as tasks of one Spark job, and returns their rows
     * with the weights of the best. A task that fails for another reason than divergence, for instance an executor
     * that cannot read the data, fails the job: Spark then throws its checked {@code SparkException}, undeclared.
     *
     * @throws IllegalArgumentException if {@link #validate} finds a problem; no job is submitted then
     */
    public SweepResult run(List<SweepConfiguration> grid, DataSource data) {
        validate(grid, data);
        long start = System.nanoTime();
        List<Tuple2<Integer, SweepConfiguration>> tasks = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            tasks.add(new Tuple2<>(i, grid.get(i)));
        }
        DataSource.Loader loader = data.ship(sc);
        String previousDescription = sc.getLocalProperty(JOB_DESCRIPTION);
        sc.setJobDescription("scratchnet sweep of " + grid.size() + " configurations on " + data);
        try {
            // One configuration per partition, so that Spark spreads them over every core it has.
            Outcomes outcomes = sc.parallelize(tasks, tasks.size()).map(trainer(loader)).reduce(Outcomes::merge);
            return outcomes.toResult((System.nanoTime() - start) / 1e9);
        } finally {
            sc.setJobDescription(previousDescription);
            loader.release();
        }
    }

    /** The task: a static method, so that the function captures the loader and nothing of this sweep. */
    private static Function<Tuple2<Integer, SweepConfiguration>, Outcomes> trainer(DataSource.Loader loader) {
        return task -> train(task._1(), task._2(), loader.load());
    }

    private static Outcomes train(int index, SweepConfiguration configuration, DataSource.TrainTestSets data) {
        Dataset train = data.getTrain();
        SequentialNetwork network = configuration.newNetwork(train.getFeatures(), train.getClasses());
        long start = System.nanoTime();
        try {
            TrainingResult result = new Trainer(network, configuration.toTrainingConfig()).train(train, data.getTest());
            double[] losses = result.getHistory().getLosses();
            SweepRow row = new SweepRow(index, configuration, losses[losses.length - 1], result.getTrainAccuracy(),
                    result.getTestAccuracy(), result.getWallSeconds(), null);
            return new Outcomes(row, Safetensors.toBytes(network.getParameters(), Map.of("configuration", configuration.toString())));
        } catch (TrainingDivergedException e) {
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Outcomes(new SweepRow(index, configuration, Double.NaN, Double.NaN, Double.NaN, seconds, e.getMessage()), null);
        }
    }

    /** Rows of some configurations and the weights of the best among them: what tasks return and the driver merges. */
    private static final class Outcomes implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        private final ArrayList<SweepRow> rows = new ArrayList<>();
        private SweepRow best;
        private byte @Nullable [] bestWeights;

        Outcomes(SweepRow row, byte @Nullable [] weights) {
            rows.add(row);
            best = row;
            bestWeights = weights;
        }

        /** This and {@code other} together, keeping only the better one's weights. */
        Outcomes merge(Outcomes other) {
            rows.addAll(other.rows);
            if (other.best.isBetterThan(best)) {
                best = other.best;
                bestWeights = other.bestWeights;
            }
            return this;
        }

        SweepResult toResult(double seconds) {
            rows.sort(Comparator.comparingInt(SweepRow::getIndex));
            boolean anyFinished = best.getFailure() == null;
            return new SweepResult(rows, anyFinished ? best : null, anyFinished ? bestWeights : null, seconds);
        }
    }
}
