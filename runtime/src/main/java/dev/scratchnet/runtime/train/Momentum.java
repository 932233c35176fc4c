package dev.scratchnet.runtime.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Momentum SGD (the book's {@code Momentum}): {@code v ← momentum·v − lr·g; W ← W + v}. State: {@code v.<index>}. */
public final class Momentum implements Optimizer {
    /** The book's default momentum. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    private final double learningRate;
    private final double momentum;
    private final StateArrays velocities = new StateArrays("v");

    public Momentum(double learningRate) {
        this(learningRate, DEFAULT_MOMENTUM);
    }

    public Momentum(double learningRate, double momentum) {
        this.learningRate = Hyperparameters.learningRate("Momentum", learningRate);
        this.momentum = Hyperparameters.decay("Momentum", "momentum", momentum);
    }

    public double getLearningRate() {
        return learningRate;
    }

    public double getMomentum() {
        return momentum;
    }

    @Override
    public void step(int index, double[] w, double[] g) {
        double[] v = velocities.get(index, w.length);
        for (int i = 0; i < w.length; i++) {
            v[i] = momentum * v[i] - learningRate * g[i];
            w[i] += v[i];
        }
    }

    @Override
    public Map<String, double[]> getState() {
        Map<String, double[]> state = new LinkedHashMap<>();
        velocities.exportTo(state);
        return state;
    }

    @Override
    public void setState(Map<String, double[]> state) {
        StateArrays.requireKnownKeys("Momentum", state, List.of(), velocities);
        velocities.importFrom(state);
    }
}
