package dev.scratchnet.runtime.layers;

/**
 * {@code out = 1 / (1 + e^-x)}, element-wise. Forward caches {@code out}, because the derivative is
 * {@code out · (1 - out)}.
 */
public final class Sigmoid extends ActivationLayer {
    /** A sigmoid over rows of {@code width} values. */
    public Sigmoid(int width) {
        super("Sigmoid", width);
    }

    @Override
    void computeForward(double[] x, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = 1 / (1 + Math.exp(-x[i]));
        }
    }

    @Override
    void computeBackward(double[] dout, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = dout[i] * (1 - out[i]) * out[i];
        }
    }
}
