package dev.scratchnet.runtime.train;

import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Parameter;
import java.util.List;

/**
 * L2 weight decay, the book's {@code weight_decay_lambda} (chapter 6, {@code common/multi_layer_net.py}):
 * {@code ½·λ·ΣW²} is added to the loss and {@code λ·W} to the gradient of every weight. Only weights are decayed,
 * i.e. parameters whose name starts with {@code W}; biases are not, as in the book.
 */
public final class WeightDecay {
    private final double lambda;

    /** @param lambda the decay λ, finite and {@code >= 0} ({@code 0} disables decay) */
    public WeightDecay(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("weight decay λ must be finite and >= 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    public double getLambda() {
        return lambda;
    }

    /** Whether {@code parameter} is a weight that decays: its name starts with {@code W}. */
    public static boolean isWeight(Parameter parameter) {
        return parameter.getName().startsWith("W");
    }

    /** Adds {@code λ·w} to {@code g}: the decay's gradient for one weight array. */
    public void addGradient(double[] w, double[] g) {
        for (int i = 0; i < w.length; i++) {
            g[i] += lambda * w[i];
        }
    }

    /** Adds {@code λ·W} to the gradient of every weight in {@code params} (biases are left alone). */
    public void addGradients(List<Parameter> params, Gradients grads) {
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (isWeight(p)) {
                addGradient(p.getValues(), grads.get(i));
            }
        }
    }

    /** {@code Σ ½·λ·ΣW²} over the weights of {@code params}: what decay adds to the loss. */
    public double penalty(List<Parameter> params) {
        double penalty = 0;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (isWeight(p)) {
                double squares = 0;
                for (double w : p.getValues()) {
                    squares += w * w;
                }
                penalty += 0.5 * lambda * squares;
            }
        }
        return penalty;
    }
}
