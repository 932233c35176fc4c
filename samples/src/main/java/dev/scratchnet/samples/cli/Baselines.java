package dev.scratchnet.samples.cli;

import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.eval.RegressionEvaluation;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * What a trained network is measured against, fitted on the training set and scored on the test set: the majority
 * class for classification; the mean predictor and an ordinary least-squares fit (a line, or a plane, through the
 * raw features, per target) for regression, scored by {@link RegressionEvaluation}.
 */
final class Baselines {
    private Baselines() {}

    /** The test accuracy of always predicting the training set's most frequent class. */
    static double majorityAccuracy(Dataset train, Dataset test) {
        long[] counts = new long[train.getClasses()];
        for (int label : train.getLabels()) {
            counts[label]++;
        }
        int majority = 0;
        for (int c = 1; c < counts.length; c++) {
            if (counts[c] > counts[majority]) {
                majority = c;
            }
        }
        int hits = 0;
        for (int label : test.getLabels()) {
            if (label == majority) {
                hits++;
            }
        }
        return (double) hits / test.getSize();
    }

    /** {@code {MSE, R²}} on the test set of always predicting the training set's mean targets. */
    static double[] meanPredictor(Dataset train, Dataset test) {
        int k = train.getOutputs();
        double[] mean = new double[k];
        double[] t = train.getTargets();
        for (int i = 0; i < t.length; i++) {
            mean[i % k] += t[i] / train.getSize();
        }
        double[] predicted = new double[test.getSize() * k];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = mean[i % k];
        }
        return scores(test, predicted);
    }

    /**
     * {@code {MSE, R²}} on the test set of ordinary least squares fitted on the training set, or null when the
     * training rows do not determine a fit (fewer rows than features + 1, or collinear features).
     */
    static double[] leastSquares(Dataset train, Dataset test) {
        int k = train.getOutputs();
        int f = train.getFeatures();
        if (train.getSize() <= f + 1) {
            return null;
        }
        double[][] x = rows(train);
        double[] predicted = new double[test.getSize() * k];
        double[][] testRows = rows(test);
        try {
            for (int j = 0; j < k; j++) {
                double[] y = new double[train.getSize()];
                for (int r = 0; r < y.length; r++) {
                    y[r] = train.getTargets()[r * k + j];
                }
                OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
                ols.newSampleData(y, x);
                double[] beta = ols.estimateRegressionParameters();
                for (int r = 0; r < testRows.length; r++) {
                    double v = beta[0];
                    for (int i = 0; i < f; i++) {
                        v += beta[i + 1] * testRows[r][i];
                    }
                    predicted[r * k + j] = v;
                }
            }
        } catch (SingularMatrixException e) {
            return null;
        }
        return scores(test, predicted);
    }

    private static double[][] rows(Dataset data) {
        int f = data.getFeatures();
        double[][] rows = new double[data.getSize()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = java.util.Arrays.copyOfRange(data.getX(), r * f, (r + 1) * f);
        }
        return rows;
    }

    private static double[] scores(Dataset test, double[] predicted) {
        RegressionEvaluation evaluation = RegressionEvaluation.ofOutputs(predicted, test);
        return new double[] {evaluation.getMse(), evaluation.getR2()};
    }
}
