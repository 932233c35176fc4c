@file:JvmName("KotlinNetworks")

package dev.scratchnet.samples.kotlin

import dev.scratchnet.runtime.dsl.NetworkBuilder
import dev.scratchnet.runtime.dsl.Networks
import dev.scratchnet.runtime.dsl.SequentialNetwork

/**
 * A network of [inputs] values per row whose layers and loss [block] declares with the builder as its receiver,
 * so the network reads as the list of its layers:
 *
 * ```
 * val net = network(inputs = 784) {
 *     dense(50, RELU)
 *     dense(10)
 *     loss(SOFTMAX_CROSS_ENTROPY)
 * }
 * ```
 *
 * The same network as `Networks.sequential(784) { net -> ... }`: the Java DSL already takes a lambda, and this
 * only makes the builder its receiver, so the calls need no `net.` in front.
 *
 * @throws dev.scratchnet.runtime.dsl.InvalidNetworkException listing every broken rule, as [NetworkBuilder.build]
 */
fun network(inputs: Int, block: NetworkBuilder.() -> Unit): SequentialNetwork =
    Networks.builder(inputs).apply(block).build()
