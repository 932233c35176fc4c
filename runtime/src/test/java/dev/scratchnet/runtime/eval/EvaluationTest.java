package dev.scratchnet.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.Summary;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evaluations against hand-computed values. The classifier is one linear layer whose weights are 10·I, so an input
 * row {@code e_k} is predicted as class {@code k}: the rows below give a confusion matrix chosen in advance. Every
 * check runs twice, through the network's own scores and through {@code predict} (a model that cannot hand over
 * its scores), which must agree.
 */
class EvaluationTest {
    /** (input index, label) per row: label 0 predicted 0, 0, 1; label 1 predicted 1, 1; label 2 predicted 0, 2. */
    private static final int[][] ROWS = {{0, 0}, {0, 0}, {1, 0}, {1, 1}, {1, 1}, {0, 2}, {2, 2}};

    private static Dataset classification() {
        double[] x = new double[ROWS.length * 3];
        int[] labels = new int[ROWS.length];
        for (int r = 0; r < ROWS.length; r++) {
            x[r * 3 + ROWS[r][0]] = 1.0;
            labels[r] = ROWS[r][1];
        }
        return new Dataset(x, labels, 3, 3);
    }

    private static SequentialNetwork classifier() {
        SequentialNetwork net = Networks.builder(3).dense(3).loss(LossFunction.SOFTMAX_CROSS_ENTROPY).build();
        double[] w = net.getParameter("W1").getValues();
        for (int k = 0; k < 3; k++) {
            w[k * 3 + k] = 10.0;
        }
        return net;
    }

    @Test
    void classificationMetricsAreTheHandComputedOnes() {
        for (Model model : List.of(classifier(), withoutScores(classifier()))) {
            ClassificationEvaluation e = ClassificationEvaluation.of(model, classification());
            assertArrayEquals(new long[][] {{2, 1, 0}, {0, 2, 0}, {1, 0, 1}}, e.getConfusion());
            assertEquals(5.0 / 7, e.getAccuracy(), 1e-15);
            assertEquals(2.0 / 3, e.getPrecision(0), 1e-15);
            assertEquals(2.0 / 3, e.getPrecision(1), 1e-15);
            assertEquals(1.0, e.getPrecision(2), 1e-15);
            assertEquals(2.0 / 3, e.getRecall(0), 1e-15);
            assertEquals(1.0, e.getRecall(1), 1e-15);
            assertEquals(0.5, e.getRecall(2), 1e-15);
            assertEquals(0.8, e.getF1(1), 1e-15);
            assertEquals(7.0 / 9, e.getMacroPrecision(), 1e-15);
            assertEquals(13.0 / 18, e.getMacroRecall(), 1e-15);
            assertEquals(32.0 / 45, e.getMacroF1(), 1e-15);
            assertEquals(16.0 / 21, e.getWeightedPrecision(), 1e-15);
            assertEquals(5.0 / 7, e.getWeightedRecall(), 1e-15);
            assertEquals(74.0 / 105, e.getWeightedF1(), 1e-15);
            assertEquals(3, e.getSupport(0));
        }
    }

    @Test
    void classificationLossIsTheMeanOfTheBatchLoss() {
        Dataset data = classification();
        SequentialNetwork net = classifier();
        double expected = net.loss(data.slice(0, data.getSize()));
        assertEquals(expected, ClassificationEvaluation.of(net, data).getLoss(), 1e-15);
        // −log(softmax(10, 0, 0)[0] + 1e-7) for the two rows predicted right with label 0, and so on: by hand.
        double right = -Math.log(Math.exp(10) / (Math.exp(10) + 2) + 1e-7);
        double wrong = -Math.log(1 / (Math.exp(10) + 2) + 1e-7);
        assertEquals((5 * right + 2 * wrong) / 7, expected, 1e-12);
    }

    @Test
    void aClassNeverPredictedHasPrecisionZeroAndAClassNeverPresentIsLeftOutOfTheMacroAverage() {
        // Four classes: class 3 is neither a label nor a prediction.
        SequentialNetwork net = Networks.builder(3).dense(4).loss(LossFunction.SOFTMAX_CROSS_ENTROPY).build();
        double[] w = net.getParameter("W1").getValues();
        w[0] = 10.0;
        w[4 + 1] = 10.0;
        w[2 * 4 + 1] = 10.0;
        Dataset data = new Dataset(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new int[] {0, 1, 2}, 3, 4);
        ClassificationEvaluation e = ClassificationEvaluation.of(net, data);
        assertEquals(0.0, e.getPrecision(2));
        assertEquals(0.0, e.getRecall(2));
        assertEquals(0.5, e.getPrecision(1), 1e-15);
        assertEquals((1.0 + 0.5 + 0.0) / 3, e.getMacroPrecision(), 1e-15);
    }

    @Test
    void regressionMetricsAreTheHandComputedOnes() {
        // y = 2x + 1 on x = 0, 1, 2, 3 against targets 1, 2, 5, 8: errors 0, 1, 0, −1.
        SequentialNetwork line = Networks.builder(1).dense(1).loss(LossFunction.MEAN_SQUARED_ERROR).build();
        line.getParameter("W1").getValues()[0] = 2.0;
        line.getParameter("b1").getValues()[0] = 1.0;
        Dataset data = Dataset.ofTargets(new double[] {0, 1, 2, 3}, new double[] {1, 2, 5, 8}, 1, 1);
        for (Model model : List.of(line, withoutScores(line))) {
            RegressionEvaluation e = RegressionEvaluation.of(model, data);
            assertEquals(0.5, e.getMse(), 1e-15);
            assertEquals(0.5, e.getMae(), 1e-15);
            // mean 4, SS_tot = 9 + 4 + 1 + 16 = 30, SS_res = 2
            assertEquals(1 - 2.0 / 30, e.getR2(), 1e-15);
            assertEquals(0.25, e.getLoss(), 1e-15);
            assertEquals(4, e.getRows());
        }
    }

    @Test
    void rSquaredAveragesTheOutputsAndAConstantTargetIsPerfectOnlyWhenMatched() {
        SequentialNetwork net = Networks.builder(1).dense(2).loss(LossFunction.MEAN_SQUARED_ERROR).build();
        net.getParameter("W1").getValues()[0] = 1.0;
        net.getParameter("b1").getValues()[1] = 3.0;
        // Output 0 is x, exactly its targets; output 1 is the constant 3 against constant targets 3.
        Dataset exact = Dataset.ofTargets(new double[] {1, 2, 4}, new double[] {1, 3, 2, 3, 4, 3}, 1, 2);
        assertEquals(1.0, RegressionEvaluation.of(net, exact).getR2(), 1e-15);
        Dataset off = Dataset.ofTargets(new double[] {1, 2, 4}, new double[] {1, 5, 2, 5, 4, 5}, 1, 2);
        assertTrue(Double.isNaN(RegressionEvaluation.of(net, off).getR2()), "a constant target missed has no R²");
    }

    @Test
    void evaluationOfPicksTheDatasetsTask() {
        assertTrue(Evaluation.of(classifier(), classification()) instanceof ClassificationEvaluation);
        SequentialNetwork line = Networks.builder(1).dense(1).loss(LossFunction.MEAN_SQUARED_ERROR).build();
        assertTrue(Evaluation.of(line, Dataset.ofTargets(new double[] {1}, new double[] {2}, 1, 1))
                instanceof RegressionEvaluation);
    }

    @Test
    void reportsAreTables() {
        ClassificationEvaluation e = ClassificationEvaluation.of(classifier(), classification());
        assertTrue(e.toString().contains("macro avg"), e.toString());
        assertTrue(e.toString().contains("weighted avg"), e.toString());
        assertEquals("label \\ pred       0     1     2\n"
                + "0                  2     1     0\n"
                + "1                  0     2     0\n"
                + "2                  1     0     1", e.confusionTable());
    }

    /** {@code model} behind the plain {@link Model} interface: no scores handed over, so evaluations use predict. */
    private static Model withoutScores(Model model) {
        return new Model() {
            @Override
            public LossFunction getLoss() {
                return model.getLoss();
            }

            @Override
            public List<Parameter> getParameters() {
                return model.getParameters();
            }

            @Override
            public Summary summary() {
                return model.summary();
            }

            @Override
            public void predict(double[] x, int rows, double[] out) {
                model.predict(x, rows, out);
            }

            @Override
            public double loss(Batch batch) {
                return model.loss(batch);
            }

            @Override
            public double accuracy(Batch batch) {
                return model.accuracy(batch);
            }

            @Override
            public double gradient(Batch batch, Gradients out) {
                return model.gradient(batch, out);
            }

            @Override
            public void numericalGradient(Batch batch, Gradients out) {
                model.numericalGradient(batch, out);
            }
        };
    }
}
