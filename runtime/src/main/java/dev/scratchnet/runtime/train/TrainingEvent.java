package dev.scratchnet.runtime.train;

/**
 * What a {@link TrainingListener} is told: an iteration finished, or an evaluation was made. The values are
 * immutable; {@link #getTrainer()} is the trainer that sent the event, for a listener that acts on the run (saves a
 * checkpoint, stops it, restores weights).
 */
public final class TrainingEvent {
    /** Which kind of event. */
    public enum Kind {
        /** An iteration finished: parameters updated, loss recorded. */
        ITERATION,
        /** The model was evaluated on the training and test sets after an iteration. */
        EVALUATION
    }

    private final Trainer trainer;
    private final Kind kind;
    private final int iteration;
    private final int iterations;
    private final int epoch;
    private final double loss;
    private final double trainLoss;
    private final double testLoss;
    private final double trainAccuracy;
    private final double testAccuracy;

    private TrainingEvent(Trainer trainer, Kind kind, int iteration, int iterations, int epoch, double loss,
            double trainLoss, double testLoss, double trainAccuracy, double testAccuracy) {
        this.trainer = trainer;
        this.kind = kind;
        this.iteration = iteration;
        this.iterations = iterations;
        this.epoch = epoch;
        this.loss = loss;
        this.trainLoss = trainLoss;
        this.testLoss = testLoss;
        this.trainAccuracy = trainAccuracy;
        this.testAccuracy = testAccuracy;
    }

    /** Iteration {@code iteration} (of {@code iterations}) finished with mini-batch loss {@code loss}. */
    static TrainingEvent iteration(Trainer trainer, int iteration, int iterations, int epoch, double loss) {
        return new TrainingEvent(trainer, Kind.ITERATION, iteration, iterations, epoch, loss, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }

    /** The evaluation after iteration {@code iteration}, whose mini-batch loss was {@code loss}. */
    static TrainingEvent evaluation(Trainer trainer, int iteration, int iterations, int epoch, double loss,
            double trainLoss, double testLoss, double trainAccuracy, double testAccuracy) {
        return new TrainingEvent(trainer, Kind.EVALUATION, iteration, iterations, epoch, loss, trainLoss, testLoss,
                trainAccuracy, testAccuracy);
    }

    /** The trainer whose run this is. */
    public Trainer getTrainer() {
        return trainer;
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

    /**
     * The mean of the mini-batch losses recorded since the previous evaluation, this iteration's included (what
     * Keras reports as an epoch's {@code loss}); NaN for {@link Kind#ITERATION} events and when the loss is not
     * recorded.
     */
    public double getTrainLoss() {
        return trainLoss;
    }

    /** The loss on the whole test (held-out) set; NaN for {@link Kind#ITERATION} events. */
    public double getTestLoss() {
        return testLoss;
    }

    /** Accuracy on the training set; NaN for {@link Kind#ITERATION} events and for regression. */
    public double getTrainAccuracy() {
        return trainAccuracy;
    }

    /** Accuracy on the test set; NaN for {@link Kind#ITERATION} events and for regression. */
    public double getTestAccuracy() {
        return testAccuracy;
    }

    @Override
    public String toString() {
        String head = kind + " " + iteration + "/" + iterations + " epoch " + epoch + " loss " + loss;
        return isEvaluation() ? head + " train loss " + trainLoss + " test loss " + testLoss + " train acc "
                + trainAccuracy + " test acc " + testAccuracy : head;
    }
}
