package dev.scratchnet.runtime.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a training run recorded: the mini-batch loss after each iteration (the book's {@code train_loss_list}) and,
 * at each evaluation, the iteration and epoch after which it was made, the mean mini-batch loss since the previous
 * evaluation, the loss on the test (held-out) set, and train and test accuracy ({@code train_acc_list},
 * {@code test_acc_list}; NaN for regression). Getters return copies; {@link #toCsv()} and {@link #toJson()} export
 * it. Losses are kept in an array sized once for the whole run, so recording allocates nothing per iteration.
 */
public final class History {
    private final int firstIteration;
    private final double[] losses;
    private int lossCount;
    /** The number of losses recorded when the last evaluation was made. */
    private int lossesAtLastEvaluation;
    private int[] evaluationIterations = new int[0];
    private int[] evaluationEpochs = new int[0];
    private double[] trainLosses = new double[0];
    private double[] testLosses = new double[0];
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

    /**
     * Appends an evaluation made after iteration {@code iteration}, and returns its train loss: the mean of the
     * losses recorded since the previous evaluation (NaN when none were).
     */
    double addEvaluation(int iteration, int epoch, double trainAccuracy, double testAccuracy, double testLoss) {
        double sum = 0;
        for (int k = lossesAtLastEvaluation; k < lossCount; k++) {
            sum += losses[k];
        }
        double trainLoss = lossCount > lossesAtLastEvaluation ? sum / (lossCount - lossesAtLastEvaluation) : Double.NaN;
        lossesAtLastEvaluation = lossCount;
        int n = evaluationIterations.length;
        evaluationIterations = Arrays.copyOf(evaluationIterations, n + 1);
        evaluationEpochs = Arrays.copyOf(evaluationEpochs, n + 1);
        trainLosses = Arrays.copyOf(trainLosses, n + 1);
        testLosses = Arrays.copyOf(testLosses, n + 1);
        trainAccuracies = Arrays.copyOf(trainAccuracies, n + 1);
        testAccuracies = Arrays.copyOf(testAccuracies, n + 1);
        evaluationIterations[n] = iteration;
        evaluationEpochs[n] = epoch;
        trainLosses[n] = trainLoss;
        testLosses[n] = testLoss;
        trainAccuracies[n] = trainAccuracy;
        testAccuracies[n] = testAccuracy;
        return trainLoss;
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

    /** The epoch of each evaluation's iteration, counted from 0. */
    public int[] getEvaluationEpochs() {
        return evaluationEpochs.clone();
    }

    /** At each evaluation, the mean of the mini-batch losses recorded since the previous one. */
    public double[] getTrainLosses() {
        return trainLosses.clone();
    }

    /** Test-set (held-out) loss at each evaluation. */
    public double[] getTestLosses() {
        return testLosses.clone();
    }

    /** Training-set accuracy at each evaluation; NaN for regression. */
    public double[] getTrainAccuracies() {
        return trainAccuracies.clone();
    }

    /** Test-set accuracy at each evaluation; NaN for regression. */
    public double[] getTestAccuracies() {
        return testAccuracies.clone();
    }

    /**
     * The evaluations as CSV: a header {@code iteration,epoch,train_loss,test_loss,train_accuracy,test_accuracy}, then
     * one line per evaluation; numbers in full precision ({@link Double#toString}), {@code NaN} where a value does
     * not apply.
     */
    public String toCsv() {
        StringBuilder s = new StringBuilder("iteration,epoch,train_loss,test_loss,train_accuracy,test_accuracy\n");
        for (int e = 0; e < evaluationIterations.length; e++) {
            s.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s%n", evaluationIterations[e], evaluationEpochs[e],
                    trainLosses[e], testLosses[e], trainAccuracies[e], testAccuracies[e]));
        }
        return s.toString();
    }

    /**
     * The whole history as one JSON object: {@code first_iteration}, {@code losses} (every iteration's) and
     * {@code evaluations}, each with the keys of {@link #toCsv()}'s columns; {@code NaN} where a value does not apply.
     */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("first_iteration", firstIteration);
        JsonArray all = new JsonArray();
        for (int k = 0; k < lossCount; k++) {
            all.add(losses[k]);
        }
        o.add("losses", all);
        JsonArray evaluations = new JsonArray();
        for (int e = 0; e < evaluationIterations.length; e++) {
            JsonObject row = new JsonObject();
            row.addProperty("iteration", evaluationIterations[e]);
            row.addProperty("epoch", evaluationEpochs[e]);
            row.addProperty("train_loss", trainLosses[e]);
            row.addProperty("test_loss", testLosses[e]);
            row.addProperty("train_accuracy", trainAccuracies[e]);
            row.addProperty("test_accuracy", testAccuracies[e]);
            evaluations.add(row);
        }
        o.add("evaluations", evaluations);
        return new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o);
    }
}
