package dev.scratchnet.runtime.train;

/** The outcome of {@link Trainer#train}: its {@link History}, the final accuracies and how long it took. */
public final class TrainingResult {
    private final History history;
    private final double trainAccuracy;
    private final double testAccuracy;
    private final double wallSeconds;

    public TrainingResult(History history, double trainAccuracy, double testAccuracy, double wallSeconds) {
        this.history = history;
        this.trainAccuracy = trainAccuracy;
        this.testAccuracy = testAccuracy;
        this.wallSeconds = wallSeconds;
    }

    public History getHistory() {
        return history;
    }

    /** Accuracy on the whole training set after the last iteration. */
    public double getTrainAccuracy() {
        return trainAccuracy;
    }

    /** Accuracy on the whole test set after the last iteration. */
    public double getTestAccuracy() {
        return testAccuracy;
    }

    /** Wall-clock seconds of the run, final evaluation included. */
    public double getWallSeconds() {
        return wallSeconds;
    }

    @Override
    public String toString() {
        return "train acc " + trainAccuracy + ", test acc " + testAccuracy + " in " + wallSeconds + " s";
    }
}
