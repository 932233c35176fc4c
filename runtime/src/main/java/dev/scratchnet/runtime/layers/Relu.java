package dev.scratchnet.runtime.layers;

/**
 * {@code out = max(0, x)}, element-wise. Forward caches which inputs were {@code ≤ 0}, where backward passes no
 * gradient (at exactly 0 the book's convention: gradient 0).
 *
 * <p>Neither pass branches on a unit: about half the units of a trained layer are off in no pattern, and a
 * branch per unit was mispredicted half the time (the same fix as in generated models). Forward keeps, per
 * unit, a mask of all one bits (the gradient passes) or all zero bits (it does not), and backward ANDs it into
 * the gradient's bits: {@code +0.0} where the book's mask is set, the gradient itself, bit for bit, elsewhere.
 */
public final class Relu extends ActivationLayer {
    private long[] keep = new long[0];

    /** A ReLU over rows of {@code width} values. */
    public Relu(int width) {
        super("Relu", width);
    }

    @Override
    void computeForward(double[] x, int n) {
        if (keep.length < n) {
            keep = new long[n];
        }
        for (int i = 0; i < n; i++) {
            // max(x, +0.0) is +0.0 for x ≤ 0 (also -0.0), x for x > 0 and NaN for NaN (whose gradient passes, as in
            // the book, where NaN ≤ 0 is false). Its bits are 0 exactly when the gradient stops, and a positive
            // long otherwise, so (bits | -bits) >> 63 is 0 or all ones.
            double v = Math.max(x[i], 0.0);
            out[i] = v;
            long bits = Double.doubleToRawLongBits(v);
            keep[i] = (bits | -bits) >> 63;
        }
    }

    @Override
    void computeBackward(double[] dout, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(dout[i]) & keep[i]);
        }
    }
}
