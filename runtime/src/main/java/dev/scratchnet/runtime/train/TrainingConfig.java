package dev.scratchnet.runtime.train;

import java.util.Objects;

/**
 * Settings of one training run, immutable; built with {@link #builder()}. Defaults are the book's
 * {@code ch04/train_neuralnet.py}: 10,000 iterations of mini-batches of 100 at learning rate 0.1 (SGD),
 * evaluated once per epoch.
 *
 * <p>Each setter checks its value at once and throws {@link IllegalArgumentException} naming the setting by its
 * builder method, e.g. {@code learningRate must be finite and > 0, got -0.1}. The batch size is checked
 * against the training set when training starts.
 */
public final class TrainingConfig {
    /** {@link Builder#evaluateEvery(int)} value meaning once per epoch, as the book does. */
    public static final int EVERY_EPOCH = 0;

    /**
     * {@link Builder#evaluateEvery(int)} value meaning no evaluation at all, not even at the end (the result's
     * accuracies are then NaN): SGD only, for benchmarks.
     */
    public static final int NEVER = -1;

    private final double learningRate;
    private final int batchSize;
    private final int iterations;
    private final int evaluateEvery;
    private final long seed;
    private final OptimizerType optimizer;
    private final GradientMode gradientMode;
    private final double weightDecay;
    private final boolean recordLoss;

    private TrainingConfig(Builder b) {
        this.learningRate = b.learningRate;
        this.batchSize = b.batchSize;
        this.iterations = b.iterations;
        this.evaluateEvery = b.evaluateEvery;
        this.seed = b.seed;
        this.optimizer = b.optimizer;
        this.gradientMode = b.gradientMode;
        this.weightDecay = b.weightDecay;
        this.recordLoss = b.recordLoss;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, e.g. to resume with more iterations. */
    public Builder toBuilder() {
        return new Builder()
                .learningRate(learningRate)
                .batchSize(batchSize)
                .iterations(iterations)
                .evaluateEvery(evaluateEvery)
                .seed(seed)
                .optimizer(optimizer)
                .gradientMode(gradientMode)
                .weightDecay(weightDecay)
                .recordLoss(recordLoss);
    }

    /** The step size of the optimizer. */
    public double getLearningRate() {
        return learningRate;
    }

    /** Rows drawn (with replacement) per iteration. */
    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Checks that the batch size fits a training set of {@code trainSize} rows (a batch is drawn from it).
     *
     * @throws IllegalArgumentException naming the setting, the allowed range and the value
     */
    public void requireBatchFits(int trainSize) {
        if (batchSize > trainSize) {
            throw new IllegalArgumentException("batchSize must be in [1, " + trainSize + "] (the training set has "
                    + trainSize + " rows), got " + batchSize);
        }
    }

    /** Total iterations of the run, counting those done before a resume. */
    public int getIterations() {
        return iterations;
    }

    /** Iterations between accuracy evaluations, {@link #EVERY_EPOCH} or {@link #NEVER}. */
    public int getEvaluateEvery() {
        return evaluateEvery;
    }

    /** The seed of the generator that draws mini-batches. */
    public long getSeed() {
        return seed;
    }

    /** The optimizer, created with the learning rate and the book's other defaults. */
    public OptimizerType getOptimizer() {
        return optimizer;
    }

    /** How gradients are computed: backpropagation or central differences. */
    public GradientMode getGradientMode() {
        return gradientMode;
    }

    /** The L2 weight decay λ; 0 for none. */
    public double getWeightDecay() {
        return weightDecay;
    }

    /** Whether the mini-batch loss is computed and recorded after each update (benchmarks turn it off). */
    public boolean isRecordLoss() {
        return recordLoss;
    }

    @Override
    public String toString() {
        return "TrainingConfig[optimizer=" + optimizer + ", learningRate=" + learningRate + ", batchSize=" + batchSize
                + ", iterations=" + iterations + ", evaluateEvery=" + evaluateEvery + ", seed=" + seed
                + ", gradientMode=" + gradientMode + ", weightDecay=" + weightDecay + ", recordLoss=" + recordLoss + "]";
    }

    /** Builds a {@link TrainingConfig}; every setter validates its value. */
    public static final class Builder {
        private double learningRate = 0.1;
        private int batchSize = 100;
        private int iterations = 10_000;
        private int evaluateEvery = EVERY_EPOCH;
        private long seed;
        private OptimizerType optimizer = OptimizerType.SGD;
        private GradientMode gradientMode = GradientMode.BACKPROP;
        private double weightDecay;
        private boolean recordLoss = true;

        private Builder() {
        }

        public Builder learningRate(double learningRate) {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
            }
            this.learningRate = learningRate;
            return this;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder iterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
            }
            this.iterations = iterations;
            return this;
        }

        /** Iterations between evaluations ({@code >= 1}), {@link #EVERY_EPOCH} or {@link #NEVER}. */
        public Builder evaluateEvery(int evaluateEvery) {
            if (evaluateEvery < NEVER) {
                throw new IllegalArgumentException("evaluateEvery must be >= 1 iterations, " + EVERY_EPOCH
                        + " for once per epoch or " + NEVER + " for never, got " + evaluateEvery);
            }
            this.evaluateEvery = evaluateEvery;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optimizer(OptimizerType optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer must be one of SGD, MOMENTUM, ADAGRAD, ADAM, got null");
            return this;
        }

        public Builder gradientMode(GradientMode gradientMode) {
            this.gradientMode = Objects.requireNonNull(gradientMode, "gradientMode must be BACKPROP or NUMERICAL, got null");
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("weightDecay must be finite and >= 0, got " + weightDecay);
            }
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder recordLoss(boolean recordLoss) {
            this.recordLoss = recordLoss;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(this);
        }
    }
}
