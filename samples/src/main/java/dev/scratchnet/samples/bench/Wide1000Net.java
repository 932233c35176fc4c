package dev.scratchnet.samples.bench;

import dev.scratchnet.annotations.Activation;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.Dense;
import dev.scratchnet.annotations.Layer;
import dev.scratchnet.annotations.Loss;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.annotations.Network;

/** A benchmark shape: the two-layer net with 1,000 hidden ReLU units, for kernels whose outputs do not fit registers. */
@Network(inputs = 784)
@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)
class Wide1000Net {
    @Layer(units = 1000)
    @Activation(ActivationFunction.RELU)
    Dense hidden;

    @Layer(units = 10)
    Dense output;
}
