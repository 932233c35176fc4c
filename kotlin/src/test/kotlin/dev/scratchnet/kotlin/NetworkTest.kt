package dev.scratchnet.kotlin

import dev.scratchnet.annotations.ActivationFunction.SIGMOID
import dev.scratchnet.annotations.ActivationFunction.TANH
import dev.scratchnet.annotations.InitMethod.XAVIER
import dev.scratchnet.annotations.LossFunction.MEAN_SQUARED_ERROR
import dev.scratchnet.runtime.dsl.InvalidNetworkException
import dev.scratchnet.runtime.dsl.Networks
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class NetworkTest {
    @Test
    fun networkBuildsWhatTheJavaBuilderBuilds() {
        val kotlin = network(inputs = 6) {
            dense(5, TANH).init(XAVIER)
            dense(4, SIGMOID)
            dense(2)
            loss(MEAN_SQUARED_ERROR)
        }
        val java = Networks.builder(6)
            .dense(5, TANH).init(XAVIER)
            .dense(4, SIGMOID)
            .dense(2)
            .loss(MEAN_SQUARED_ERROR)
            .build()

        assertEquals(java.layers, kotlin.layers)
        assertEquals(java.loss, kotlin.loss)
        assertEquals(java.toString(), kotlin.toString())
    }

    @Test
    fun networkReportsEveryBrokenRule() {
        val e = assertThrows<InvalidNetworkException> { network(inputs = 784) {} }

        assertEquals(listOf("[NetNoLayers] a network needs at least one layer; add one with dense(units)",
            "[NetMissingLoss] a network needs a loss; call loss(SOFTMAX_CROSS_ENTROPY) for classification or"
                + " loss(MEAN_SQUARED_ERROR) for regression"), e.violations)
    }
}
