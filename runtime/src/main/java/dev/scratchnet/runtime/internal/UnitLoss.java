package dev.scratchnet.runtime.internal;

/**
 * The loss of one row of a batch when one unit's pre-activation of a layer is replaced, the rest of the network
 * recomputed exactly ({@link RowLoss}): where the incremental numerical-gradient kernels fall back to plain
 * recomputation wherever their series would not be accurate.
 */
@FunctionalInterface
interface UnitLoss {
    /** Loss of row {@code row} when unit {@code unit} of the layer has pre-activation {@code preActivation}. */
    double loss(int row, int unit, double preActivation);
}
