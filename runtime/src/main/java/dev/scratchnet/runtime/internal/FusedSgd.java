package dev.scratchnet.runtime.internal;

import dev.scratchnet.runtime.Batch;

/**
 * A model that does an iteration of plain SGD in one pass: its gradient on a batch and the update together, so
 * that the largest gradient is applied as it is computed instead of being stored and read back. Generated models
 * and the DSL's networks implement it; the {@link dev.scratchnet.runtime.train.Trainer} uses it whenever it trains
 * by backpropagation with {@code Sgd}, and computes the same weights as {@code gradient} followed by the update.
 */
public interface FusedSgd {
    /**
     * The model's {@code gradient} on {@code batch} followed by {@code update}, in one pass.
     *
     * @return the batch loss before the step; when it is not finite, no parameter is changed
     */
    double sgdStep(Batch batch, SgdUpdate update);
}
