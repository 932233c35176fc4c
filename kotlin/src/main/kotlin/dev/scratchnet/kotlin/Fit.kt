package dev.scratchnet.kotlin

import dev.scratchnet.runtime.Model
import dev.scratchnet.runtime.data.Dataset
import dev.scratchnet.runtime.train.EarlyStopping
import dev.scratchnet.runtime.train.GradientMode
import dev.scratchnet.runtime.train.History
import dev.scratchnet.runtime.train.OptimizerType
import dev.scratchnet.runtime.train.Trainer
import dev.scratchnet.runtime.train.TrainingConfig
import dev.scratchnet.runtime.train.TrainingListener

/**
 * Trains this model on [train], evaluating on [train] and [test] (once per epoch unless
 * [FitSettings.evaluateEvery] says otherwise), with the settings [settings] makes, and returns what the run recorded:
 *
 * ```
 * val history = net.fit(train, test) {
 *     epochs = 5
 *     optimizer = adam(0.001)
 * }
 * println(history.testAccuracies.last())
 * ```
 *
 * It is the runtime's [Trainer] with a [TrainingConfig]: unset settings keep that configuration's defaults (the
 * book's: mini-batches of 100, SGD at learning rate 0.1, 10,000 iterations), and the model's current weights are
 * the start, so initialise them first.
 *
 * @throws IllegalArgumentException for a setting out of range, naming it, or datasets that do not fit the model
 * @throws dev.scratchnet.runtime.train.TrainingDivergedException if the loss or a weight becomes NaN or infinite
 */
public fun Model.fit(train: Dataset, test: Dataset, settings: FitSettings.() -> Unit = {}): History {
    val fit = FitSettings().apply(settings)
    val trainer = Trainer(this, fit.config(train.size))
    fit.listeners.forEach(trainer::addListener)
    return trainer.train(train, test).history
}

/**
 * The settings of one [fit], each a property to assign in its block. The run's length is [epochs] or
 * [iterations]; the rest are those of [TrainingConfig.Builder], by the same names.
 */
public class FitSettings internal constructor() {
    /**
     * Passes over the training set: `epochs × max(trainSize / batchSize, 1)` iterations, as the book counts an
     * epoch. Set this or [iterations], not both; with neither, the run is [TrainingConfig]'s 10,000 iterations.
     */
    public var epochs: Int? = null

    /** Mini-batches to train on, if the run's length is not set by [epochs]. */
    public var iterations: Int? = null

    /** Rows drawn, with replacement, for each iteration. */
    public var batchSize: Int = DEFAULTS.batchSize

    /** How the weights are updated, e.g. `adam(0.001)`; plain SGD at learning rate 0.1 unless set. */
    public var optimizer: OptimizerChoice = sgd(DEFAULTS.learningRate)

    /** The seed of the mini-batch draws: the same seed and weights give the same run, bit for bit. */
    public var seed: Long = DEFAULTS.seed

    /** The L2 weight decay λ; 0 for none. */
    public var weightDecay: Double = DEFAULTS.weightDecay

    /** Backpropagation, or the book's slow central differences. */
    public var gradientMode: GradientMode = DEFAULTS.gradientMode

    /** Iterations between evaluations, or [TrainingConfig.EVERY_EPOCH] (the default) or [TrainingConfig.NEVER]. */
    public var evaluateEvery: Int = DEFAULTS.evaluateEvery

    internal val listeners = mutableListOf<TrainingListener>()

    /** Stochastic gradient descent at [learningRate]. */
    public fun sgd(learningRate: Double): OptimizerChoice = OptimizerChoice(OptimizerType.SGD, learningRate)

    /** Momentum (0.9) at [learningRate]. */
    public fun momentum(learningRate: Double): OptimizerChoice = OptimizerChoice(OptimizerType.MOMENTUM, learningRate)

    /** AdaGrad at [learningRate]. */
    public fun adagrad(learningRate: Double): OptimizerChoice = OptimizerChoice(OptimizerType.ADAGRAD, learningRate)

    /** Adam (β1 0.9, β2 0.999) at [learningRate]. */
    public fun adam(learningRate: Double): OptimizerChoice = OptimizerChoice(OptimizerType.ADAM, learningRate)

    /**
     * Stops the run once the test loss has not improved by more than [minDelta] for [patience] evaluations in a
     * row, and, if [restoreBestWeights], leaves the model with the weights of its best evaluation. Returns the
     * listener, which tells afterwards whether and when it stopped the run.
     */
    public fun earlyStopping(patience: Int, minDelta: Double = 0.0, restoreBestWeights: Boolean = true): EarlyStopping =
        EarlyStopping(patience, minDelta, restoreBestWeights).also(listeners::add)

    /** Tells [listener] of every iteration and evaluation, e.g. to print progress. */
    public fun onEvent(listener: TrainingListener) {
        listeners.add(listener)
    }

    internal fun config(trainSize: Int): TrainingConfig {
        val builder = TrainingConfig.builder()
            .batchSize(batchSize)
            .learningRate(optimizer.learningRate)
            .optimizer(optimizer.type)
            .seed(seed)
            .weightDecay(weightDecay)
            .gradientMode(gradientMode)
            .evaluateEvery(evaluateEvery)
        val epochs = epochs
        val iterations = iterations
        require(epochs == null || iterations == null) {
            "set epochs or iterations, not both (epochs = $epochs, iterations = $iterations)"
        }
        if (epochs != null) {
            require(epochs >= 1) { "epochs must be >= 1, got $epochs" }
            builder.iterations(Math.multiplyExact(epochs, Trainer.iterationsPerEpoch(trainSize, batchSize)))
        } else if (iterations != null) {
            builder.iterations(iterations)
        }
        return builder.build()
    }

    private companion object {
        val DEFAULTS: TrainingConfig = TrainingConfig.builder().build()
    }
}

/** An optimizer and its learning rate, as [FitSettings.sgd], [FitSettings.adam] and the others make them. */
public data class OptimizerChoice(val type: OptimizerType, val learningRate: Double)
