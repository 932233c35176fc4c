package dev.scratchnet.spark;

import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.train.GradientMode;
import dev.scratchnet.runtime.train.Optimizer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingDivergedException;
import dev.scratchnet.runtime.train.WeightDecay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.random.Well19937c;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;

/**
 * Trains one model on rows spread over Spark partitions, in one of two modes.
 *
 * <p><b>Synchronous data-parallel SGD</b> (the default). The rows are cached as partitions; then each iteration
 * <ol>
 *   <li>the driver draws the batch's row indices as the single-machine {@link dev.scratchnet.runtime.train.Trainer}
 *       does ({@code nextInt(rows)}, {@code batchSize} times, from a {@link Well19937c} seeded with the
 *       configuration's seed), rows numbered in partition order;</li>
 *   <li>it broadcasts the weights and those indices;</li>
 *   <li>each partition computes the gradient of the loss summed over its drawn rows, with the model's own
 *       {@link Model#gradient};</li>
 *   <li>{@code treeAggregate} adds up the partitions' sums;</li>
 *   <li>the driver divides by the batch size and applies weight decay and the optimiser, as the {@code Trainer} does.</li>
 * </ol>
 * The weights then follow the single-machine trainer's on the same batches; only the order in which the rows'
 * gradients are added differs, which moves them by rounding alone. Each iteration moves the weights (311 KiB for
 * MNIST's 784-50-10 network) to every partition and one gradient back from each: it pays when a batch's gradient
 * costs more than that, for large layers, or for data that does not fit one machine.
 *
 * <p><b>Parameter averaging</b> ({@link Builder#parameterAveraging(int) parameterAveraging(k)}), as DL4J's
 * {@code ParameterAveragingTrainingMaster} does it. Each round broadcasts the weights and the optimiser's state; each
 * partition runs {@code k} iterations of the single-machine {@code Trainer} on its own rows (batches of
 * {@code batchSize}, drawn with a seed of the partition and the round), and the driver averages the weights and the
 * optimiser states the partitions end with. A round moves as much as one synchronous iteration but does {@code k}
 * iterations on every partition, so communication is divided by {@code k}. The price: the partitions' models drift
 * apart during a round, so a round is worth less than {@code k} synchronous iterations of the combined batch, the more
 * so as {@code k} and the learning rate grow, and the result is not the single-machine trainer's. Use it when
 * communication dominates, with small {@code k} (say 5–20) first.
 *
 * <p>The model passed to {@link #train} is the driver's: it holds the starting weights and receives the trained ones,
 * as with the single-machine trainer. The executors compute with models from the {@link ModelFactory}. The context is
 * the caller's; the cached rows and the broadcasts are released before {@code train} returns.
 */
public final class SparkTrainer {
    private final JavaSparkContext sc;
    private final ModelFactory factory;
    private final TrainingConfig config;
    private final int localSteps;
    private final int aggregationDepth;

    private SparkTrainer(Builder b) {
        this.sc = b.sc;
        this.factory = b.factory;
        this.config = b.config;
        this.localSteps = b.localSteps;
        this.aggregationDepth = b.aggregationDepth;
    }

    /** A trainer on {@code sc} whose tasks compute with models from {@code factory}. */
    public static Builder builder(JavaSparkContext sc, ModelFactory factory) {
        return new Builder(sc, factory);
    }

    /**
     * {@code data}'s rows as an RDD of {@code partitions} slices, in order: a dataset the driver holds, spread to train
     * on. The arrays are broadcast and each partition reads its slice of them, rather than carrying the slice in the
     * partition as {@code parallelize} would: a partition travels with every task of every job, a broadcast once per
     * executor. Data that does not fit the driver is read into an RDD of {@link LabeledRow} directly, on the executors.
     */
    public static JavaRDD<LabeledRow> rows(JavaSparkContext sc, Dataset data, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        Broadcast<double[]> x = sc.broadcast(data.getX());
        Broadcast<int[]> labels = sc.broadcast(data.getLabels());
        int features = data.getFeatures();
        int size = data.getSize();
        List<Integer> slices = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            slices.add(p);
        }
        return sc.parallelize(slices, partitions).flatMap(p -> {
            int from = (int) ((long) p * size / partitions);
            int to = (int) ((long) (p + 1) * size / partitions);
            List<LabeledRow> rows = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                rows.add(new LabeledRow(Arrays.copyOfRange(x.value(), i * features, (i + 1) * features), labels.value()[i]));
            }
            return rows.iterator();
        });
    }

    /**
     * Trains {@code model} on {@code rows}, in the order of their partitions, for the configured iterations; the model's
     * weights are the start and receive the result.
     *
     * @throws IllegalArgumentException if the configuration asks for numerical gradients, or the factory's model has
     *         other parameters than {@code model} (checked before any job), or the rows do not fit the model or the
     *         batch size (checked by the job that caches them)
     * @throws TrainingDivergedException if the loss or a weight becomes NaN or infinite
     */
    public SparkTrainingResult train(Model model, JavaRDD<LabeledRow> rows) {
        if (config.getGradientMode() != GradientMode.BACKPROP) {
            throw new IllegalArgumentException("gradientMode must be BACKPROP on Spark, got " + config.getGradientMode()
                    + "; numerical gradients are for checking backprop on one machine");
        }
        requireSameParameters(model.getParameters(), factory.create().getParameters());
        int features = model.getInputs();
        int classes = model.getOutputs();
        JavaRDD<Shard> shards = rows
                .mapPartitionsWithIndex((partition, it) -> List.of(Shard.of(partition, it, features, classes)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        String previousDescription = sc.getLocalProperty(SparkSweep.JOB_DESCRIPTION);
        try {
            sc.setJobDescription("scratchnet: caching the rows of " + model.getClass().getSimpleName());
            List<Integer> sizes = shards.map(Shard::size).collect();
            int[] offsets = new int[sizes.size() + 1];
            for (int p = 0; p < sizes.size(); p++) {
                offsets[p + 1] = Math.addExact(offsets[p], sizes.get(p));
            }
            int trainRows = offsets[sizes.size()];
            config.requireBatchFits(trainRows);
            sc.setJobDescription("scratchnet: training " + model.getClass().getSimpleName() + " on " + trainRows + " rows");
            return localSteps == 0 ? synchronous(model, shards, offsets) : averaging(model, shards, offsets);
        } catch (Exception e) {
            // Spark throws its checked SparkException undeclared; anything else is rethrown as it is.
            RuntimeException cause = causeOf(e);
            if (cause != null) {
                throw cause;
            }
            throw e;
        } finally {
            sc.setJobDescription(previousDescription);
            shards.unpersist(false);
        }
    }

    private SparkTrainingResult synchronous(Model model, JavaRDD<Shard> shards, int[] offsets) {
        List<Parameter> params = model.getParameters();
        Gradients gradients = model.newGradients();
        Optimizer optimizer = config.getOptimizer().create(config.getLearningRate());
        WeightDecay decay = new WeightDecay(config.getWeightDecay());
        Well19937c random = new Well19937c(config.getSeed());
        int trainRows = offsets[offsets.length - 1];
        int[] drawn = new int[config.getBatchSize()];
        Timer timer = new Timer(config.getIterations());
        for (int i = 0; i < config.getIterations(); i++) {
            for (int r = 0; r < drawn.length; r++) {
                drawn[r] = random.nextInt(trainRows);
            }
            timer.driver();
            Broadcast<Shard.Step> step = sc.broadcast(new Shard.Step(copy(params), offsets, drawn.clone()));
            timer.broadcast();
            Shard.GradientSum sum = shards.treeAggregate(new Shard.GradientSum(), gradientOf(step, factory),
                    Shard.GradientSum::merge, aggregationDepth);
            timer.job(sum.getSlowestNanos());
            step.destroy();
            double loss = sum.meanInto(gradients) + (decay.getLambda() > 0 ? decay.penalty(params) : 0);
            requireFinite(i, loss);
            if (decay.getLambda() > 0) {
                decay.addGradients(params, gradients);
            }
            optimizer.update(params, gradients);
            timer.driver();
            timer.loss(loss);
        }
        return timer.result(trainRows, offsets.length - 1);
    }

    private SparkTrainingResult averaging(Model model, JavaRDD<Shard> shards, int[] offsets) {
        for (int p = 0; p + 1 < offsets.length; p++) {
            int size = offsets[p + 1] - offsets[p];
            if (size > 0 && size < config.getBatchSize()) {
                throw new IllegalArgumentException("parameter averaging draws batches of " + config.getBatchSize()
                        + " rows from each partition, but partition " + p + " has " + size
                        + "; use fewer partitions or a smaller batchSize");
            }
        }
        List<Parameter> params = model.getParameters();
        LocalTraining training = new LocalTraining(config);
        Map<String, double[]> optimizerState = Map.of();
        int rounds = (config.getIterations() + localSteps - 1) / localSteps;
        Timer timer = new Timer(rounds);
        for (int round = 0; round < rounds; round++) {
            int steps = Math.min(localSteps, config.getIterations() - round * localSteps);
            timer.driver();
            Broadcast<Shard.Round> start = sc.broadcast(new Shard.Round(copy(params), optimizerState, round, steps));
            timer.broadcast();
            Shard.Average average = shards.treeAggregate(new Shard.Average(), localStepsOf(start, factory, training),
                    Shard.Average::merge, aggregationDepth);
            timer.job(average.getSlowestNanos());
            start.destroy();
            optimizerState = average.meanInto(params);
            requireFinite(round * localSteps, average.meanLoss());
            timer.driver();
            timer.loss(average.meanLoss());
        }
        return timer.result(offsets[offsets.length - 1], offsets.length - 1);
    }

    /** The seqOp of a synchronous step: a static method, so that the function captures no trainer. */
    private static Function2<Shard.GradientSum, Shard, Shard.GradientSum> gradientOf(Broadcast<Shard.Step> step, ModelFactory factory) {
        return (sum, shard) -> shard.addGradient(step.value(), factory, sum);
    }

    private static Function2<Shard.Average, Shard, Shard.Average> localStepsOf(Broadcast<Shard.Round> round, ModelFactory factory,
            LocalTraining training) {
        return (average, shard) -> shard.addLocalSteps(round.value(), factory, training, average);
    }

    private static double[][] copy(List<Parameter> params) {
        double[][] weights = new double[params.size()][];
        for (int p = 0; p < weights.length; p++) {
            weights[p] = params.get(p).getValues().clone();
        }
        return weights;
    }

    private static void requireSameParameters(List<Parameter> driver, List<Parameter> executor) {
        if (!driver.toString().equals(executor.toString())) {
            throw new IllegalArgumentException("the factory's model has parameters " + executor + ", the model to train "
                    + driver + "; the factory must create models of the same layers");
        }
    }

    private void requireFinite(int iteration, double loss) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(iteration, "training diverged at iteration " + iteration + ": loss is " + loss
                    + "; lower the learning rate (now " + config.getLearningRate() + ")");
        }
    }

    /**
     * What a failed job wraps, when it says more than the job's failure: the training's divergence, or the
     * {@link IllegalArgumentException} of rows that do not fit the model; null for any other failure.
     */
    private static @Nullable RuntimeException causeOf(Exception e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof TrainingDivergedException || cause instanceof IllegalArgumentException) {
                return (RuntimeException) cause;
            }
        }
        return null;
    }

    /** Where the time of each round goes, measured on the driver and, for the computation, in the tasks. */
    private static final class Timer {
        private final double[] losses;
        private final long start = System.nanoTime();
        private long last = start;
        private long driverNanos;
        private long broadcastNanos;
        private long jobNanos;
        private long computeNanos;
        private int rounds;

        Timer(int rounds) {
            this.losses = new double[rounds];
        }

        private long lap() {
            long now = System.nanoTime();
            long lap = now - last;
            last = now;
            return lap;
        }

        void driver() {
            driverNanos += lap();
        }

        void broadcast() {
            broadcastNanos += lap();
        }

        void job(long slowestPartitionNanos) {
            jobNanos += lap();
            computeNanos += slowestPartitionNanos;
        }

        void loss(double loss) {
            losses[rounds++] = loss;
        }

        SparkTrainingResult result(int rows, int partitions) {
            return new SparkTrainingResult(losses, rows, partitions, (System.nanoTime() - start) / 1e9, broadcastNanos / 1e9,
                    jobNanos / 1e9, computeNanos / 1e9, driverNanos / 1e9);
        }
    }

    /** Builds a {@link SparkTrainer}; each setter checks its value at once. */
    public static final class Builder {
        private final JavaSparkContext sc;
        private final ModelFactory factory;
        private TrainingConfig config = TrainingConfig.builder().build();
        private int localSteps;
        private int aggregationDepth = 2;

        private Builder(JavaSparkContext sc, ModelFactory factory) {
            this.sc = Objects.requireNonNull(sc, "sc must be a running JavaSparkContext, got null");
            this.factory = Objects.requireNonNull(factory, "factory must create the model to train, got null");
        }

        /**
         * Learning rate, optimiser, batch size, iterations, weight decay and seed, as for the single-machine trainer
         * (its book defaults otherwise). Evaluation and loss recording settings do not apply: the result records the
         * loss of each iteration's batch before its update.
         */
        public Builder config(TrainingConfig config) {
            this.config = Objects.requireNonNull(config, "config must be a TrainingConfig, got null");
            return this;
        }

        /**
         * Parameter averaging every {@code localSteps} local iterations instead of synchronous SGD; the configured
         * iterations are then each partition's local iterations, in rounds of {@code localSteps}.
         */
        public Builder parameterAveraging(int localSteps) {
            if (localSteps < 1) {
                throw new IllegalArgumentException("localSteps must be >= 1, got " + localSteps);
            }
            this.localSteps = localSteps;
            return this;
        }

        /** The depth of {@code treeAggregate}'s tree (2, Spark MLlib's default, unless set). */
        public Builder aggregationDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("aggregationDepth must be >= 1, got " + depth);
            }
            this.aggregationDepth = depth;
            return this;
        }

        public SparkTrainer build() {
            return new SparkTrainer(this);
        }
    }
}
