package dev.scratchnet.runtime.train;

import java.util.Arrays;

/**
 * What a training run recorded: the mini-batch loss after each iteration (the book's {@code train_loss_list}) and
 * train and test accuracy at each evaluation ({@code train_acc_list}, {@code test_acc_list}) with the iteration
 * after which it was made. Getters return copies. Losses are kept in an array sized once for the whole run, so
 * recording allocates nothing per iteration.
 */
public final class History {
    private final int firstIteration;
    private final double[] losses;
    private int lossCount;
    private int[] evaluationIterations = new int[0];
    private double[] trainAccuracies = new double[0];
    private double[] testAccuracies = new double[0];

    /**
     * An empty history for a run starting at {@code firstIteration} (not 0 when resuming) with room for
     * {@code lossCapacity} losses.
     */
    History(int firstIteration, int lossCapacity) {
        if (firstIteration < 0 || lossCapacity < 0) {
            throw new IllegalArgumentException(
                    "first iteration and loss capacity must be >= 0, got " + firstIteration + ", " + lossCapacity);
        }
        this.firstIteration = firstIteration;
        this.losses = new double[lossCapacity];
    }

    /** Appends the loss of the next iteration. */
    void addLoss(double loss) {
        if (lossCount == losses.length) {
            throw new IllegalStateException("history holds " + losses.length + " losses, the capacity it was created with");
        }
        losses[lossCount++] = loss;
    }

    /** Appends an evaluation made after iteration {@code iteration}. */
    void addEvaluation(int iteration, double trainAccuracy, double testAccuracy) {
        int n = evaluationIterations.length;
        evaluationIterations = Arrays.copyOf(evaluationIterations, n + 1);
        trainAccuracies = Arrays.copyOf(trainAccuracies, n + 1);
        testAccuracies = Arrays.copyOf(testAccuracies, n + 1);
        evaluationIterations[n] = iteration;
        trainAccuracies[n] = trainAccuracy;
        testAccuracies[n] = testAccuracy;
    }

    /** The iteration of the first loss: 0, or where a resumed run started. */
    public int getFirstIteration() {
        return firstIteration;
    }

    /** Mini-batch loss after each iteration, from {@link #getFirstIteration()} on; empty if loss was not recorded. */
    public double[] getLosses() {
        return Arrays.copyOf(losses, lossCount);
    }

    /** The iteration after which each evaluation was made. */
    public int[] getEvaluationIterations() {
        return evaluationIterations.clone();
    }

    /** Training-set accuracy at each evaluation. */
    public double[] getTrainAccuracies() {
        return trainAccuracies.clone();
    }

    /** Test-set accuracy at each evaluation. */
    public double[] getTestAccuracies() {
        return testAccuracies.clone();
    }
}
