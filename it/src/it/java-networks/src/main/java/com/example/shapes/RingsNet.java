package com.example.shapes;

import dev.scratchnet.annotations.Activation;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.Dense;
import dev.scratchnet.annotations.Init;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.Layer;
import dev.scratchnet.annotations.Loss;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.annotations.Network;

/** Tells the inner of two concentric rings from the outer one: no straight line does. */
@Network(inputs = 2)
@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)
public class RingsNet {
    @Layer(units = 24)
    @Activation(ActivationFunction.TANH)
    @Init(InitMethod.XAVIER)
    Dense first;

    @Layer(units = 12)
    @Activation(ActivationFunction.TANH)
    @Init(InitMethod.XAVIER)
    Dense second;

    @Layer(units = 2)
    Dense output;
}
