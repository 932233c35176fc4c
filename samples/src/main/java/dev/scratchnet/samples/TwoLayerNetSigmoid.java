package dev.scratchnet.samples;

import dev.scratchnet.annotations.Activation;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.Dense;
import dev.scratchnet.annotations.Layer;
import dev.scratchnet.annotations.Loss;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.annotations.Network;

/**
 * The two-layer network of chapter 4 ({@code ch04/two_layer_net.py}): as {@link TwoLayerNet} but with
 * sigmoid hidden units. Compiling this class generates {@code TwoLayerNetSigmoidModel}.
 */
@Network(inputs = 784)
@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)
public class TwoLayerNetSigmoid {
    @Layer(units = 50)
    @Activation(ActivationFunction.SIGMOID)
    Dense hidden;

    @Layer(units = 10)
    Dense output;
}
