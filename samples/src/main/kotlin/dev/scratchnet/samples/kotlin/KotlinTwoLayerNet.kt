package dev.scratchnet.samples.kotlin

import dev.scratchnet.annotations.Activation
import dev.scratchnet.annotations.ActivationFunction.RELU
import dev.scratchnet.annotations.Dense
import dev.scratchnet.annotations.Layer
import dev.scratchnet.annotations.Loss
import dev.scratchnet.annotations.LossFunction.SOFTMAX_CROSS_ENTROPY
import dev.scratchnet.annotations.Network

/**
 * The book's two-layer network (784-50-10, ReLU) declared in Kotlin: kapt runs scratchnet's annotation
 * processor on it, which generates `KotlinTwoLayerNetModel` and `KotlinTwoLayerNetTrainer` (Java sources).
 *
 * `@Layer`, `@Activation` and `@Init` target fields only, so on a property they go to its backing field, which
 * is what the processor reads; `lateinit` gives the property a backing field without an initial value, and it
 * is never assigned, as in the Java declaration.
 */
@Network(inputs = 784)
@Loss(SOFTMAX_CROSS_ENTROPY)
class KotlinTwoLayerNet {
    @Layer(units = 50)
    @Activation(RELU)
    lateinit var hidden: Dense

    @Layer(units = 10)
    lateinit var output: Dense
}
