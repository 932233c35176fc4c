package dev.scratchnet.kotlin

import dev.scratchnet.runtime.dsl.NetworkBuilder
import dev.scratchnet.runtime.dsl.Networks
import dev.scratchnet.runtime.dsl.SequentialNetwork

/**
 * A network of [inputs] values per row whose layers and loss [layers] declares with the builder as its receiver,
 * so the network reads as the list of its layers:
 *
 * ```
 * val net = network(inputs = 784) {
 *     dense(50, RELU).init(HE)
 *     dense(10)
 *     loss(SOFTMAX_CROSS_ENTROPY)
 * }
 * ```
 *
 * The same network as the Java DSL's `Networks.sequential(784) { it.dense(50, RELU) ... }`: this only makes the
 * builder the receiver, so the calls need no `it.` in front. Its weights are all zero, as the builder leaves them;
 * [SequentialNetwork.initialize] draws them, each layer as its `init` asked.
 *
 * @throws dev.scratchnet.runtime.dsl.InvalidNetworkException listing every broken rule, as [NetworkBuilder.build]
 */
public fun network(inputs: Int, layers: NetworkBuilder.() -> Unit): SequentialNetwork =
    Networks.builder(inputs).apply(layers).build()
