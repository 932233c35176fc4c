package dev.scratchnet.samples.bench;

import dev.scratchnet.annotations.Activation;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.Dense;
import dev.scratchnet.annotations.Layer;
import dev.scratchnet.annotations.Loss;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.annotations.Network;

/** A benchmark shape: 784-100-50-30-10, one of each hidden activation, for the costs of depth and of tanh and sigmoid. */
@Network(inputs = 784)
@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)
class DeepNet {
    @Layer(units = 100)
    @Activation(ActivationFunction.RELU)
    Dense first;

    @Layer(units = 50)
    @Activation(ActivationFunction.TANH)
    Dense second;

    @Layer(units = 30)
    @Activation(ActivationFunction.SIGMOID)
    Dense third;

    @Layer(units = 10)
    Dense output;
}
