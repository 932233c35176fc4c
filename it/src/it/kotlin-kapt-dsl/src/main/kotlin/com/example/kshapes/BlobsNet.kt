package com.example.kshapes

import dev.scratchnet.annotations.Activation
import dev.scratchnet.annotations.ActivationFunction.RELU
import dev.scratchnet.annotations.Dense
import dev.scratchnet.annotations.Init
import dev.scratchnet.annotations.InitMethod.HE
import dev.scratchnet.annotations.Layer
import dev.scratchnet.annotations.Loss
import dev.scratchnet.annotations.LossFunction.SOFTMAX_CROSS_ENTROPY
import dev.scratchnet.annotations.Network

/** Tells which of three clusters of the plane a point belongs to; kapt generates BlobsNetModel and BlobsNetTrainer. */
@Network(inputs = 2)
@Loss(SOFTMAX_CROSS_ENTROPY)
@Init(HE)
class BlobsNet {
    @Layer(units = 16)
    @Activation(RELU)
    lateinit var hidden: Dense

    @Layer(units = 3)
    lateinit var output: Dense
}
