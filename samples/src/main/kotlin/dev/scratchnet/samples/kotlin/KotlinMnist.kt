@file:JvmName("KotlinMnist")

package dev.scratchnet.samples.kotlin

import dev.scratchnet.annotations.ActivationFunction.RELU
import dev.scratchnet.annotations.LossFunction.SOFTMAX_CROSS_ENTROPY
import dev.scratchnet.kotlin.ClassificationMetrics
import dev.scratchnet.kotlin.evaluate
import dev.scratchnet.kotlin.fit
import dev.scratchnet.kotlin.network
import dev.scratchnet.kotlin.summarize
import dev.scratchnet.runtime.Functions
import dev.scratchnet.runtime.Matrix
import dev.scratchnet.runtime.Model
import dev.scratchnet.runtime.data.Dataset
import dev.scratchnet.runtime.dsl.SequentialNetwork
import dev.scratchnet.samples.EmbeddedMnist
import java.util.Locale
import kotlin.math.ln
import kotlin.system.exitProcess
import kotlin.time.measureTimedValue

/** Seed of the initial weights and of the mini-batch draws. */
private const val SEED = 0L

/** The book's iterations, mini-batch size and learning rate (`ch05/train_neuralnet.py`). */
private const val ITERATIONS = 10_000
private const val BATCH_SIZE = 100
private const val LEARNING_RATE = 0.1

/** Test digits the hand-written forward pass is checked on. */
private const val CHECKED_DIGITS = 100

/** The book's two-layer network of chapter 5 (`ch05/two_layer_net.py`): 784 inputs, [hidden] ReLU units, 10 logits. */
fun twoLayerNet(hidden: Int = 50): SequentialNetwork = network(inputs = 784) {
    dense(hidden, RELU)
    dense(10)
    loss(SOFTMAX_CROSS_ENTROPY)
}

/**
 * The two-layer ReLU network's forward pass written out with [Matrix] operators, as the book's `predict`
 * (ch. 3): `softmax(relu(x · W1 + b1) · W2 + b2)` for the rows of [x]. The biases are `1 × units` rows that
 * `+` adds to every row.
 */
fun predictByHand(net: Model, x: Matrix): Matrix {
    val (w1, b1, w2, b2) = net.parameters.map { Matrix(it.rows, it.cols, it.values) }
    val hidden = Functions.relu(x * w1 + b1)
    return Functions.softmax(hidden * w2 + b2)
}

/** The book's `cross_entropy_error`, `-Σ t · log(y + δ) / rows`, with the one-hot targets `t` built from [labels]. */
fun crossEntropyByHand(y: Matrix, labels: IntArray): Double {
    val t = Matrix.zeros(y.rows, y.cols)
    labels.forEachIndexed { row, label -> t[row, label] = 1.0 }
    val logY = y.map { ln(it + Functions.CROSS_ENTROPY_DELTA) }
    return (-t.hadamard(logY)).sum() / y.rows
}

/**
 * Trains [twoLayerNet] on the embedded MNIST with the book's settings (batch 100, learning rate 0.1, SGD, the
 * book's 0.01·N(0,1) initial weights) and prints the test accuracy; the one argument, if given, is the number
 * of iterations (default 10,000). Then checks the trained network against [predictByHand] on the first test
 * digits.
 */
fun main(args: Array<String>) {
    val iterations = when (args.size) {
        0 -> ITERATIONS
        1 -> args[0].toIntOrNull()?.takeIf { it >= 1 }
            ?: usage("the iterations argument must be a whole number of at least 1, got '${args[0]}'")
        else -> usage("expected at most one argument, the iterations, got ${args.size}: ${args.joinToString(" ")}")
    }
    val net = twoLayerNet().apply { initialize(SEED) }
    println("$net, ${net.summarize().totalParameters} parameters: $iterations iterations, batch $BATCH_SIZE,"
        + " learning rate $LEARNING_RATE, seed $SEED")

    val mnist = EmbeddedMnist.load()
    val (history, took) = measureTimedValue {
        net.fit(mnist.train, mnist.test) {
            this.iterations = iterations
            batchSize = BATCH_SIZE
            optimizer = sgd(LEARNING_RATE)
            seed = SEED
        }
    }
    println(String.format(Locale.ROOT, "train accuracy %.4f, test accuracy %.4f, final loss %.4f, %.1f s",
        accuracy(net, mnist.train), accuracy(net, mnist.test), history.losses.last(), took.inWholeMilliseconds / 1e3))

    val test = mnist.test
    val x = Matrix(CHECKED_DIGITS, test.features, test.x.copyOfRange(0, CHECKED_DIGITS * test.features))
    val labels = test.labels.copyOfRange(0, CHECKED_DIGITS)
    val byHand = predictByHand(net, x)
    val first = (0 until byHand.cols).maxBy { byHand[0, it] }
    println(String.format(Locale.ROOT, "by hand with Matrix operators: first test digit %d read as %d (p = %.4f);"
        + " loss on the first %d test digits %.6f, the network's %.6f",
        labels[0], first, byHand[0, first], CHECKED_DIGITS, crossEntropyByHand(byHand, labels),
        net.loss(test.slice(0, CHECKED_DIGITS))))
}

/** The fraction of [data]'s digits that [net] reads right. */
private fun accuracy(net: Model, data: Dataset): Double = (net.evaluate(data) as ClassificationMetrics).accuracy

private fun usage(problem: String): Nothing {
    System.err.println("KotlinMnist: $problem; pass the number of training iterations, e.g. 600, or nothing for 10000")
    exitProcess(2)
}
