package dev.scratchnet.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class NumericalDifferentiationTest {
    /** The book's {@code function_2}: {@code x0² + x1²}. */
    private static final ToDoubleFunction<double[]> SUM_OF_SQUARES = x -> x[0] * x[0] + x[1] * x[1];

    @Test
    void derivativeOfBookFunction1MatchesAnalyticValues() {
        // function_1(x) = 0.01x² + 0.1x, whose derivative 0.02x + 0.1 is 0.2 at 5 and 0.3 at 10.
        assertEquals(0.2, NumericalDifferentiation.numericalDiff(x -> 0.01 * x * x + 0.1 * x, 5), 1e-9);
        assertEquals(0.3, NumericalDifferentiation.numericalDiff(x -> 0.01 * x * x + 0.1 * x, 10), 1e-9);
    }

    @Test
    void gradientOfSumOfSquaresMatchesBookValues() {
        assertArrayEquals(new double[] {6, 8}, NumericalDifferentiation.numericalGradient(SUM_OF_SQUARES, new double[] {3, 4}), 1e-6);
        assertArrayEquals(new double[] {0, 4}, NumericalDifferentiation.numericalGradient(SUM_OF_SQUARES, new double[] {0, 2}), 1e-6);
        assertArrayEquals(new double[] {6, 0}, NumericalDifferentiation.numericalGradient(SUM_OF_SQUARES, new double[] {3, 0}), 1e-6);
    }

    @Test
    void gradientRestoresTheInputBitForBit() {
        double[] x = {1e-5, 0.7, -3e-5};
        double[] before = x.clone();
        requireSomeElementChangedByAddingAndSubtractingH(x);

        NumericalDifferentiation.numericalGradient(v -> v[0] * v[1] * v[2], x);

        assertArrayEquals(before, x);
    }

    @Test
    void gradientRestoresTheElementWhenTheFunctionThrows() {
        double[] x = {3, 4};
        int[] calls = {0};
        ToDoubleFunction<double[]> failsOnThirdCall = v -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("boom");
            }
            return SUM_OF_SQUARES.applyAsDouble(v);
        };

        assertThrows(IllegalStateException.class, () -> NumericalDifferentiation.numericalGradient(failsOnThirdCall, x));

        assertArrayEquals(new double[] {3, 4}, x);
    }

    @Test
    void inPlaceGradientSeesThePerturbedArrayByReference() {
        double[] x = {3, 4};
        double[] grad = {99, 99};

        NumericalDifferentiation.numericalGradient(() -> SUM_OF_SQUARES.applyAsDouble(x), x, grad);

        assertArrayEquals(new double[] {6, 8}, grad, 1e-6);
        assertArrayEquals(new double[] {3, 4}, x);
    }

    @Test
    void inPlaceGradientRejectsAGradientOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NumericalDifferentiation.numericalGradient(() -> 0, new double[3], new double[2]));

        assertEquals("gradient array has 2 elements, expected 3 (one per element of x)", e.getMessage());
    }

    @Test
    void modelGradientMatchesHandComputedGradientOfLinearMeanSquaredError() {
        LinearModel model = bookishLinearModel();
        Gradients numerical = model.newGradients();

        NumericalDifferentiation.numericalGradient(model, twoRowBatch(), numerical);

        // y = x·W1 + b1 = [[1.1, 2.8], [1.35, -5.2]]; dY = (y - t) / 2 = [[0.05, 1.4], [0.675, -3.1]];
        // dW1 = xᵀ·dY; db1 = column sums of dY.
        assertArrayEquals(new double[] {2.075, -7.9, -0.575, 5.9}, numerical.get("W1"), 1e-9);
        assertArrayEquals(new double[] {0.725, -1.7}, numerical.get("b1"), 1e-9);
        assertEquals(12.028125, model.loss(twoRowBatch()), 1e-12);
    }

    @Test
    void modelGradientAgreesWithBackpropagation() {
        LinearModel model = bookishLinearModel();
        Gradients numerical = model.newGradients();
        Gradients backprop = model.newGradients();

        model.numericalGradient(twoRowBatch(), numerical);
        model.gradient(twoRowBatch(), backprop);

        assertEquals(List.of("W1", "b1"), numerical.getNames());
        assertTrue(numerical.maxAbsDifference(backprop) < 1e-9, "max difference " + numerical.maxAbsDifference(backprop));
    }

    @Test
    void modelGradientRestoresEveryParameterBitForBit() {
        LinearModel model = new LinearModel(new double[][] {{1e-5, 0.7}, {-3e-5, 0.3}}, new double[] {1e-20, -0.9});
        double[] w1 = model.getParameter("W1").getValues();
        double[] b1 = model.getParameter("b1").getValues();
        double[] w1Before = w1.clone();
        double[] b1Before = b1.clone();
        requireSomeElementChangedByAddingAndSubtractingH(w1);

        NumericalDifferentiation.numericalGradient(model, twoRowBatch(), model.newGradients());

        assertSame(w1, model.getParameter("W1").getValues());
        assertArrayEquals(w1Before, w1);
        assertArrayEquals(b1Before, b1);
    }

    @Test
    void modelGradientRejectsGradientsOfAnotherModel() {
        LinearModel model = bookishLinearModel();
        Gradients other = new LinearModel(new double[][] {{1}, {2}}, new double[] {0}).newGradients();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NumericalDifferentiation.numericalGradient(model, twoRowBatch(), other));

        assertEquals("gradients [W1, b1] do not match the model's parameters [W1[2, 2], b1[2]]; create them with model.newGradients()",
                e.getMessage());
    }

    @Test
    void modelGradientRejectsABatchOfAnotherWidth() {
        LinearModel model = bookishLinearModel();
        Batch wide = Batch.of(new double[][] {{1, 2, 3}}, new int[] {0}, 2);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NumericalDifferentiation.numericalGradient(model, wide, model.newGradients()));

        assertEquals("batch has 3 inputs and 2 outputs per row, the model expects 2 and 2", e.getMessage());
    }

    /** Values much smaller than h do not survive {@code x + h - h}; without one, restoring by arithmetic would pass too. */
    private static void requireSomeElementChangedByAddingAndSubtractingH(double[] x) {
        boolean some = false;
        for (double v : x) {
            some |= (v + NumericalDifferentiation.H) - NumericalDifferentiation.H != v;
        }
        assertTrue(some, "test data: some element of " + Arrays.toString(x) + " must change under x + h - h");
    }

    private static LinearModel bookishLinearModel() {
        return new LinearModel(new double[][] {{0.5, -1}, {0.25, 2}}, new double[] {0.1, -0.2});
    }

    private static Batch twoRowBatch() {
        return Batch.of(new double[][] {{1, 2}, {3, -1}}, new int[] {0, 1}, 2);
    }
}
