package dev.scratchnet.spark;

import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingState;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One partition of a {@link SparkTrainer}'s rows, cached by Spark: the rows as a {@link Dataset}, and, built on first
 * use and kept while the partition stays cached, a model from the factory with its gradients and batches. A shard
 * that Spark drops and recomputes builds them again.
 *
 * <p>The arrays are plain fields and the work objects transient, so either of Spark's serializers can spill a shard to
 * disk.
 */
final class Shard implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int partition;
    private final double[] x;
    private final int[] labels;
    private final int features;
    private final int classes;
    private transient @Nullable Dataset dataset;
    private transient @Nullable Model model;
    private transient @Nullable Gradients gradients;
    private transient @Nullable Map<Integer, Batch> batches;

    private Shard(int partition, double[] x, int[] labels, int features, int classes) {
        this.partition = partition;
        this.x = x;
        this.labels = labels;
        this.features = features;
        this.classes = classes;
    }

    /**
     * The rows of partition {@code partition}.
     *
     * @throws IllegalArgumentException if a row is not {@code features} wide or its label is not a class
     */
    static Shard of(int partition, Iterator<LabeledRow> rows, int features, int classes) {
        double[] x = new double[0];
        int[] labels = new int[0];
        int n = 0;
        while (rows.hasNext()) {
            LabeledRow row = rows.next();
            if (row.getInputs().length != features) {
                throw new IllegalArgumentException("row " + n + " of partition " + partition + " has " + row.getInputs().length
                        + " inputs; the model takes " + features);
            }
            if (n == labels.length) {
                labels = Arrays.copyOf(labels, Math.max(16, 2 * n));
                x = Arrays.copyOf(x, Math.multiplyExact(labels.length, features));
            }
            System.arraycopy(row.getInputs(), 0, x, n * features, features);
            labels[n++] = row.getLabel();
        }
        Shard shard = new Shard(partition, Arrays.copyOf(x, n * features), Arrays.copyOf(labels, n), features, classes);
        shard.dataset();
        return shard;
    }

    int size() {
        return labels.length;
    }

    private Dataset dataset() {
        if (dataset == null) {
            dataset = new Dataset(x, labels, features, classes);
        }
        return dataset;
    }

    /** The factory's model holding {@code weights}. */
    private Model model(ModelFactory factory, double[][] weights) {
        if (model == null) {
            model = factory.create();
            gradients = model.newGradients();
            batches = new HashMap<>();
        }
        List<Parameter> params = model.getParameters();
        for (int p = 0; p < params.size(); p++) {
            System.arraycopy(weights[p], 0, params.get(p).getValues(), 0, weights[p].length);
        }
        return model;
    }

    /**
     * Adds to {@code sum} the gradient of the loss summed over this partition's rows among those the step drew (each
     * as often as it was drawn): the model's mean gradient over them, times their number.
     */
    synchronized GradientSum addGradient(Step step, ModelFactory factory, GradientSum sum) {
        int[] rows = step.rowsOf(partition);
        if (rows.length == 0) {
            return sum;
        }
        Model m = model(factory, step.weights);
        Batch batch = batches.computeIfAbsent(rows.length, size -> new Batch(size, features, classes));
        dataset().copyRows(rows, batch);
        long start = System.nanoTime();
        double loss = m.gradient(batch, gradients);
        sum.add(gradients, rows.length, loss, System.nanoTime() - start);
        return sum;
    }

    /**
     * Runs {@code round.steps} iterations of the single-machine {@link Trainer} on this partition's rows from the
     * round's weights and optimiser state, with a seed of its own, and adds the weights and state it ends with to
     * {@code average}.
     */
    synchronized Average addLocalSteps(Round round, ModelFactory factory, LocalTraining training, Average average) {
        if (size() == 0) {
            return average;
        }
        Model m = model(factory, round.weights);
        TrainingConfig config = training.config(round.steps, LocalTraining.seed(training.getSeed(), round.round, partition));
        Trainer trainer = new Trainer(m, config);
        if (!round.optimizerState.isEmpty()) {
            trainer.setState(new TrainingState(0, trainer.getState().getRandomState(), round.optimizerState));
        }
        long start = System.nanoTime();
        double[] losses = trainer.train(dataset(), dataset()).getHistory().getLosses();
        double loss = 0;
        for (double l : losses) {
            loss += l;
        }
        average.add(m.getParameters(), trainer.getOptimizer().getState(), loss / losses.length, System.nanoTime() - start);
        return average;
    }

    /** What a synchronous step broadcasts: the weights, where each partition's rows begin, and the drawn rows. */
    static final class Step implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        private final double[][] weights;
        private final int[] offsets;
        private final int[] drawn;

        /** @param offsets the first row of each partition, then the number of rows: partition p holds [offsets[p], offsets[p+1]) */
        Step(double[][] weights, int[] offsets, int[] drawn) {
            this.weights = weights;
            this.offsets = offsets;
            this.drawn = drawn;
        }

        /** The drawn rows that lie in {@code partition}, as its own row numbers, in the order drawn. */
        int[] rowsOf(int partition) {
            int from = offsets[partition];
            int to = offsets[partition + 1];
            int n = 0;
            for (int row : drawn) {
                if (row >= from && row < to) {
                    n++;
                }
            }
            int[] rows = new int[n];
            n = 0;
            for (int row : drawn) {
                if (row >= from && row < to) {
                    rows[n++] = row - from;
                }
            }
            return rows;
        }
    }

    /** Gradient sums over the rows of some partitions: what a synchronous step's tasks return and the tree adds up. */
    static final class GradientSum implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        /** Null until the first partition with drawn rows, so that the zero shipped with each task is empty. */
        private double @Nullable [][] sums;
        private double lossSum;
        private int rows;
        private long slowestNanos;

        void add(Gradients gradients, int count, double meanLoss, long nanos) {
            if (sums == null) {
                sums = new double[gradients.size()][];
                for (int i = 0; i < sums.length; i++) {
                    sums[i] = new double[gradients.get(i).length];
                }
            }
            for (int i = 0; i < sums.length; i++) {
                double[] s = sums[i];
                double[] g = gradients.get(i);
                for (int k = 0; k < s.length; k++) {
                    s[k] += count * g[k];
                }
            }
            lossSum += count * meanLoss;
            rows += count;
            slowestNanos = Math.max(slowestNanos, nanos);
        }

        GradientSum merge(GradientSum other) {
            if (other.sums != null) {
                if (sums == null) {
                    sums = other.sums;
                } else {
                    addInto(sums, other.sums);
                }
            }
            lossSum += other.lossSum;
            rows += other.rows;
            slowestNanos = Math.max(slowestNanos, other.slowestNanos);
            return this;
        }

        /** Writes the mean gradient over the step's rows into {@code gradients}; returns the mean loss. */
        double meanInto(Gradients gradients) {
            if (sums == null) {
                throw new IllegalStateException("no partition computed a gradient: the step drew no rows");
            }
            for (int i = 0; i < sums.length; i++) {
                double[] s = sums[i];
                double[] g = gradients.get(i);
                for (int k = 0; k < s.length; k++) {
                    g[k] = s[k] / rows;
                }
            }
            return lossSum / rows;
        }

        long getSlowestNanos() {
            return slowestNanos;
        }
    }

    /** What a round of parameter averaging broadcasts: the weights and optimiser state to start from. */
    static final class Round implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        private final double[][] weights;
        private final LinkedHashMap<String, double[]> optimizerState;
        private final int round;
        private final int steps;

        Round(double[][] weights, Map<String, double[]> optimizerState, int round, int steps) {
            this.weights = weights;
            this.optimizerState = new LinkedHashMap<>(optimizerState);
            this.round = round;
            this.steps = steps;
        }
    }

    /** Sums of the partitions' weights and optimiser states after a round's local steps, to be averaged. */
    static final class Average implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        private double @Nullable [][] weights;
        private @Nullable LinkedHashMap<String, double[]> optimizerState;
        private double lossSum;
        private int partitions;
        private long slowestNanos;

        void add(List<Parameter> params, Map<String, double[]> state, double meanLoss, long nanos) {
            Average one = new Average();
            one.weights = new double[params.size()][];
            for (int p = 0; p < params.size(); p++) {
                one.weights[p] = params.get(p).getValues().clone();
            }
            one.optimizerState = new LinkedHashMap<>(state);
            one.lossSum = meanLoss;
            one.partitions = 1;
            one.slowestNanos = nanos;
            merge(one);
        }

        Average merge(Average other) {
            if (other.weights == null) {
                return this;
            }
            if (weights == null) {
                weights = other.weights;
                optimizerState = other.optimizerState;
            } else {
                addInto(weights, other.weights);
                for (Map.Entry<String, double[]> e : optimizerState.entrySet()) {
                    addInto(e.getValue(), other.optimizerState.get(e.getKey()));
                }
            }
            lossSum += other.lossSum;
            partitions += other.partitions;
            slowestNanos = Math.max(slowestNanos, other.slowestNanos);
            return this;
        }

        /** Writes the mean weights into {@code params} and returns the mean optimiser state. */
        Map<String, double[]> meanInto(List<Parameter> params) {
            for (int p = 0; p < params.size(); p++) {
                double[] w = params.get(p).getValues();
                for (int k = 0; k < w.length; k++) {
                    w[k] = weights[p][k] / partitions;
                }
            }
            Map<String, double[]> state = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : optimizerState.entrySet()) {
                double[] mean = e.getValue().clone();
                for (int k = 0; k < mean.length; k++) {
                    mean[k] /= partitions;
                }
                state.put(e.getKey(), mean);
            }
            return state;
        }

        double meanLoss() {
            return lossSum / partitions;
        }

        long getSlowestNanos() {
            return slowestNanos;
        }
    }

    private static void addInto(double[][] sums, double[][] more) {
        for (int i = 0; i < sums.length; i++) {
            addInto(sums[i], more[i]);
        }
    }

    private static void addInto(double[] sums, double[] more) {
        for (int k = 0; k < sums.length; k++) {
            sums[k] += more[k];
        }
    }
}
