package dev.scratchnet.spark;

import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.TrainingConfig;
import java.io.Serial;
import java.io.Serializable;

/**
 * The settings of a {@link SparkTrainer}'s {@link TrainingConfig} that parameter averaging's local steps need on the
 * executors, where a {@code TrainingConfig} (not serializable) cannot go.
 */
final class LocalTraining implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final OptimizerType optimizer;
    private final double learningRate;
    private final int batchSize;
    private final double weightDecay;
    private final long seed;

    LocalTraining(TrainingConfig config) {
        this.optimizer = config.getOptimizer();
        this.learningRate = config.getLearningRate();
        this.batchSize = config.getBatchSize();
        this.weightDecay = config.getWeightDecay();
        this.seed = config.getSeed();
    }

    long getSeed() {
        return seed;
    }

    /** {@code steps} iterations drawing batches with {@code seed}, without evaluations. */
    TrainingConfig config(int steps, long seed) {
        return TrainingConfig.builder()
                .optimizer(optimizer)
                .learningRate(learningRate)
                .batchSize(batchSize)
                .weightDecay(weightDecay)
                .iterations(steps)
                .seed(seed)
                .evaluateEvery(TrainingConfig.NEVER)
                .build();
    }

    /**
     * The seed of partition {@code partition}'s batches in round {@code round}: SplitMix64's finaliser over the three,
     * so that partitions and rounds draw unrelated batches, and a rerun draws the same.
     */
    static long seed(long seed, int round, int partition) {
        long z = seed + 0x9E3779B97F4A7C15L * ((((long) round) << 32 | partition) + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
