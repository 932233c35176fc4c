package com.example.broken;

import dev.scratchnet.annotations.Activation;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.Dense;
import dev.scratchnet.annotations.Layer;
import dev.scratchnet.annotations.Loss;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.annotations.Network;

/** Softmax on a hidden layer: a rule the processor enforces. */
@Network(inputs = 4)
@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)
public class SoftmaxInTheMiddle {
    @Layer(units = 8)
    @Activation(ActivationFunction.SOFTMAX)
    Dense hidden;

    @Layer(units = 3)
    Dense output;
}
