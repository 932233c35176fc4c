package dev.scratchnet.runtime.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdaGrad (the book's {@code AdaGrad}): {@code h ← h + g²; W ← W − lr·g / (√h + 1e-7)}, so each weight's step
 * shrinks with the gradients it has seen. State: {@code h.<index>}.
 */
public final class AdaGrad implements Optimizer {
    private final double learningRate;
    private final StateArrays squares = new StateArrays("h");

    public AdaGrad(double learningRate) {
        this.learningRate = Hyperparameters.learningRate("AdaGrad", learningRate);
    }

    public double getLearningRate() {
        return learningRate;
    }

    @Override
    public void step(int index, double[] w, double[] g) {
        double[] h = squares.get(index, w.length);
        for (int i = 0; i < w.length; i++) {
            h[i] += g[i] * g[i];
            // 1e-7 keeps the first step finite where a weight has only seen zero gradients.
            w[i] -= learningRate * g[i] / (Math.sqrt(h[i]) + 1e-7);
        }
    }

    @Override
    public Map<String, double[]> getState() {
        Map<String, double[]> state = new LinkedHashMap<>();
        squares.exportTo(state);
        return state;
    }

    @Override
    public void setState(Map<String, double[]> state) {
        StateArrays.requireKnownKeys("AdaGrad", state, List.of(), squares);
        squares.importFrom(state);
    }
}
