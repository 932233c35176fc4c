package dev.scratchnet.runtime.train;

/** What a {@link TrainingListener} is told: an iteration finished, or an evaluation was made. Immutable. */
public final class TrainingEvent {
    /** Which kind of event. */
    public enum Kind {
        /** An iteration finished: parameters updated, loss recorded. */
        ITERATION,
        /** Train and test accuracy were evaluated after an iteration. */
        EVALUATION
    }

    private final Kind kind;
    private final int iteration;
    private final int iterations;
    private final int epoch;
    private final double loss;
    private final double trainAccuracy;
    private final double testAccuracy;

    private TrainingEvent(Kind kind, int iteration, int iterations, int epoch, double loss, double trainAccuracy,
            double testAccuracy) {
        this.kind = kind;
        this.iteration = iteration;
        this.iterations = iterations;
        this.epoch = epoch;
        this.loss = loss;
        this.trainAccuracy = trainAccuracy;
        this.testAccuracy = testAccuracy;
    }

    /** Iteration {@code iteration} (of {@code iterations}) finished with mini-batch loss {@code loss}. */
    static TrainingEvent iteration(int iteration, int iterations, int epoch, double loss) {
        return new TrainingEvent(Kind.ITERATION, iteration, iterations, epoch, loss, Double.NaN, Double.NaN);
    }

    /** Accuracies evaluated after iteration {@code iteration}, whose mini-batch loss was {@code loss}. */
    static TrainingEvent evaluation(int iteration, int iterations, int epoch, double loss, double trainAccuracy,
            double testAccuracy) {
        return new TrainingEvent(Kind.EVALUATION, iteration, iterations, epoch, loss, trainAccuracy, testAccuracy);
    }

    public Kind getKind() {
        return kind;
    }

    public boolean isEvaluation() {
        return kind == Kind.EVALUATION;
    }

    /** The iteration that finished, counted from 0. */
    public int getIteration() {
        return iteration;
    }

    /** Total iterations of the run. */
    public int getIterations() {
        return iterations;
    }

    /** The epoch the iteration belongs to, counted from 0: {@code iteration / max(trainSize / batchSize, 1)}. */
    public int getEpoch() {
        return epoch;
    }

    /** The mini-batch loss after the iteration's update; NaN when the run does not record the loss. */
    public double getLoss() {
        return loss;
    }

    /** Accuracy on the training set; NaN for {@link Kind#ITERATION} events. */
    public double getTrainAccuracy() {
        return trainAccuracy;
    }

    /** Accuracy on the test set; NaN for {@link Kind#ITERATION} events. */
    public double getTestAccuracy() {
        return testAccuracy;
    }

    @Override
    public String toString() {
        String head = kind + " " + iteration + "/" + iterations + " epoch " + epoch + " loss " + loss;
        return isEvaluation() ? head + " train acc " + trainAccuracy + " test acc " + testAccuracy : head;
    }
}
