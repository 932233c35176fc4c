package dev.scratchnet.runtime.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything besides the model's parameters that a {@link Trainer} needs to continue a run exactly: the next
 * iteration, the state of the generator that draws mini-batches, and the optimizer's state. Save it with the
 * parameters in a checkpoint; {@link Trainer#setState} on a new trainer then continues the same stream of
 * mini-batches and updates. Immutable: arrays are copied in and out.
 */
public final class TrainingState {
    private final int iteration;
    private final int[] randomState;
    private final Map<String, double[]> optimizerState;

    /**
     * @param iteration      iterations done, i.e. the next iteration to run
     * @param randomState    the mini-batch generator's state, as from {@link #getRandomState()}
     * @param optimizerState as from {@link Optimizer#getState()}
     */
    public TrainingState(int iteration, int[] randomState, Map<String, double[]> optimizerState) {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, got " + iteration);
        }
        this.iteration = iteration;
        this.randomState = randomState.clone();
        Map<String, double[]> copy = new LinkedHashMap<>();
        optimizerState.forEach((k, v) -> copy.put(k, v.clone()));
        this.optimizerState = Collections.unmodifiableMap(copy);
    }

    /** Iterations done: the next iteration to run. */
    public int getIteration() {
        return iteration;
    }

    /** The mini-batch generator's state: the Well19937c pool of 624 words followed by its index. */
    public int[] getRandomState() {
        return randomState.clone();
    }

    /** A copy of the optimizer's state, keyed as by {@link Optimizer#getState()}. */
    public Map<String, double[]> getOptimizerState() {
        Map<String, double[]> copy = new LinkedHashMap<>();
        optimizerState.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }
}
