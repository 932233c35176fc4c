package dev.scratchnet.runtime.layers;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.runtime.internal.Activations;
import dev.scratchnet.runtime.internal.Kernels;

/**
 * What the activation layers share: the same width in and out, an output buffer and an input-gradient buffer, the
 * checks around {@code forward} and {@code backward}, and the arithmetic, which is the runtime's
 * {@link Activations} (as in generated models), over the rows shared between two cores.
 */
abstract class ActivationLayer implements Layer {
    private final String name;
    private final ActivationFunction function;
    final int width;
    private int rows;
    private double[] x = new double[0];
    private double[] out = new double[0];
    private double[] dout = new double[0];
    private double[] dx = new double[0];
    /** Rows of the pass in progress, made once so that sharing them between the cores allocates nothing. */
    private final Kernels.Range forwardRows = this::forwardRows;
    private final Kernels.Range backwardRows = this::backwardRows;

    ActivationLayer(String name, ActivationFunction function, int width) {
        if (width <= 0) {
            throw new IllegalArgumentException(name + ": width must be positive, got " + width);
        }
        this.name = name;
        this.function = function;
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
        this.x = x;
        Kernels.inTwoHalves(rows, forwardRows);
        return out;
    }

    @Override
    public final double[] backward(double[] dout) {
        Buffers.checkForwardDone(name, rows);
        Buffers.checkRows(name, "dout", dout, rows, width);
        dx = Buffers.ensure(dx, rows, width);
        this.dout = dout;
        Kernels.inTwoHalves(rows, backwardRows);
        return dx;
    }

    private void forwardRows(int from, int to) {
        Activations.forward(function, x, out, from, to, width);
    }

    private void backwardRows(int from, int to) {
        Activations.backward(function, out, dout, dx, from, to, width);
    }
}
