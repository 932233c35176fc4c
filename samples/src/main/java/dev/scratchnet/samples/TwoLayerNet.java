package dev.scratchnet.samples;

import dev.scratchnet.annotations.Activation;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.Dense;
import dev.scratchnet.annotations.Layer;
import dev.scratchnet.annotations.Loss;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.annotations.Network;

/**
 * The book's two-layer network of chapter 5 ({@code ch05/two_layer_net.py}): 784 inputs, 50 ReLU units,
 * 10 outputs whose softmax the loss applies. Compiling this class generates {@code TwoLayerNetModel}
 * and {@code TwoLayerNetTrainer}.
 */
@Network(inputs = 784)
@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)
public class TwoLayerNet {
    @Layer(units = 50)
    @Activation(ActivationFunction.RELU)
    Dense hidden;

    @Layer(units = 10)
    Dense output;
}
