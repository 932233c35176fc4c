package dev.scratchnet.kotlin

import dev.scratchnet.annotations.ActivationFunction
import dev.scratchnet.annotations.LossFunction
import dev.scratchnet.runtime.Model
import dev.scratchnet.runtime.data.Dataset
import dev.scratchnet.runtime.eval.ClassificationEvaluation
import dev.scratchnet.runtime.eval.Evaluation
import dev.scratchnet.runtime.eval.RegressionEvaluation

/**
 * What this model is, as a value to destructure and compare: `val (_, inputs, layers) = net.summarize()`. The
 * printable table is the Java [Model.summary]'s `toString()`.
 */
public fun Model.summarize(): ModelSummary {
    val summary = summary()
    return ModelSummary(summary.model, summary.inputs,
        summary.layers.map { LayerSummary(it.name, it.units, it.activation, it.parameters) },
        summary.loss, summary.totalParameters)
}

/** A model's input width, dense layers in order, loss, and the weights and biases of all its layers. */
public data class ModelSummary(
    val name: String,
    val inputs: Int,
    val layers: List<LayerSummary>,
    val loss: LossFunction,
    val totalParameters: Long,
)

/** One dense layer of a [ModelSummary]: its name, units, activation, and weights and biases (`inputs · units + units`). */
public data class LayerSummary(
    val name: String,
    val units: Int,
    val activation: ActivationFunction,
    val parameters: Long,
)

/**
 * How well this model does on [data], by the dataset's task, so that `when` covers both:
 *
 * ```
 * when (val m = net.evaluate(test)) {
 *     is ClassificationMetrics -> println("accuracy ${m.accuracy}")
 *     is RegressionMetrics -> println("R² ${m.r2}")
 * }
 * ```
 *
 * The values are those of the runtime's [Evaluation.of].
 *
 * @throws IllegalArgumentException if the dataset's rows do not fit the model
 */
public fun Model.evaluate(data: Dataset): Metrics = when (val evaluation = Evaluation.of(this, data)) {
    is ClassificationEvaluation -> evaluation.toMetrics()
    is RegressionEvaluation -> RegressionMetrics(evaluation.rows, evaluation.loss, evaluation.mse, evaluation.mae,
        evaluation.r2)
}

private fun ClassificationEvaluation.toMetrics() = ClassificationMetrics(
    rows = rows,
    loss = loss,
    accuracy = accuracy,
    confusion = confusion.map { it.toList() },
    classes = (0 until classes).map { ClassMetrics(it, getPrecision(it), getRecall(it), getF1(it), getSupport(it)) },
    macro = AveragedMetrics(macroPrecision, macroRecall, macroF1),
    weighted = AveragedMetrics(weightedPrecision, weightedRecall, weightedF1),
)

/** A model's loss on a dataset's rows, the mean over the rows, and the metrics of the dataset's task. */
public sealed interface Metrics {
    /** The rows evaluated. */
    public val rows: Int

    /** The model's loss, the mean over the rows. */
    public val loss: Double
}

/**
 * A classifier's metrics. [confusion]`[label][predicted]` counts the rows of that label so predicted; the macro
 * averages are over the classes that occur among the labels or the predictions, the weighted ones by support.
 */
public data class ClassificationMetrics(
    override val rows: Int,
    override val loss: Double,
    val accuracy: Double,
    val confusion: List<List<Long>>,
    val classes: List<ClassMetrics>,
    val macro: AveragedMetrics,
    val weighted: AveragedMetrics,
) : Metrics

/** Precision, recall and F1 of the class [label], and its support: the rows with that label. */
public data class ClassMetrics(
    val label: Int,
    val precision: Double,
    val recall: Double,
    val f1: Double,
    val support: Long,
)

/** Precision, recall and F1 averaged over classes. */
public data class AveragedMetrics(val precision: Double, val recall: Double, val f1: Double)

/** A regression model's mean squared and mean absolute error over every output, and R² averaged over the outputs. */
public data class RegressionMetrics(
    override val rows: Int,
    override val loss: Double,
    val mse: Double,
    val mae: Double,
    val r2: Double,
) : Metrics
