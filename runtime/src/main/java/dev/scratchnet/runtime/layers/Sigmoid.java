package dev.scratchnet.runtime.layers;

import dev.scratchnet.annotations.ActivationFunction;

/**
 * {@code out = 1 / (1 + e^-x)}, element-wise. Forward caches {@code out}, because the derivative is
 * {@code out · (1 - out)}.
 */
public final class Sigmoid extends ActivationLayer {
    /** A sigmoid over rows of {@code width} values. */
    public Sigmoid(int width) {
        super("Sigmoid", ActivationFunction.SIGMOID, width);
    }
}
