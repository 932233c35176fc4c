package dev.scratchnet.runtime.layers;

import dev.scratchnet.annotations.ActivationFunction;

/**
 * {@code out = tanh(x)}, element-wise. Forward caches {@code out}, because the derivative is
 * {@code 1 - out²}.
 */
public final class Tanh extends ActivationLayer {
    /** A tanh over rows of {@code width} values. */
    public Tanh(int width) {
        super("Tanh", ActivationFunction.TANH, width);
    }
}
