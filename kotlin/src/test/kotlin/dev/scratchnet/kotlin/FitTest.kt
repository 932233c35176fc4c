package dev.scratchnet.kotlin

import dev.scratchnet.annotations.ActivationFunction.RELU
import dev.scratchnet.annotations.InitMethod.HE
import dev.scratchnet.annotations.LossFunction.SOFTMAX_CROSS_ENTROPY
import dev.scratchnet.runtime.dsl.SequentialNetwork
import dev.scratchnet.runtime.train.OptimizerType
import dev.scratchnet.runtime.train.Trainer
import dev.scratchnet.runtime.train.TrainingConfig
import dev.scratchnet.runtime.train.TrainingEvent
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class FitTest {
    private val train = blobs(300, seed = 1)
    private val test = blobs(150, seed = 2)

    private fun blobNet(): SequentialNetwork = network(inputs = 2) {
        dense(16, RELU).init(HE)
        dense(3)
        loss(SOFTMAX_CROSS_ENTROPY)
    }.apply { initialize(3) }

    @Test
    fun fitLearnsSeparableBlobs() {
        val net = blobNet()
        val history = net.fit(train, test) {
            epochs = 20
            batchSize = 30
            optimizer = adam(0.01)
        }

        assertTrue(history.testAccuracies.last() >= 0.95, "test accuracy ${history.testAccuracies.last()}")
    }

    @Test
    fun epochsCountTheBooksIterationsPerEpoch() {
        val history = blobNet().fit(train, test) {
            epochs = 4
            batchSize = 100
        }

        assertEquals(4 * 300 / 100, history.losses.size)
        assertArrayEquals(intArrayOf(0, 3, 6, 9), history.evaluationIterations)
    }

    @Test
    fun fitTrainsExactlyAsTheJavaTrainerWithTheSameSettings() {
        val viaFit = blobNet()
        val history = viaFit.fit(train, test) {
            iterations = 25
            batchSize = 20
            optimizer = momentum(0.05)
            seed = 7
            weightDecay = 0.001
            evaluateEvery = 5
        }
        val viaTrainer = blobNet()
        val config = TrainingConfig.builder().iterations(25).batchSize(20).optimizer(OptimizerType.MOMENTUM)
            .learningRate(0.05).seed(7).weightDecay(0.001).evaluateEvery(5).build()
        val result = Trainer(viaTrainer, config).train(train, test)

        assertArrayEquals(result.history.losses, history.losses)
        assertArrayEquals(result.history.testAccuracies, history.testAccuracies)
        viaTrainer.parameters.zip(viaFit.parameters).forEach { (java, kotlin) ->
            assertArrayEquals(java.values, kotlin.values, kotlin.name)
        }
    }

    @Test
    fun unsetSettingsAreTheJavaDefaults() {
        assertEquals(TrainingConfig.builder().build().toString(), FitSettings().config(trainSize = 60_000).toString())
    }

    @Test
    fun epochsAndIterationsTogetherAreRejected() {
        val e = assertThrows<IllegalArgumentException> {
            blobNet().fit(train, test) {
                epochs = 2
                iterations = 10
            }
        }
        assertEquals("set epochs or iterations, not both (epochs = 2, iterations = 10)", e.message)
    }

    @Test
    fun settingsOutOfRangeAreRejectedByName() {
        val epochs = assertThrows<IllegalArgumentException> { blobNet().fit(train, test) { epochs = 0 } }
        val rate = assertThrows<IllegalArgumentException> { blobNet().fit(train, test) { optimizer = adam(-0.1) } }

        assertEquals("epochs must be >= 1, got 0", epochs.message)
        assertEquals("learningRate must be finite and > 0, got -0.1", rate.message)
    }

    @Test
    fun earlyStoppingEndsARunThatStoppedImproving() {
        lateinit var stopper: dev.scratchnet.runtime.train.EarlyStopping
        val history = blobNet().fit(train, test) {
            iterations = 1_000
            evaluateEvery = 10
            optimizer = sgd(1e-9)
            stopper = earlyStopping(patience = 2, minDelta = 1e-3)
        }

        assertTrue(stopper.hasStopped())
        assertEquals(20, stopper.stoppedIteration)
        assertEquals(21, history.losses.size)
    }

    @Test
    fun onEventHearsEveryIterationAndEvaluation() {
        val events = mutableListOf<TrainingEvent>()
        blobNet().fit(train, test) {
            iterations = 12
            batchSize = 100
            onEvent { events += it }
        }

        assertEquals(12, events.count { !it.isEvaluation })
        assertEquals(listOf(0, 3, 6, 9), events.filter { it.isEvaluation }.map { it.iteration })
    }
}
