package dev.scratchnet.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class GradientDescentTest {
    /** The book's {@code function_2}: {@code x0² + x1²}, minimal at the origin. */
    private static final ToDoubleFunction<double[]> SUM_OF_SQUARES = x -> x[0] * x[0] + x[1] * x[1];
    private static final double[] BOOK_START = {-3.0, 4.0};

    @Test
    void descentWithBookLearningRateReachesTheOrigin() {
        GradientDescent.Result result = GradientDescent.descend(SUM_OF_SQUARES, BOOK_START, 0.1, 100);

        // The book prints array([-6.11110793e-10, 8.14814391e-10]).
        assertArrayEquals(new double[] {-6.11110793e-10, 8.14814391e-10}, result.getPoint(), 1e-18);
        assertTrue(Math.hypot(result.getPoint()[0], result.getPoint()[1]) < 1e-8);
    }

    @Test
    void pathHoldsTheStartAndEveryStep() {
        GradientDescent.Result result = GradientDescent.descend(SUM_OF_SQUARES, BOOK_START, 0.1, 100);
        List<double[]> path = result.getPath();

        assertEquals(101, path.size());
        assertArrayEquals(BOOK_START, path.get(0));
        // One step of x ← x - 0.1 · 2x is x · 0.8, up to the numerical gradient's error.
        assertArrayEquals(new double[] {-2.4, 3.2}, path.get(1), 1e-9);
        assertArrayEquals(result.getPoint(), path.get(100));
    }

    @Test
    void tooLargeLearningRateDiverges() {
        double[] point = GradientDescent.descend(SUM_OF_SQUARES, BOOK_START, 10.0, 100).getPoint();

        // The book prints array([-2.58983747e+13, -1.29524862e+12]): x is multiplied by -19 each step until
        // x ± h rounds to x, the numerical gradient becomes 0 and the point stops moving.
        assertEquals(-2.58983747e13, point[0], 1e5);
        assertEquals(-1.29524862e12, point[1], 1e4);
        assertTrue(Math.hypot(point[0], point[1]) > 1e10);
    }

    @Test
    void tooSmallLearningRateBarelyMoves() {
        double[] point = GradientDescent.descend(SUM_OF_SQUARES, BOOK_START, 1e-10, 100).getPoint();

        // The book prints array([-2.99999994, 3.99999992]).
        assertArrayEquals(BOOK_START, point, 1e-6);
        assertArrayEquals(new double[] {-2.99999994, 3.99999992}, point, 1e-8);
    }

    @Test
    void zeroStepsReturnsTheStart() {
        GradientDescent.Result result = GradientDescent.descend(SUM_OF_SQUARES, BOOK_START, 0.1, 0);

        assertArrayEquals(BOOK_START, result.getPoint());
        assertEquals(1, result.getPath().size());
    }

    @Test
    void descentLeavesTheStartAndItsResultUnmodified() {
        double[] init = BOOK_START.clone();
        GradientDescent.Result result = GradientDescent.descend(SUM_OF_SQUARES, init, 0.1, 3);
        double[] point = result.getPoint();

        result.getPoint()[0] = 99;
        result.getPath().get(0)[0] = 99;

        assertArrayEquals(BOOK_START, init);
        assertArrayEquals(point, result.getPoint());
        assertArrayEquals(BOOK_START, result.getPath().get(0));
        assertThrows(UnsupportedOperationException.class, () -> result.getPath().clear());
    }

    @Test
    void learningRateMustBeFiniteAndPositive() {
        for (double lr : new double[] {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GradientDescent.descend(SUM_OF_SQUARES, BOOK_START, lr, 10));
            assertEquals("learning rate must be finite and positive, got " + lr, e.getMessage());
        }
    }

    @Test
    void stepsMustNotBeNegative() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientDescent.descend(SUM_OF_SQUARES, BOOK_START, 0.1, -1));

        assertEquals("steps must be 0 or more, got -1", e.getMessage());
    }
}
