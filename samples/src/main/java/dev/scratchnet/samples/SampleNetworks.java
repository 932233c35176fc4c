package dev.scratchnet.samples;

import dev.scratchnet.runtime.ActivationFunction;
import dev.scratchnet.runtime.LossFunction;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingResult;
import java.util.function.BiFunction;

/** The book's two-layer network, as a generated model or built with the DSL. */
public final class SampleNetworks {
    /** Hidden units of the annotated {@link TwoLayerNet} and {@link TwoLayerNetSigmoid}. */
    public static final int GENERATED_HIDDEN = TwoLayerNetModel.UNITS_1;

    private SampleNetworks() {}

    /** Which front door builds the network. */
    public enum Kind {
        /** The annotation processor's {@code TwoLayerNetModel} / {@code TwoLayerNetSigmoidModel}. */
        GENERATED,
        /** {@link Networks#sequential} at run time. */
        DSL
    }

    /** The hidden activations the book trains the two-layer net with. */
    public enum Hidden {
        RELU(ActivationFunction.RELU),
        SIGMOID(ActivationFunction.SIGMOID);

        private final ActivationFunction function;

        Hidden(ActivationFunction function) {
            this.function = function;
        }

        public ActivationFunction getFunction() {
            return function;
        }
    }

    /**
     * A 784-{@code hidden}-10 network with zero weights. The generated models have {@value #GENERATED_HIDDEN}
     * hidden units, fixed at compile time; ask for another width with {@link Kind#DSL}.
     */
    public static Model twoLayerNet(Kind kind, Hidden activation, int hidden) {
        if (kind == Kind.GENERATED) {
            if (hidden != GENERATED_HIDDEN) {
                throw new IllegalArgumentException("the generated TwoLayerNet has " + GENERATED_HIDDEN
                        + " hidden units (a compile-time constant), not " + hidden
                        + "; use --network dsl for other widths");
            }
            return activation == Hidden.RELU ? new TwoLayerNetModel() : new TwoLayerNetSigmoidModel();
        }
        return Networks.sequential(784, net -> {
            net.dense(hidden, activation.getFunction());
            net.dense(10);
            net.loss(LossFunction.SOFTMAX_CROSS_ENTROPY);
        });
    }

    /**
     * The loop that trains a model: {@link #trainer()} is the runtime loop itself (for listeners, checkpoints and
     * Ctrl-C), {@link #train} runs it — through the generated trainer for generated models, whose fused update
     * gives the same weights, bit for bit.
     */
    public record Training(Trainer trainer, BiFunction<Dataset, Dataset, TrainingResult> run) {
        public TrainingResult train(Dataset train, Dataset test) {
            return run.apply(train, test);
        }
    }

    /** The training loop for a model made by {@link #twoLayerNet}. */
    public static Training training(Model model, TrainingConfig config) {
        if (model instanceof TwoLayerNetModel generated) {
            TwoLayerNetTrainer trainer = new TwoLayerNetTrainer(generated, config);
            return new Training(trainer.getTrainer(), trainer::train);
        }
        if (model instanceof TwoLayerNetSigmoidModel generated) {
            TwoLayerNetSigmoidTrainer trainer = new TwoLayerNetSigmoidTrainer(generated, config);
            return new Training(trainer.getTrainer(), trainer::train);
        }
        Trainer trainer = new Trainer(model, config);
        return new Training(trainer, trainer::train);
    }
}
