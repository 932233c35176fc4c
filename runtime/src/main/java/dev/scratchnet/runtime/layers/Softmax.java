package dev.scratchnet.runtime.layers;

import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.internal.LossKernel;

/**
 * Row-wise softmax {@code y_j = e^(x_j - max) / Σ_k e^(x_k - max)}, as an output activation; subtracting
 * the row's largest value keeps {@code e^x} from overflowing and does not change the result. Forward caches
 * {@code y}, because backward is {@code dx_j = y_j · (dout_j - Σ_k dout_k · y_k)}.
 *
 * <p>Followed by cross-entropy, the two backward passes collapse into {@code (y - t) / batch}:
 * {@link SoftmaxWithLoss} computes that directly, and networks use it in place of this layer followed by a
 * cross-entropy loss.
 */
public final class Softmax implements Layer {
    private static final String NAME = "Softmax";

    private final int width;
    private final LossKernel kernel;
    private int rows;
    private double[] out = new double[0];
    private double[] dx = new double[0];

    /** A softmax over rows of {@code width} values. */
    public Softmax(int width) {
        if (width <= 0) {
            throw new IllegalArgumentException(NAME + ": width must be positive, got " + width);
        }
        this.width = width;
        this.kernel = LossKernel.of(LossFunction.SOFTMAX_CROSS_ENTROPY, width);
    }

    @Override
    public int getInputWidth() {
        return width;
    }

    @Override
    public int getOutputWidth() {
        return width;
    }

    @Override
    public double[] forward(double[] x, int rows) {
        Buffers.checkRows(NAME, "x", x, rows, width);
        out = Buffers.ensure(out, rows, width);
        kernel.outputs(x, out, 0, rows);
        this.rows = rows;
        return out;
    }

    @Override
    public double[] backward(double[] dout) {
        Buffers.checkForwardDone(NAME, rows);
        Buffers.checkRows(NAME, "dout", dout, rows, width);
        dx = Buffers.ensure(dx, rows, width);
        for (int o = 0; o < rows * width; o += width) {
            double dot = 0;
            for (int j = 0; j < width; j++) {
                dot += dout[o + j] * out[o + j];
            }
            for (int j = 0; j < width; j++) {
                dx[o + j] = out[o + j] * (dout[o + j] - dot);
            }
        }
        return dx;
    }
}
