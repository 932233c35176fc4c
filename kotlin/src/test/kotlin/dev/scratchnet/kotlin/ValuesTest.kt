package dev.scratchnet.kotlin

import dev.scratchnet.annotations.ActivationFunction.IDENTITY
import dev.scratchnet.annotations.ActivationFunction.TANH
import dev.scratchnet.annotations.LossFunction.MEAN_SQUARED_ERROR
import dev.scratchnet.annotations.LossFunction.SOFTMAX_CROSS_ENTROPY
import dev.scratchnet.runtime.data.Dataset
import dev.scratchnet.runtime.eval.ClassificationEvaluation
import dev.scratchnet.runtime.eval.RegressionEvaluation
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class ValuesTest {
    @Test
    fun summarizeHoldsWhatTheJavaSummarySays() {
        val net = network(inputs = 4) {
            dense(5, TANH)
            dense(3)
            loss(SOFTMAX_CROSS_ENTROPY)
        }

        val (name, inputs, layers, loss, total) = net.summarize()

        assertEquals("SequentialNetwork", name)
        assertEquals(4, inputs)
        assertEquals(listOf(LayerSummary("dense1", 5, TANH, 25), LayerSummary("dense2", 3, IDENTITY, 18)), layers)
        assertEquals(SOFTMAX_CROSS_ENTROPY, loss)
        assertEquals(net.summary().totalParameters, total)
    }

    @Test
    fun evaluateOnLabelsGivesTheJavaClassificationEvaluation() {
        val net = network(inputs = 2) {
            dense(8, TANH)
            dense(3)
            loss(SOFTMAX_CROSS_ENTROPY)
        }.apply { initialize(5) }
        val data = blobs(90, seed = 4)

        val metrics = net.evaluate(data) as ClassificationMetrics
        val java = ClassificationEvaluation.of(net, data)

        assertEquals(java.rows, metrics.rows)
        assertEquals(java.loss, metrics.loss)
        assertEquals(java.accuracy, metrics.accuracy)
        assertEquals(java.confusion.map { it.toList() }, metrics.confusion)
        assertEquals((0 until 3).map { java.getRecall(it) }, metrics.classes.map { it.recall })
        assertEquals((0 until 3).map { java.getSupport(it) }, metrics.classes.map { it.support })
        assertEquals(AveragedMetrics(java.macroPrecision, java.macroRecall, java.macroF1), metrics.macro)
        assertEquals(AveragedMetrics(java.weightedPrecision, java.weightedRecall, java.weightedF1), metrics.weighted)
    }

    @Test
    fun evaluateOnTargetsGivesTheJavaRegressionEvaluation() {
        val net = network(inputs = 1) {
            dense(4, TANH)
            dense(1)
            loss(MEAN_SQUARED_ERROR)
        }.apply { initialize(6) }
        val data = Dataset.ofTargets(doubleArrayOf(0.0, 0.5, 1.0, 1.5), doubleArrayOf(0.0, 0.25, 1.0, 2.25), 1, 1)

        val java = RegressionEvaluation.of(net, data)

        assertEquals(RegressionMetrics(4, java.loss, java.mse, java.mae, java.r2), net.evaluate(data))
    }
}
