package dev.scratchnet.runtime.train;

/** Stochastic gradient descent, {@code W ← W − lr·g} (the book's {@code SGD}). Keeps no state. */
public final class Sgd implements Optimizer {
    private final double learningRate;

    public Sgd(double learningRate) {
        this.learningRate = Hyperparameters.learningRate("SGD", learningRate);
    }

    public double getLearningRate() {
        return learningRate;
    }

    @Override
    public void step(int index, double[] w, double[] g) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= learningRate * g[i];
        }
    }
}
