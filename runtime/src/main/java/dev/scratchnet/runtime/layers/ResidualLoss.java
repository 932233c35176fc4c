package dev.scratchnet.runtime.layers;

/**
 * What {@link SoftmaxWithLoss} and {@link IdentityWithLoss} share: both pair an output function {@code y}
 * with the loss whose gradient through it is {@code (y - t) / batch}, so they differ only in how
 * forward computes {@code y} and the loss. Caches {@code y} and {@code t}.
 */
abstract class ResidualLoss implements LossLayer {
    private final String name;
    final int width;
    private int rows;
    private double[] y = new double[0];
    private double[] t = new double[0];
    private double[] dx = new double[0];

    ResidualLoss(String name, int width) {
        if (width <= 0) {
            throw new IllegalArgumentException(name + ": width must be positive, got " + width);
        }
        this.name = name;
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
        this.y = outputs(x, rows, y);
        this.t = t;
        this.rows = rows;
        return loss(y, t, rows * width) / rows;
    }

    /** {@code (y - t) / batch}. */
    @Override
    public final double[] backward() {
        Buffers.checkForwardDone(name, rows);
        int n = rows * width;
        dx = Buffers.ensure(dx, rows, width);
        for (int i = 0; i < n; i++) {
            dx[i] = (y[i] - t[i]) / rows;
        }
        return dx;
    }

    /** The output function {@code y} of the first {@code rows} rows of {@code x}, in {@code buffer} if it needs one. */
    abstract double[] outputs(double[] x, int rows, double[] buffer);

    /** The loss summed over the first {@code n} values of {@code y} and {@code t}. */
    abstract double loss(double[] y, double[] t, int n);
}
