package dev.scratchnet.runtime;

/** Losses of chapter 4 of <i>Deep Learning from Scratch</i>, averaged over a batch. */
public enum LossFunction {
    /** Softmax of the last layer's outputs, then cross-entropy: the book's {@code SoftmaxWithLoss}. */
    SOFTMAX_CROSS_ENTROPY,
    /** {@code -Σ t · log(y + 1e-7)} on the last layer's outputs, which must already be probabilities (SOFTMAX). */
    CROSS_ENTROPY,
    /** {@code 0.5 · Σ (y - t)²}. */
    MEAN_SQUARED_ERROR
}
