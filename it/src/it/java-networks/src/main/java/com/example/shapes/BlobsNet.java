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

/** Tells which of three clusters of the plane a point belongs to. */
@Network(inputs = 2)
@Loss(LossFunction.SOFTMAX_CROSS_ENTROPY)
@Init(InitMethod.HE)
public class BlobsNet {
    @Layer(units = 16)
    @Activation(ActivationFunction.RELU)
    Dense hidden;

    @Layer(units = 3)
    Dense output;
}
