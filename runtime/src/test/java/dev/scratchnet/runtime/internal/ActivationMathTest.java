package dev.scratchnet.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fma-polynomial {@code exp}, {@code expm1}, sigmoid and tanh against fdlibm ({@link StrictMath}), whose error
 * is below 1 ulp: the largest difference over 200,000 random arguments of each range, in units in the last place
 * of the reference, and the special values; and the vector kernels' forms against the scalar ones, bit for bit.
 */
class ActivationMathTest {
    private static final int SAMPLES = 200_000;

    private static double ulps(double actual, double expected) {
        if (actual == expected) {
            return 0;
        }
        return Math.abs(actual - expected) / Math.ulp(expected);
    }

    @Test
    void expIsWithinOneUlpOverItsNormalRange() {
        SplittableRandom random = new SplittableRandom(1);
        double worst = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double x = ActivationMath.MIN + (ActivationMath.MAX - ActivationMath.MIN) * random.nextDouble();
            worst = Math.max(worst, ulps(ActivationMath.exp(x), StrictMath.exp(x)));
        }
        for (int i = 0; i < SAMPLES; i++) {
            double x = -1 + 2 * random.nextDouble();
            worst = Math.max(worst, ulps(ActivationMath.exp(x), StrictMath.exp(x)));
        }
        assertTrue(worst <= 1.0, "largest error " + worst + " ulp");
    }

    @Test
    void expm1IsWithinTwoUlpsIncludingTinyArguments() {
        SplittableRandom random = new SplittableRandom(2);
        double worst = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double x = -40 + 80 * random.nextDouble();
            worst = Math.max(worst, ulps(ActivationMath.expm1(x), StrictMath.expm1(x)));
            double tiny = Math.scalb(random.nextDouble() - 0.5, -random.nextInt(60));
            worst = Math.max(worst, ulps(ActivationMath.expm1(tiny), StrictMath.expm1(tiny)));
        }
        assertTrue(worst <= 2.0, "largest error " + worst + " ulp");
    }

    @Test
    void expIsWithinOneUlpOfTheIntrinsicMathExpToo() {
        SplittableRandom random = new SplittableRandom(4);
        double worst = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double x = -700 + 1400 * random.nextDouble();
            worst = Math.max(worst, ulps(ActivationMath.exp(x), Math.exp(x)));
        }
        assertTrue(worst <= 1.0, "largest difference from Math.exp " + worst + " ulp");
    }

    /**
     * Sigmoid against {@code 1 / (1 + e)} divided exactly (34 digits) from fdlibm's {@code e = exp(−a)}, itself within
     * 1 ulp: 3 ulp at most, reached where sigmoid is about 1e-16 and is {@code 1/e}, so that both exponentials' errors
     * and the division's rounding add up. Tanh against fdlibm's tanh: 4 ulp at most (near a = 0.18, where expm1 and
     * the quotient round the same way), near 0 too.
     */
    @Test
    void sigmoidIsWithinThreeUlpsAndTanhWithinFour() {
        SplittableRandom random = new SplittableRandom(3);
        double sigmoid = 0;
        double tanh = 0;
        for (int i = 0; i < SAMPLES / 5; i++) {
            double a = -40 + 80 * random.nextDouble();
            BigDecimal e = new BigDecimal(StrictMath.exp(-a));
            double reference = BigDecimal.ONE.divide(BigDecimal.ONE.add(e), MathContext.DECIMAL128).doubleValue();
            sigmoid = Math.max(sigmoid, ulps(ActivationMath.sigmoid(a), reference));
        }
        for (int i = 0; i < SAMPLES; i++) {
            double a = -40 + 80 * random.nextDouble();
            tanh = Math.max(tanh, ulps(ActivationMath.tanh(a), StrictMath.tanh(a)));
            double small = Math.scalb(random.nextDouble() - 0.5, -random.nextInt(40));
            tanh = Math.max(tanh, ulps(ActivationMath.tanh(small), StrictMath.tanh(small)));
        }
        assertTrue(sigmoid <= 3.0, "sigmoid: largest error " + sigmoid + " ulp");
        assertTrue(tanh <= 4.0, "tanh: largest error " + tanh + " ulp");
    }

    @Test
    void specialValuesAreThoseOfTheBooksFunctions() {
        assertEquals(1.0, ActivationMath.exp(0.0));
        assertEquals(0.0, ActivationMath.exp(-800.0));
        assertEquals(Double.POSITIVE_INFINITY, ActivationMath.exp(710.0));
        assertEquals(Double.POSITIVE_INFINITY, ActivationMath.exp(Double.POSITIVE_INFINITY));
        assertEquals(0.0, ActivationMath.exp(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(ActivationMath.exp(Double.NaN)));
        assertEquals(-1.0, ActivationMath.expm1(-800.0));
        assertEquals(1e-300, ActivationMath.expm1(1e-300));
        assertEquals(0.5, ActivationMath.sigmoid(0.0));
        assertEquals(1.0, ActivationMath.sigmoid(800.0));
        assertEquals(0.0, ActivationMath.sigmoid(-800.0));
        assertEquals(1.0, ActivationMath.tanh(400.0));
        assertEquals(-1.0, ActivationMath.tanh(-400.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(ActivationMath.tanh(-0.0)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(ActivationMath.tanh(0.0)));
        assertTrue(Double.isNaN(ActivationMath.tanh(Double.NaN)) && Double.isNaN(ActivationMath.sigmoid(Double.NaN)));
        assertEquals(1.0, ActivationMath.tanh(Double.POSITIVE_INFINITY));
    }

    @Test
    void theVectorFormsGiveTheScalarFormsBitsLaneByLane() {
        KernelOps scalar = new ScalarKernels();
        KernelOps vector = new VectorKernels("vector (test)");
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, -1e-300, 1e-9, -1e-9,
            ActivationMath.MIN, ActivationMath.MAX, Math.nextDown(ActivationMath.MIN), Math.nextUp(ActivationMath.MAX),
            354.2, -354.2, 710, -710, 745.2, -745.2, 20, -20, 0.5, -0.5};
        SplittableRandom random = new SplittableRandom(5);
        double[] a = new double[special.length + 4_003];
        System.arraycopy(special, 0, a, 0, special.length);
        for (int i = special.length; i < a.length; i++) {
            a[i] = (random.nextBoolean() ? -1 : 1) * Math.scalb(random.nextDouble(), random.nextInt(-40, 11));
        }
        // Every start offset within a vector, so every element goes through a lane and through the scalar tail.
        for (int from = 0; from < 5; from++) {
            double[] expected = new double[a.length];
            double[] actual = new double[a.length];
            scalar.sigmoid(a, expected, from, a.length);
            vector.sigmoid(a, actual, from, a.length);
            assertBitsEqual(expected, actual, a, "sigmoid");
            scalar.tanh(a, expected, from, a.length);
            vector.tanh(a, actual, from, a.length);
            assertBitsEqual(expected, actual, a, "tanh");
        }
    }

    private static void assertBitsEqual(double[] expected, double[] actual, double[] a, String function) {
        for (int i = 0; i < a.length; i++) {
            int at = i;
            assertEquals(Double.doubleToRawLongBits(expected[at]), Double.doubleToRawLongBits(actual[at]),
                    () -> function + "(" + a[at] + "): " + expected[at] + " vs " + actual[at]);
        }
    }
}
