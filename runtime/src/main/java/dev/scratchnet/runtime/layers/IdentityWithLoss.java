package dev.scratchnet.runtime.layers;

import dev.scratchnet.annotations.LossFunction;

/**
 * Identity output followed by the mean squared error, as one layer: {@code y = x},
 * {@code loss = 0.5 · Σ (y - t)² / batch}, and backward {@code (y - t) / batch}.
 */
public final class IdentityWithLoss extends ResidualLoss {
    /** Mean squared error over rows of {@code width} values. */
    public IdentityWithLoss(int width) {
        super("IdentityWithLoss", LossFunction.MEAN_SQUARED_ERROR, width);
    }
}
