package dev.scratchnet.runtime.internal;

/**
 * {@code exp}, {@code expm1}, sigmoid and tanh as sequences of {@link Math#fma} and plain arithmetic that the vector
 * kernels repeat lane by lane, so that an activation computed four or eight values at a time is bit for bit the
 * one computed here. ({@link Math#exp} is an intrinsic with no vector form that gives the same bits, and
 * {@link Math#tanh} is not even intrinsic.)
 *
 * <p>The method: {@code x = n·ln 2 + r} with {@code n} the nearest integer to {@code x / ln 2} (rounded by adding and
 * subtracting 1.5·2⁵², which any double arithmetic does the same way) and {@code |r| ≤ ln 2 / 2}, reduced in two
 * steps with a split {@code ln 2}; {@code expm1(r)} by its Taylor polynomial of degree 13 in Horner form, whose
 * truncation error is below 10⁻¹⁷ of the result on that interval; then {@code exp(x) = 2ⁿ + 2ⁿ·expm1(r)} and
 * {@code expm1(x) = (2ⁿ − 1) + 2ⁿ·expm1(r)}, each one fused multiply-add, with {@code 2ⁿ} built from its bits.
 * Accuracy over the normal range is pinned by {@code ActivationMathTest}: {@code exp} is within 1 ulp of
 * {@link StrictMath#exp} (fdlibm) and of {@link Math#exp}, {@code expm1} within 2 ulp of fdlibm's, tanh within 4 ulp
 * of fdlibm's, and sigmoid within 3 ulp of an exact division from fdlibm's exponential. Outside {@code [−708.39, 709.43]}
 * {@code exp} returns 0 (where it would be subnormal) and +∞ (where it nears overflow): sigmoid is then exactly 0 or
 * 1 and tanh exactly ±1 either way.
 */
public final class ActivationMath {
    static final double LOG2E = 1.4426950408889634;
    /** ln 2 in two parts: the first has 32 significant bits, so {@code n·LN2_HI} is exact for any {@code |n| < 2²⁰}. */
    static final double LN2_HI = 0.6931471803691238;
    static final double LN2_LO = 1.9082149292705877e-10;
    /** 1.5·2⁵²: adding it rounds to an integer, whose bits it leaves in the low part of the sum. */
    static final double ROUND = 0x1.8p52;
    static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
    /**
     * Above this, where {@code n} would be 1024 and {@code 2ⁿ} no double, {@code exp} returns +∞: a factor of at
     * most √2 before the largest double, {@code e^709.78}.
     */
    static final double MAX = 709.4361;
    /** Below this {@code exp} would be subnormal; it is taken as 0. */
    static final double MIN = -708.3964185322641;

    /** 1/k! for k = 2 … 13, the Taylor coefficients of {@code expm1} after the linear one. */
    static final double[] C = {
        1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880, 1.0 / 3628800,
        1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800.0
    };

    private ActivationMath() {}

    /** {@code e^x}. */
    public static double exp(double x) {
        return reconstruct(x, false);
    }

    /** {@code e^x − 1}, accurate where it is small. */
    public static double expm1(double x) {
        return reconstruct(x, true);
    }

    /** {@code 1 / (1 + e^−a)}. */
    public static double sigmoid(double a) {
        return 1.0 / (1.0 + exp(-a));
    }

    /**
     * {@code tanh(a)} as {@code −t / (t + 2)} with {@code t = expm1(−2|a|)} and the sign of {@code a}: no cancellation
     * near 0, where {@code t ≈ −2|a|}.
     */
    public static double tanh(double a) {
        double t = expm1(-2.0 * Math.abs(a));
        return Math.copySign(-t / (t + 2.0), a);
    }

    /** {@code exp(x)} or, with {@code minusOne}, {@code expm1(x)}. */
    private static double reconstruct(double x, boolean minusOne) {
        if (!(x >= MIN)) {
            // Below the normal range, or NaN.
            return x != x ? x : minusOne ? -1.0 : 0.0;
        }
        if (x > MAX) {
            return Double.POSITIVE_INFINITY;
        }
        double shifted = Math.fma(x, LOG2E, ROUND);
        double n = shifted - ROUND;
        double r = Math.fma(-n, LN2_HI, x);
        r = Math.fma(-n, LN2_LO, r);
        double q = C[11];
        for (int k = 10; k >= 0; k--) {
            q = Math.fma(r, q, C[k]);
        }
        double p = r * Math.fma(r, q, 1.0);
        double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) - ROUND_BITS + 1023) << 52);
        return Math.fma(scale, p, minusOne ? scale - 1.0 : scale);
    }
}
