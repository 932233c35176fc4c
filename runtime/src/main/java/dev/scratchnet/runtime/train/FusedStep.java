package dev.scratchnet.runtime.train;

import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;

/**
 * A backprop iteration done in one pass: the gradient of a batch and the parameter update together, so that a
 * gradient can be applied as it is computed instead of being stored and read back. Generated trainers supply
 * one (for SGD the model's {@code sgdStep}); the {@link Trainer} then calls it instead of
 * {@link dev.scratchnet.runtime.Model#gradient} followed by its {@link ParameterUpdate}.
 */
@FunctionalInterface
public interface FusedStep {
    /**
     * Computes the gradient of {@code batch} and updates the parameters exactly as {@code Model.gradient}
     * followed by the trainer's {@link ParameterUpdate} would, and returns the batch loss before the update. When
     * that loss is not finite, leaves the parameters unchanged (the trainer then stops with a
     * {@link TrainingDivergedException}).
     *
     * @param work gradient arrays of the model's shapes, to use as scratch space
     */
    double step(Batch batch, Gradients work, Optimizer optimizer, WeightDecay weightDecay);
}
