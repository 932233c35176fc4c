package dev.scratchnet.runtime;

/** Activation functions of chapters 3 and 5 of <i>Deep Learning from Scratch</i>; the same constants as the annotations' {@code ActivationFunction}. */
public enum ActivationFunction {
    /** {@code x}: no activation (the output layer's logits). */
    IDENTITY,
    /** {@code 1 / (1 + e^-x)}. */
    SIGMOID,
    /** {@code max(0, x)}. */
    RELU,
    /** {@code tanh(x)}. */
    TANH,
    /** {@code x > 0 ? 1 : 0}: the perceptron's step; it has no gradient, so trained networks reject it. */
    STEP,
    /** Row-wise softmax; only on the last layer. */
    SOFTMAX
}
