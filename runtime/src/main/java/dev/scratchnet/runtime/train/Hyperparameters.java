package dev.scratchnet.runtime.train;

/** Checks of optimizer hyperparameters shared by the optimizers' constructors. */
final class Hyperparameters {
    private Hyperparameters() {
    }

    static double learningRate(String optimizer, double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(optimizer + ": learning rate must be finite and > 0, got " + learningRate);
        }
        return learningRate;
    }

    /** A decay rate (momentum, β1, β2): in {@code [0, 1)}, or state would grow without bound. */
    static double decay(String optimizer, String name, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(optimizer + ": " + name + " must be in [0, 1), got " + rate);
        }
        return rate;
    }
}
