package dev.scratchnet.runtime.layers;

/**
 * Row-wise softmax {@code y_j = e^(x_j - max) / Σ_k e^(x_k - max)}, as an output activation; subtracting
 * the row's largest value keeps {@code e^x} from overflowing and does not change the result. Forward caches
 * {@code y}, because backward is {@code dx_j = y_j · (dout_j - Σ_k dout_k · y_k)}.
 *
 * <p>Followed by cross-entropy, the two backward passes collapse into {@code (y - t) / batch}:
 * {@link SoftmaxWithLoss} computes that directly, and networks use it in place of this layer followed by a
 * cross-entropy loss.
 */
public final class Softmax extends ActivationLayer {
    /** A softmax over rows of {@code width} values. */
    public Softmax(int width) {
        super("Softmax", width);
    }

    /** Writes the softmax of each of the first {@code rows} rows of {@code x} into the same rows of {@code y}. */
    public static void softmax(double[] x, int rows, int width, double[] y) {
        Buffers.checkRows("Softmax", "x", x, rows, width);
        Buffers.checkRows("Softmax", "y", y, rows, width);
        apply(x, rows, width, y);
    }

    private static void apply(double[] x, int rows, int width, double[] y) {
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            double max = x[o];
            for (int j = 1; j < width; j++) {
                max = Math.max(max, x[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < width; j++) {
                double e = Math.exp(x[o + j] - max);
                y[o + j] = e;
                sum += e;
            }
            for (int j = 0; j < width; j++) {
                y[o + j] /= sum;
            }
        }
    }

    @Override
    void computeForward(double[] x, int n) {
        apply(x, n / width, width, out);
    }

    @Override
    void computeBackward(double[] dout, int n) {
        for (int o = 0; o < n; o += width) {
            double dot = 0;
            for (int j = 0; j < width; j++) {
                dot += dout[o + j] * out[o + j];
            }
            for (int j = 0; j < width; j++) {
                dx[o + j] = out[o + j] * (dout[o + j] - dot);
            }
        }
    }
}
