package dev.scratchnet.runtime;

import dev.scratchnet.annotations.ActivationFunction;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FunctionsTest {
    /** The book's example output, peaked (0.6) on the correct class 2. */
    private static final double[] Y_RIGHT = {0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0};
    /** The same output peaked on the wrong class 7. */
    private static final double[] Y_WRONG = {0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0};
    private static final double[] T_TWO = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0};

    @Test
    void softmaxOfBookExampleMatchesPublishedValues() {
        assertArrayEquals(new double[] {0.01821127, 0.24519181, 0.73659691}, Functions.softmax(new double[] {0.3, 2.9, 4.0}), 1e-8);
    }

    @Test
    void softmaxOfLargeInputsIsFiniteAndSumsToOne() {
        double[] x = {1010, 1000, 990};
        assertTrue(Double.isInfinite(Math.exp(x[0])), "without subtracting the max, e^1010 overflows");

        double[] y = Functions.softmax(x);

        assertTrue(Arrays.stream(y).allMatch(Double::isFinite), Arrays.toString(y));
        assertEquals(1.0, Arrays.stream(y).sum(), 1e-15);
        // The book: array([9.99954600e-01, 4.53978686e-05, 2.06106005e-09]).
        assertArrayEquals(new double[] {9.99954600e-01, 4.53978686e-05, 2.06106005e-09}, y, 1e-9);
        assertArrayEquals(new double[] {1010, 1000, 990}, x, "softmax(double[]) must not modify its argument");
    }

    @Test
    void rowWiseSoftmaxOfMatrixEqualsSoftmaxOfEachRow() {
        Matrix x = Matrix.of(new double[][] {{0.3, 2.9, 4.0}, {1010, 1000, 990}, {-1, 0, -2}});

        Matrix y = Functions.softmax(x);

        for (int r = 0; r < x.getRows(); r++) {
            assertArrayEquals(Functions.softmax(x.getRow(r)), y.getRow(r), "row " + r);
        }
        assertEquals(0.3, x.get(0, 0), "softmax(Matrix) must not modify its argument");
    }

    @Test
    void softmaxRowsInPlaceOverwritesEveryRowOfTheBuffer() {
        double[] a = {0.3, 2.9, 4.0, 1010, 1000, 990};

        Functions.softmaxRowsInPlace(a, 2, 3);

        assertArrayEquals(Functions.softmax(new double[] {0.3, 2.9, 4.0}), Arrays.copyOfRange(a, 0, 3));
        assertArrayEquals(Functions.softmax(new double[] {1010, 1000, 990}), Arrays.copyOfRange(a, 3, 6));
    }

    @Test
    void softmaxRowsInPlaceRejectsABufferOfTheWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functions.softmaxRowsInPlace(new double[5], 2, 3));
        assertEquals("softmax of 2×3 needs 6 values, the array has 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Functions.softmax(new double[0]));
    }

    @Test
    void activationsOfBookExampleMatchPublishedValues() {
        double[] x = {-1.0, 1.0, 2.0};
        assertAll(
                () -> assertArrayEquals(new double[] {0, 1, 1}, Functions.step(x)),
                () -> assertArrayEquals(new double[] {0.26894142, 0.73105858, 0.88079708}, Functions.sigmoid(x), 1e-8),
                () -> assertArrayEquals(new double[] {0, 1, 2}, Functions.relu(x)),
                () -> assertArrayEquals(new double[] {-0.76159416, 0.76159416, 0.96402758}, Functions.tanh(x), 1e-8),
                () -> assertArrayEquals(x, Functions.identity(x)),
                () -> assertNotSame(x, Functions.identity(x)));
    }

    @Test
    void scalarActivationsHandleZeroAndExtremes() {
        assertAll(
                () -> assertEquals(0.0, Functions.step(0.0)),
                () -> assertEquals(0.5, Functions.sigmoid(0.0)),
                () -> assertEquals(0.0, Functions.sigmoid(-1000.0)),
                () -> assertEquals(1.0, Functions.sigmoid(1000.0)),
                () -> assertEquals(0.0, Functions.relu(-3.5)),
                () -> assertEquals(3.5, Functions.relu(3.5)),
                () -> assertEquals(Math.tanh(0.7), Functions.tanh(0.7)),
                () -> assertEquals(-2.25, Functions.identity(-2.25)));
    }

    /** The network's sigmoid and tanh (an fma-polynomial exp) against the JDK's, over the range that matters. */
    @Test
    void sigmoidAndTanhAreWithinAFewUlpsOfTheJdksFunctions() {
        for (double v = -40; v <= 40; v += 0.01) {
            double sigmoid = 1 / (1 + Math.exp(-v));
            assertEquals(sigmoid, Functions.sigmoid(v), 3 * Math.ulp(sigmoid), "sigmoid(" + v + ")");
            assertEquals(Math.tanh(v), Functions.tanh(v), 4 * Math.ulp(Math.tanh(v)), "tanh(" + v + ")");
        }
    }

    @Test
    void applyDispatchesEveryActivationToItsFunction() {
        Matrix x = Matrix.of(new double[][] {{-1.5, 0.0, 2.0}, {3.0, -0.25, 1.0}});
        for (ActivationFunction f : ActivationFunction.values()) {
            Matrix expected = switch (f) {
                case IDENTITY -> x;
                case SIGMOID -> x.map(Functions::sigmoid);
                case RELU -> x.map(v -> Math.max(0, v));
                case TANH -> x.map(Functions::tanh);
                case STEP -> x.map(v -> v > 0 ? 1 : 0);
                case SOFTMAX -> Matrix.of(new double[][] {Functions.softmax(x.getRow(0)), Functions.softmax(x.getRow(1))});
            };
            Matrix actual = Functions.apply(f, x);
            assertEquals(expected, actual, f.name());
            assertNotSame(x, actual, f + " must return a new matrix");
        }
    }

    @Test
    void meanSquaredErrorOfBookExamples() {
        assertEquals(0.0975, Functions.meanSquaredError(Y_RIGHT, T_TWO), 1e-15);
        assertEquals(0.5975, Functions.meanSquaredError(Y_WRONG, T_TWO), 1e-15);
        assertEquals(0.0975, Functions.meanSquaredError(Y_RIGHT, 2), 1e-15);
        assertEquals(0.5975, Functions.meanSquaredError(Y_WRONG, 2), 1e-15);
    }

    @Test
    void crossEntropyErrorOfBookExamples() {
        assertEquals(0.510825457, Functions.crossEntropyError(Y_RIGHT, T_TWO), 1e-9);
        assertEquals(2.302584093, Functions.crossEntropyError(Y_WRONG, T_TWO), 1e-9);
        assertEquals(0.510825457, Functions.crossEntropyError(Y_RIGHT, 2), 1e-9);
        assertEquals(2.302584093, Functions.crossEntropyError(Y_WRONG, 2), 1e-9);
        assertEquals(-Math.log(0.6 + 1e-7), Functions.crossEntropyError(Y_RIGHT, 2), 1e-15);
    }

    @Test
    void batchLossesAverageOverRows() {
        Matrix y = Matrix.of(new double[][] {Y_RIGHT, Y_WRONG});
        Matrix t = Matrix.of(new double[][] {T_TWO, T_TWO});
        int[] labels = {2, 2};

        assertAll(
                () -> assertEquals((0.0975 + 0.5975) / 2, Functions.meanSquaredError(y, t), 1e-15),
                () -> assertEquals((0.0975 + 0.5975) / 2, Functions.meanSquaredError(y, labels), 1e-15),
                () -> assertEquals((0.510825457 + 2.302584093) / 2, Functions.crossEntropyError(y, t), 1e-9),
                () -> assertEquals((0.510825457 + 2.302584093) / 2, Functions.crossEntropyError(y, labels), 1e-9));
    }

    @Test
    void crossEntropyOfAZeroProbabilityIsFinite() {
        assertEquals(-Math.log(1e-7), Functions.crossEntropyError(new double[] {1, 0}, 1), 1e-12);
    }

    @Test
    void labelOutsideTheColumnsIsRejectedWithExpectedAndActual() {
        Matrix y = Matrix.of(new double[][] {Y_RIGHT, Y_WRONG});

        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
                () -> Functions.crossEntropyError(y, new int[] {2, 10}));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Functions.meanSquaredError(Y_RIGHT, -1));

        assertEquals("labels[1]: expected a class in [0, 10), got 10", tooLarge.getMessage());
        assertEquals("labels[0]: expected a class in [0, 10), got -1", negative.getMessage());
    }

    @Test
    void labelCountMustMatchRows() {
        Matrix y = Matrix.of(new double[][] {Y_RIGHT, Y_WRONG});

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functions.meanSquaredError(y, new int[] {2}));

        assertEquals("expected one label per row, 2 labels, got 1", e.getMessage());
    }

    @Test
    void targetsOfAnotherShapeAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functions.crossEntropyError(Y_RIGHT, new double[] {0, 0, 1}));

        assertEquals("crossEntropyError: expected t to have the shape of y, 1×10, got 1×3", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Functions.meanSquaredError(Matrix.zeros(2, 3), Matrix.zeros(3, 3)));
    }

    @Test
    void oneHotPutsOneInEachLabelsColumn() {
        assertEquals(Matrix.of(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}), Functions.oneHot(new int[] {2, 0, 1}, 3));
        assertEquals(Matrix.row(T_TWO), Functions.oneHot(new int[] {2}, 10));
        assertThrows(IllegalArgumentException.class, () -> Functions.oneHot(new int[] {3}, 3));
        assertThrows(IllegalArgumentException.class, () -> Functions.oneHot(new int[0], 3));
        assertThrows(IllegalArgumentException.class, () -> Functions.oneHot(new int[] {0}, 0));
    }
}
