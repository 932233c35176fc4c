package dev.scratchnet.runtime.internal;

import dev.scratchnet.runtime.Gradients;
import org.jspecify.annotations.Nullable;

/**
 * Plain stochastic gradient descent with weight decay, {@code W ← W − lr·(dW + λ·W)} and {@code b ← b − lr·db}, as
 * a {@link FusedSgd} model applies it within its own pass: the learning rate, the decay and the gradient arrays
 * to use as scratch space. The same operations, in the same order, as the trainer's weight decay followed by
 * {@code Sgd}, so both give the same weights, bit for bit.
 */
public final class SgdUpdate {
    private final double learningRate;
    private final double lambda;
    private final Gradients work;
    private @Nullable Rest rest;
    /** Runs {@link #rest}; made once, so that handing it to a kernel allocates nothing. */
    private final Runnable runRest = this::runRest;

    /** The work of a fused step besides its largest update, run on the calling thread while the second core starts. */
    @FunctionalInterface
    public interface Rest {
        void run(SgdUpdate update);
    }

    /**
     * @param learningRate the step size, finite and positive
     * @param lambda       the L2 weight decay λ, finite and {@code ≥ 0}
     * @param work         gradient arrays shaped like the model's parameters, for the model to write into
     */
    public SgdUpdate(double learningRate, double lambda, Gradients work) {
        this.learningRate = learningRate;
        this.lambda = lambda;
        this.work = work;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public double getLambda() {
        return lambda;
    }

    /** Arrays shaped like the model's parameters, to compute gradients into. */
    public Gradients getGradients() {
        return work;
    }

    /** {@code w ← w − lr·(g + λ·w)}, or {@code w ← w − lr·g} without decay. */
    public void weights(double[] w, double[] g) {
        ScalarKernels.sgd(w, 0, g, 0, w.length, learningRate, lambda);
    }

    /** {@code b ← b − lr·g}: biases do not decay, as in the book. */
    public void biases(double[] b, double[] g) {
        ScalarKernels.sgd(b, 0, g, 0, b.length, learningRate, 0.0);
    }

    /** {@code rest} as work for a kernel to run on the calling thread. */
    Runnable alongside(Rest rest) {
        this.rest = rest;
        return runRest;
    }

    private void runRest() {
        Rest r = rest;
        rest = null;
        if (r != null) {
            r.run(this);
        }
    }
}
