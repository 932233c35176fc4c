package dev.scratchnet.spark;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What {@link SparkSweep#run} returns: one row per configuration, in grid order, and the best model's weights. */
public final class SweepResult {
    private final List<SweepRow> rows;
    private final @Nullable SweepRow best;
    private final byte @Nullable [] bestWeights;
    private final double seconds;

    SweepResult(List<SweepRow> rows, @Nullable SweepRow best, byte @Nullable [] bestWeights, double seconds) {
        this.rows = List.copyOf(rows);
        this.best = best;
        this.bestWeights = bestWeights;
        this.seconds = seconds;
    }

    /** One row per configuration, in the order of the grid. */
    public List<SweepRow> getRows() {
        return rows;
    }

    /**
     * The row of the highest test accuracy (then the lowest final loss, then the first in the grid) among the runs
     * that did not diverge; null if all diverged.
     */
    public @Nullable SweepRow getBest() {
        return best;
    }

    /**
     * The best model's weights as a safetensors file ({@code W1, b1, W2, b2}, F64, the configuration in the
     * metadata), to write to disk or read with {@code Safetensors.load(name, bytes)}; null if every run diverged.
     */
    public byte @Nullable [] getBestWeights() {
        return bestWeights == null ? null : bestWeights.clone();
    }

    /** Wall-clock seconds of the whole sweep on the driver, from the first job to the last result. */
    public double getSeconds() {
        return seconds;
    }
}
