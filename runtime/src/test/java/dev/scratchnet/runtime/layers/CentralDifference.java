package dev.scratchnet.runtime.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleSupplier;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/** The independent oracle for backward passes: central differences of a forward pass, plus seeded test data. */
final class CentralDifference {
    private static final double H = 1e-5;

    private CentralDifference() {}

    /** {@code ∂f/∂v[i]} for the first {@code n} values of {@code v}, perturbing each in place and restoring it. */
    static double[] gradient(double[] v, int n, DoubleSupplier f) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double saved = v[i];
            v[i] = saved + H;
            double plus = f.getAsDouble();
            v[i] = saved - H;
            double minus = f.getAsDouble();
            v[i] = saved;
            g[i] = (plus - minus) / (2 * H);
        }
        return g;
    }

    /** {@code Σ out ⊙ dout} over {@code n} values: the scalar whose gradient through a layer is {@code backward(dout)}. */
    static double dot(double[] out, double[] dout, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += out[i] * dout[i];
        }
        return sum;
    }

    /** {@code n} values uniform in {@code ±[0.1, 1)} from a seeded Well19937c: away from ReLU's kink at 0. */
    static double[] awayFromZero(long seed, int n) {
        RandomGenerator random = new Well19937c(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double magnitude = 0.1 + 0.9 * random.nextDouble();
            v[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return v;
    }

    static void assertClose(double[] expected, double[] actual, int n, double tolerance) {
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], actual[i], tolerance, "value " + i);
        }
    }
}
