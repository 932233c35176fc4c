package dev.scratchnet.runtime.train;

/** The outcome of {@link Trainer#train}: its {@link History}, the final accuracies and how long it took. */
public final class TrainingResult {
    private final History history;
    private final double trainAccuracy;
    private final double testAccuracy;
    private final double testLoss;
    private final double wallSeconds;
    private final double loopSeconds;

    TrainingResult(History history, double trainAccuracy, double testAccuracy, double testLoss, double wallSeconds,
            double loopSeconds) {
        this.history = history;
        this.trainAccuracy = trainAccuracy;
        this.testAccuracy = testAccuracy;
        this.testLoss = testLoss;
        this.wallSeconds = wallSeconds;
        this.loopSeconds = loopSeconds;
    }

    public History getHistory() {
        return history;
    }

    /** Loss on the whole test set after the last iteration; NaN when the run does not evaluate. */
    public double getTestLoss() {
        return testLoss;
    }

    /** Accuracy on the whole training set after the last iteration; NaN for regression and when the run does not evaluate. */
    public double getTrainAccuracy() {
        return trainAccuracy;
    }

    /** Accuracy on the whole test set after the last iteration; NaN for regression and when the run does not evaluate. */
    public double getTestAccuracy() {
        return testAccuracy;
    }

    /** Wall-clock seconds of the run, final evaluation included. */
    public double getWallSeconds() {
        return wallSeconds;
    }

    /**
     * Wall-clock seconds of the iterations alone: each step with its loss recording, listeners and evaluations,
     * but not the final evaluation after the last iteration. This is what the book's script (and the numpy peer
     * that times it) measures.
     */
    public double getLoopSeconds() {
        return loopSeconds;
    }

    @Override
    public String toString() {
        return "train acc " + trainAccuracy + ", test acc " + testAccuracy + " in " + wallSeconds + " s";
    }
}
