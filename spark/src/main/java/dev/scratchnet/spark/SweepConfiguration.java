package dev.scratchnet.spark;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import dev.scratchnet.runtime.train.GradientMode;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.TrainingConfig;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One training run of a sweep: a network of one hidden layer built with the DSL
 * ({@code inputs → hidden (activation) → classes}, softmax with cross-entropy, every layer initialised by
 * {@code init}) and the trainer's settings. Defaults are those of the {@code mnist} command, i.e. the book's:
 * 50 ReLU units, book initialisation, SGD at learning rate 0.1, batches of 100, 10,000 iterations, seed 0.
 *
 * <p>The seed draws both the initial weights and the mini-batches, so {@link #newNetwork} followed by
 * {@code new Trainer(network, toTrainingConfig()).train(train, test)} is exactly what a sweep's task runs: on one
 * machine it gives the same weights, bit for bit.
 *
 * <p>Immutable and {@link Serializable}: configurations travel to Spark's executors.
 */
public final class SweepConfiguration implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int hidden;
    private final ActivationFunction activation;
    private final InitMethod init;
    private final OptimizerType optimizer;
    private final double learningRate;
    private final int batchSize;
    private final int iterations;
    private final double weightDecay;
    private final GradientMode gradient;
    private final long seed;

    private SweepConfiguration(Builder b, TrainingConfig training) {
        this.hidden = b.hidden;
        this.activation = b.activation;
        this.init = b.init;
        this.optimizer = training.getOptimizer();
        this.learningRate = training.getLearningRate();
        this.batchSize = training.getBatchSize();
        this.iterations = training.getIterations();
        this.weightDecay = training.getWeightDecay();
        this.gradient = training.getGradientMode();
        this.seed = training.getSeed();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, e.g. to derive one that differs in one setting. */
    public Builder toBuilder() {
        return builder().hidden(hidden).activation(activation).init(init).optimizer(optimizer).learningRate(learningRate)
                .batchSize(batchSize).iterations(iterations).weightDecay(weightDecay).gradient(gradient).seed(seed);
    }

    /** Units of the hidden layer. */
    public int getHidden() {
        return hidden;
    }

    /** The hidden layer's activation. */
    public ActivationFunction getActivation() {
        return activation;
    }

    /** How every layer's weights are initialised. */
    public InitMethod getInit() {
        return init;
    }

    public OptimizerType getOptimizer() {
        return optimizer;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public int getIterations() {
        return iterations;
    }

    /** The L2 weight decay λ; 0 for none. */
    public double getWeightDecay() {
        return weightDecay;
    }

    public GradientMode getGradient() {
        return gradient;
    }

    /** The seed of the initial weights and of the mini-batches. */
    public long getSeed() {
        return seed;
    }

    /** The trainer's settings: these, evaluated once per epoch as the book does. */
    public TrainingConfig toTrainingConfig() {
        return TrainingConfig.builder()
                .optimizer(optimizer)
                .learningRate(learningRate)
                .batchSize(batchSize)
                .iterations(iterations)
                .weightDecay(weightDecay)
                .gradientMode(gradient)
                .seed(seed)
                .build();
    }

    /** The network for rows of {@code inputs} values in {@code classes} classes, initialised from the seed. */
    public SequentialNetwork newNetwork(int inputs, int classes) {
        SequentialNetwork network = network(inputs, hidden, activation, init, classes);
        network.initialize(seed);
        return network;
    }

    private static SequentialNetwork network(int inputs, int hidden, ActivationFunction activation, InitMethod init, int classes) {
        return Networks.sequential(inputs, n -> {
            n.dense(hidden, activation).init(init);
            n.dense(classes).init(init);
            n.loss(LossFunction.SOFTMAX_CROSS_ENTROPY);
        });
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SweepConfiguration c && hidden == c.hidden && activation == c.activation && init == c.init
                && optimizer == c.optimizer && Double.compare(learningRate, c.learningRate) == 0 && batchSize == c.batchSize
                && iterations == c.iterations && Double.compare(weightDecay, c.weightDecay) == 0 && gradient == c.gradient
                && seed == c.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(hidden, activation, init, optimizer, learningRate, batchSize, iterations, weightDecay, gradient, seed);
    }

    /** The settings as the {@code mnist} command's flags name them, e.g. {@code hidden=50 activation=relu …}. */
    @Override
    public String toString() {
        return "hidden=" + hidden + " activation=" + lower(activation) + " init=" + lower(init) + " optimizer=" + lower(optimizer)
                + " learning-rate=" + learningRate + " batch-size=" + batchSize + " iterations=" + iterations
                + " weight-decay=" + weightDecay + " gradient=" + lower(gradient) + " seed=" + seed;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Builds a {@link SweepConfiguration}. The trainer's settings are checked as they are set, by the rules and with
     * the messages of {@link TrainingConfig.Builder}; the network is checked by the DSL's rules in {@link #build()}.
     */
    public static final class Builder {
        private final TrainingConfig.Builder training = TrainingConfig.builder().iterations(10_000);
        private int hidden = 50;
        private ActivationFunction activation = ActivationFunction.RELU;
        private InitMethod init = InitMethod.BOOK;

        private Builder() {
        }

        public Builder hidden(int hidden) {
            this.hidden = hidden;
            return this;
        }

        public Builder activation(ActivationFunction activation) {
            this.activation = Objects.requireNonNull(activation, "activation must be RELU, SIGMOID, TANH or IDENTITY, got null");
            return this;
        }

        public Builder init(InitMethod init) {
            this.init = Objects.requireNonNull(init, "init must be BOOK, XAVIER or HE, got null");
            return this;
        }

        public Builder optimizer(OptimizerType optimizer) {
            training.optimizer(optimizer);
            return this;
        }

        public Builder learningRate(double learningRate) {
            training.learningRate(learningRate);
            return this;
        }

        public Builder batchSize(int batchSize) {
            training.batchSize(batchSize);
            return this;
        }

        public Builder iterations(int iterations) {
            training.iterations(iterations);
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            training.weightDecay(weightDecay);
            return this;
        }

        public Builder gradient(GradientMode gradient) {
            training.gradientMode(gradient);
            return this;
        }

        public Builder seed(long seed) {
            training.seed(seed);
            return this;
        }

        /**
         * @throws dev.scratchnet.runtime.dsl.InvalidNetworkException if the hidden layer breaks a network rule (no
         *         units, or an activation only the last layer may have)
         */
        public SweepConfiguration build() {
            // The smallest network of this shape: the rules do not depend on the widths of inputs and outputs.
            network(1, hidden, activation, init, 2);
            return new SweepConfiguration(this, training.build());
        }
    }
}
