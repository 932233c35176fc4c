package dev.scratchnet.runtime.train;

import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Parameter;
import java.util.List;

/**
 * How a {@link Trainer} applies one iteration's gradients to the parameters. {@link #STANDARD} adds weight
 * decay to the gradients, then lets the optimiser update every array; generated trainers supply an update
 * fused into one pass over each parameter array, computing the same values in the same order, so both give
 * bit-identical weights.
 */
@FunctionalInterface
public interface ParameterUpdate {
    /** Weight decay (if its λ is positive), then {@link Optimizer#update}. */
    ParameterUpdate STANDARD = (optimizer, weightDecay, params, grads) -> {
        if (weightDecay.getLambda() > 0) {
            weightDecay.addGradients(params, grads);
        }
        optimizer.update(params, grads);
    };

    void apply(Optimizer optimizer, WeightDecay weightDecay, List<Parameter> params, Gradients grads);
}
