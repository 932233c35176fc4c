package dev.scratchnet.runtime.layers;

import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.internal.Kernels;
import dev.scratchnet.runtime.internal.LossKernel;

/**
 * What {@link SoftmaxWithLoss} and {@link IdentityWithLoss} share: both pair an output function {@code y} with the
 * loss whose gradient through it is {@code (y - t) / batch}, and both compute with the runtime's
 * {@link LossKernel}, as generated models do: each row's loss, then their mean in row order. Caches {@code y} and
 * {@code t}.
 */
abstract class ResidualLoss implements LossLayer {
    private final String name;
    private final LossKernel kernel;
    final int width;
    private int rows;
    private double[] x = new double[0];
    private double[] y = new double[0];
    private double[] t = new double[0];
    private double[] rowLoss = new double[0];
    private double[] dx = new double[0];
    /** Rows of the forward pass in progress, made once so that sharing them between the cores allocates nothing. */
    private final Kernels.Range forwardRows = this::forwardRows;

    ResidualLoss(String name, LossFunction loss, int width) {
        if (width <= 0) {
            throw new IllegalArgumentException(name + ": width must be positive, got " + width);
        }
        this.name = name;
        this.kernel = LossKernel.of(loss, width);
        this.width = width;
    }

    @Override
    public final int getWidth() {
        return width;
    }

    @Override
    public final double forward(double[] x, double[] t, int rows) {
        Buffers.checkRows(name, "x", x, rows, width);
        Buffers.checkRows(name, "t", t, rows, width);
        y = Buffers.ensure(y, rows, width);
        if (rowLoss.length < rows) {
            rowLoss = new double[rows];
        }
        this.x = x;
        this.t = t;
        this.rows = rows;
        Kernels.inTwoHalves(rows, forwardRows);
        return LossKernel.mean(rowLoss, rows);
    }

    private void forwardRows(int from, int to) {
        kernel.forward(x, t, y, rowLoss, from, to);
    }

    @Override
    public final void outputs(double[] x, int rows, double[] out) {
        Buffers.checkRows(name, "x", x, rows, width);
        Buffers.checkRows(name, "out", out, rows, width);
        kernel.outputs(x, out, 0, rows);
    }

    /** {@code (y - t) / batch}. */
    @Override
    public final double[] backward() {
        Buffers.checkForwardDone(name, rows);
        dx = Buffers.ensure(dx, rows, width);
        kernel.backward(y, t, rows, dx, 0, rows);
        return dx;
    }
}
