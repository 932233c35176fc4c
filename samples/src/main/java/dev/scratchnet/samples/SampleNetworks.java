package dev.scratchnet.samples;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.dsl.Networks;

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
}
