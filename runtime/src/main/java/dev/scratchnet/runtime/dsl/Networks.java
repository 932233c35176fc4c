package dev.scratchnet.runtime.dsl;

import java.util.function.Consumer;

/**
 * Builds {@link SequentialNetwork}s, in one of two equivalent forms:
 *
 * <pre>{@code
 * Model net = Networks.sequential(784, net -> {
 *     net.dense(50, RELU).init(HE);
 *     net.dense(10);
 *     net.loss(SOFTMAX_CROSS_ENTROPY);
 * });
 * Model same = Networks.builder(784).dense(50, RELU).init(HE).dense(10).loss(SOFTMAX_CROSS_ENTROPY).build();
 * }</pre>
 *
 * <p>The last layer and the loss go together as in the book's {@code SoftmaxWithLoss}: with
 * {@code SOFTMAX_CROSS_ENTROPY} the last layer has no activation (a declared SOFTMAX there means the same,
 * since the softmax is the loss's own); {@code CROSS_ENTROPY} needs SOFTMAX on the last layer and then trains
 * exactly like {@code SOFTMAX_CROSS_ENTROPY}; {@code MEAN_SQUARED_ERROR} takes the last layer's outputs after
 * its activation (IDENTITY, SIGMOID, RELU or TANH). The built network's weights are all zero.
 */
public final class Networks {
    private Networks() {}

    /** A network of {@code inputs} values per row, whose layers and loss {@code layers} describes; see {@link NetworkBuilder#build()}. */
    public static SequentialNetwork sequential(int inputs, Consumer<NetworkBuilder> layers) {
        NetworkBuilder builder = builder(inputs);
        layers.accept(builder);
        return builder.build();
    }

    /** An empty builder for a network of {@code inputs} values per row. */
    public static NetworkBuilder builder(int inputs) {
        return new NetworkBuilder(inputs);
    }
}
