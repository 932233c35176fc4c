package dev.scratchnet.runtime.layers;

import dev.scratchnet.annotations.ActivationFunction;

/**
 * {@code out = max(0, x)}, element-wise. Backward passes the gradient where the output is positive (and, as the book's
 * mask {@code x <= 0} does, where it is NaN), and gives {@code +0.0} elsewhere.
 */
public final class Relu extends ActivationLayer {
    /** A ReLU over rows of {@code width} values. */
    public Relu(int width) {
        super("Relu", ActivationFunction.RELU, width);
    }
}
