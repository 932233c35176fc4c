package dev.scratchnet.runtime.layers;

/**
 * Identity output followed by the mean squared error, as one layer: {@code y = x},
 * {@code loss = 0.5 · Σ (y - t)² / batch}, and backward {@code (y - t) / batch}. Forward caches {@code y}
 * as a reference to {@code x}.
 */
public final class IdentityWithLoss extends ResidualLoss {
    /** Mean squared error over rows of {@code width} values. */
    public IdentityWithLoss(int width) {
        super("IdentityWithLoss", width);
    }

    @Override
    double[] outputs(double[] x, int rows, double[] buffer) {
        return x;
    }

    @Override
    double loss(double[] y, double[] t, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = y[i] - t[i];
            sum += d * d;
        }
        return 0.5 * sum;
    }
}
