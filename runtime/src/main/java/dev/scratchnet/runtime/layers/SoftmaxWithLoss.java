package dev.scratchnet.runtime.layers;

/**
 * Softmax followed by cross-entropy, as one layer ({@code SoftmaxWithLoss} in the book):
 * {@code y = softmax(x)} with the row maximum subtracted, {@code loss = -Σ t · log(y + 1e-7) / batch}
 * (the {@code 1e-7} keeps {@code log(0)} finite), and backward {@code (y - t) / batch}.
 */
public final class SoftmaxWithLoss extends ResidualLoss {
    private static final double DELTA = 1e-7;

    /** Softmax with cross-entropy over rows of {@code width} values. */
    public SoftmaxWithLoss(int width) {
        super("SoftmaxWithLoss", width);
    }

    @Override
    double[] outputs(double[] x, int rows, double[] buffer) {
        double[] y = Buffers.ensure(buffer, rows, width);
        Softmax.softmax(x, rows, width, y);
        return y;
    }

    @Override
    double loss(double[] y, double[] t, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            // A zero target contributes exactly 0, so its logarithm need not be taken.
            if (t[i] != 0) {
                sum -= t[i] * Math.log(y[i] + DELTA);
            }
        }
        return sum;
    }
}
