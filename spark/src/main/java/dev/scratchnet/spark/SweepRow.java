package dev.scratchnet.spark;

import java.io.Serial;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * What one configuration of a sweep gave: the mini-batch loss after its last iteration, its accuracies on the whole
 * training and test sets, and the seconds its training took in its task (final evaluation included). A run that
 * diverged has NaN results and {@link #getFailure()} says where.
 */
public final class SweepRow implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int index;
    private final SweepConfiguration configuration;
    private final double finalLoss;
    private final double trainAccuracy;
    private final double testAccuracy;
    private final double seconds;
    private final @Nullable String failure;

    SweepRow(int index, SweepConfiguration configuration, double finalLoss, double trainAccuracy, double testAccuracy,
            double seconds, @Nullable String failure) {
        this.index = index;
        this.configuration = configuration;
        this.finalLoss = finalLoss;
        this.trainAccuracy = trainAccuracy;
        this.testAccuracy = testAccuracy;
        this.seconds = seconds;
        this.failure = failure;
    }

    /** The configuration's position in the grid, from 0. */
    public int getIndex() {
        return index;
    }

    public SweepConfiguration getConfiguration() {
        return configuration;
    }

    /** The mini-batch loss recorded after the last iteration (weight decay's penalty included). */
    public double getFinalLoss() {
        return finalLoss;
    }

    public double getTrainAccuracy() {
        return trainAccuracy;
    }

    public double getTestAccuracy() {
        return testAccuracy;
    }

    /** Wall-clock seconds of the training in its task. */
    public double getSeconds() {
        return seconds;
    }

    /** Why the training stopped early (it diverged), or null if it ran to the end. */
    public @Nullable String getFailure() {
        return failure;
    }

    /**
     * Whether this row is better than {@code other}: it ran to the end, then has the higher test accuracy, then the
     * lower final loss, then comes first in the grid. A total order, so the best row does not depend on the order in
     * which Spark's tasks finish.
     */
    boolean isBetterThan(SweepRow other) {
        if ((failure == null) != (other.failure == null)) {
            return failure == null;
        }
        int byAccuracy = Double.compare(testAccuracy, other.testAccuracy);
        if (byAccuracy != 0) {
            return byAccuracy > 0;
        }
        int byLoss = Double.compare(finalLoss, other.finalLoss);
        return byLoss != 0 ? byLoss < 0 : index < other.index;
    }

    @Override
    public String toString() {
        return "#" + index + " " + configuration + (failure != null ? ": " + failure
                : ": final loss " + finalLoss + ", train " + trainAccuracy + ", test " + testAccuracy + ", " + seconds + " s");
    }
}
