package dev.scratchnet.runtime.layers;

/**
 * What the activation layers share: the same width in and out, an output buffer and an input-gradient
 * buffer, and the checks around {@code forward} and {@code backward}. Subclasses write the arithmetic.
 */
abstract class ActivationLayer implements Layer {
    private final String name;
    final int width;
    int rows;
    double[] out = new double[0];
    double[] dx = new double[0];

    ActivationLayer(String name, int width) {
        if (width <= 0) {
            throw new IllegalArgumentException(name + ": width must be positive, got " + width);
        }
        this.name = name;
        this.width = width;
    }

    @Override
    public final int getInputWidth() {
        return width;
    }

    @Override
    public final int getOutputWidth() {
        return width;
    }

    @Override
    public final double[] forward(double[] x, int rows) {
        Buffers.checkRows(name, "x", x, rows, width);
        out = Buffers.ensure(out, rows, width);
        this.rows = rows;
        computeForward(x, rows * width);
        return out;
    }

    @Override
    public final double[] backward(double[] dout) {
        Buffers.checkForwardDone(name, rows);
        Buffers.checkRows(name, "dout", dout, rows, width);
        dx = Buffers.ensure(dx, rows, width);
        computeBackward(dout, rows * width);
        return dx;
    }

    /** Writes the first {@code n} outputs into {@link #out} and caches what backward needs. */
    abstract void computeForward(double[] x, int n);

    /** Writes the first {@code n} input gradients into {@link #dx}. */
    abstract void computeBackward(double[] dout, int n);
}
