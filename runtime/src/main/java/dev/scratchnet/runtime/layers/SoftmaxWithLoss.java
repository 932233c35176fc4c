package dev.scratchnet.runtime.layers;

import dev.scratchnet.annotations.LossFunction;

/**
 * Softmax followed by cross-entropy, as one layer ({@code SoftmaxWithLoss} in the book):
 * {@code y = softmax(x)} with the row maximum subtracted, {@code loss = -Σ t · log(y + 1e-7) / batch}
 * (the {@code 1e-7} keeps {@code log(0)} finite), and backward {@code (y - t) / batch}.
 */
public final class SoftmaxWithLoss extends ResidualLoss {
    /** Softmax with cross-entropy over rows of {@code width} values. */
    public SoftmaxWithLoss(int width) {
        super("SoftmaxWithLoss", LossFunction.SOFTMAX_CROSS_ENTROPY, width);
    }
}
