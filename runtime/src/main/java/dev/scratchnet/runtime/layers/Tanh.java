package dev.scratchnet.runtime.layers;

/**
 * {@code out = tanh(x)}, element-wise. Forward caches {@code out}, because the derivative is
 * {@code 1 - out²}.
 */
public final class Tanh extends ActivationLayer {
    /** A tanh over rows of {@code width} values. */
    public Tanh(int width) {
        super("Tanh", width);
    }

    @Override
    void computeForward(double[] x, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.tanh(x[i]);
        }
    }

    @Override
    void computeBackward(double[] dout, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = dout[i] * (1 - out[i] * out[i]);
        }
    }
}
