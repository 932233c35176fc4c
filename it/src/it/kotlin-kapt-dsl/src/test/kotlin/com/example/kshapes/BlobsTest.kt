package com.example.kshapes

import dev.scratchnet.kotlin.ClassificationMetrics
import dev.scratchnet.kotlin.evaluate
import dev.scratchnet.kotlin.fit
import dev.scratchnet.runtime.train.OptimizerType
import dev.scratchnet.runtime.train.TrainingConfig
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class BlobsTest {
    private val data = blobs(900, seed = 1).split(0.3, 2)

    @Test
    fun kaptGeneratedTrainerLearnsTheBlobs() {
        val model = BlobsNetModel().apply { initialize(3) }
        val config = TrainingConfig.builder().iterations(1_500).batchSize(32).optimizer(OptimizerType.ADAM)
            .learningRate(0.01).seed(11).build()

        val result = BlobsNetTrainer(model, config).train(data.train(), data.test())

        assertTrue(result.testAccuracy >= 0.97, "test accuracy ${result.testAccuracy}")
    }

    @Test
    fun dslNetworkFitsTheBlobs() {
        val net = blobsNetwork().apply { initialize(3) }

        val history = net.fit(data.train(), data.test()) {
            iterations = 1_500
            batchSize = 32
            optimizer = adam(0.01)
            seed = 11
        }

        val metrics = net.evaluate(data.test()) as ClassificationMetrics
        assertTrue(metrics.accuracy >= 0.97, "test accuracy ${metrics.accuracy}")
        assertEquals(1_500, history.losses.size)
    }
}
