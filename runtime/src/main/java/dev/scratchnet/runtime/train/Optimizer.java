package dev.scratchnet.runtime.train;

import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters from their gradients: the book's {@code optimizer.update(params, grads)}
 * ({@code common/optimizer.py}).
 *
 * <p>An update is {@link #beginUpdate()} followed by one {@link #step} per parameter array, so a generated
 * trainer can step each array right after its gradient is computed, in one pass, instead of calling
 * {@link #update}. Per-array state (velocities, {@code h}, {@code m}, {@code v}) is allocated the first time an
 * index is stepped and reused afterwards; an index must always be stepped with arrays of the same size.
 */
public interface Optimizer {
    /**
     * Starts one update, before its {@link #step} calls. Optimizers whose step depends on how many updates were
     * made (Adam's bias correction) count here, once per update, not once per array.
     */
    default void beginUpdate() {
    }

    /** Updates the parameter array {@code w} in place from its gradient {@code g} (same length). */
    void step(int index, double[] w, double[] g);

    /** One whole update: {@link #beginUpdate()}, then {@link #step} for each parameter in order. */
    default void update(List<Parameter> params, Gradients grads) {
        if (params.size() != grads.size()) {
            throw new IllegalArgumentException(
                    "expected one gradient per parameter: " + params.size() + " parameters, " + grads.size() + " gradients");
        }
        beginUpdate();
        for (int i = 0; i < params.size(); i++) {
            double[] w = params.get(i).getValues();
            double[] g = grads.get(i);
            if (w.length != g.length) {
                throw new IllegalArgumentException(params.get(i).getName() + ": parameter has " + w.length
                        + " values but its gradient has " + g.length);
            }
            step(i, w, g);
        }
    }

    /**
     * A copy of the state this optimizer has accumulated, for checkpoints: arrays keyed {@code <name>.<index>}
     * (e.g. {@code v.0}, {@code m.3}) and, for Adam, {@code iter} holding the update count as one value.
     * Empty for plain SGD.
     */
    default Map<String, double[]> getState() {
        return Map.of();
    }

    /**
     * Replaces this optimizer's state with (copies of) {@code state} as returned by {@link #getState()}, so that
     * training resumes exactly where it stopped.
     *
     * @throws IllegalArgumentException if {@code state} has entries this optimizer does not keep
     */
    default void setState(Map<String, double[]> state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " keeps no state, got entries " + state.keySet()
                    + "; was the state saved from a different optimizer?");
        }
    }
}
