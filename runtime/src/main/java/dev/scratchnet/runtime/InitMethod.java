package dev.scratchnet.runtime;

/** Weight initialisation schemes of chapter 6 of <i>Deep Learning from Scratch</i>. */
public enum InitMethod {
    /** {@code 0.01 · N(0, 1)}: the book's default ({@code weight_init_std = 0.01}). */
    BOOK,
    /** Xavier: {@code N(0, 1) / sqrt(n)} with {@code n} the layer's inputs; for sigmoid and tanh. */
    XAVIER,
    /** He: {@code N(0, 1) · sqrt(2 / n)}; for ReLU. */
    HE
}
