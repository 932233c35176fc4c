@file:JvmName("KotlinMnist")

package dev.scratchnet.samples.kotlin

import dev.scratchnet.annotations.ActivationFunction.RELU
import dev.scratchnet.annotations.InitMethod
import dev.scratchnet.annotations.LossFunction.SOFTMAX_CROSS_ENTROPY
import dev.scratchnet.runtime.Functions
import dev.scratchnet.runtime.Matrix
import dev.scratchnet.runtime.Model
import dev.scratchnet.runtime.dsl.SequentialNetwork
import dev.scratchnet.runtime.train.Initializers
import dev.scratchnet.runtime.train.Trainer
import dev.scratchnet.runtime.train.TrainingConfig
import dev.scratchnet.samples.EmbeddedMnist
import java.util.Locale
import kotlin.math.ln
import kotlin.system.exitProcess

/** Seed of the initial weights and of the mini-batch draws. */
private const val SEED = 0L

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
        0 -> TrainingConfig.builder().build().iterations
        1 -> args[0].toIntOrNull()?.takeIf { it >= 1 }
            ?: usage("the iterations argument must be a whole number of at least 1, got '${args[0]}'")
        else -> usage("expected at most one argument, the iterations, got ${args.size}: ${args.joinToString(" ")}")
    }
    val net = twoLayerNet()
    Initializers.initialize(net, InitMethod.BOOK, SEED)
    val config = TrainingConfig.builder().iterations(iterations).seed(SEED).build()
    println("$net: $iterations iterations, batch ${config.batchSize}, learning rate ${config.learningRate}, seed $SEED")

    val mnist = EmbeddedMnist.load()
    val result = Trainer(net, config).train(mnist.train, mnist.test)
    val losses = result.history.losses
    println(String.format(Locale.ROOT, "train accuracy %.4f, test accuracy %.4f, final loss %.4f, %.1f s",
        result.trainAccuracy, result.testAccuracy, losses.last(), result.wallSeconds))

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

private fun usage(problem: String): Nothing {
    System.err.println("KotlinMnist: $problem; pass the number of training iterations, e.g. 600, or nothing for 10000")
    exitProcess(2)
}
