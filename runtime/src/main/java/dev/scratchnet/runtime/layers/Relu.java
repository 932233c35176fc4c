package dev.scratchnet.runtime.layers;

/**
 * {@code out = max(0, x)}, element-wise. Forward caches the {@code mask} of inputs {@code ≤ 0}, where
 * backward passes no gradient (at exactly 0 the book's convention: gradient 0).
 */
public final class Relu extends ActivationLayer {
    private boolean[] mask = new boolean[0];

    /** A ReLU over rows of {@code width} values. */
    public Relu(int width) {
        super("Relu", width);
    }

    @Override
    void computeForward(double[] x, int n) {
        if (mask.length < n) {
            mask = new boolean[n];
        }
        for (int i = 0; i < n; i++) {
            mask[i] = x[i] <= 0;
            out[i] = mask[i] ? 0 : x[i];
        }
    }

    @Override
    void computeBackward(double[] dout, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = mask[i] ? 0 : dout[i];
        }
    }
}
