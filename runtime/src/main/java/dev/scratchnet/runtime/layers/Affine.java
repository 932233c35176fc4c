package dev.scratchnet.runtime.layers;

import java.util.Arrays;

/**
 * The fully connected layer {@code out = x · W + b} ({@code Affine} in the book). {@code W} is
 * {@code inputs × units} and {@code b} has {@code units} values, both row-major and zero until set through
 * the live arrays {@link #getW()} and {@link #getB()}. Forward caches {@code x} (a reference, as the book does),
 * which backward needs for {@code dW = xᵀ · dout}.
 */
public final class Affine implements Layer {
    private static final String NAME = "Affine";

    private final int inputs;
    private final int units;
    private final double[] w;
    private final double[] b;
    private final double[] dW;
    private final double[] db;
    private double[] x = new double[0];
    private int rows;
    private double[] out = new double[0];
    private double[] dx = new double[0];

    /** A layer from {@code inputs} values to {@code units} values, with zero weights and biases. */
    public Affine(int inputs, int units) {
        if (inputs <= 0 || units <= 0) {
            throw new IllegalArgumentException(NAME + ": inputs and units must be positive, got " + inputs + " and " + units);
        }
        this.inputs = inputs;
        this.units = units;
        this.w = new double[Math.multiplyExact(inputs, units)];
        this.b = new double[units];
        this.dW = new double[w.length];
        this.db = new double[units];
    }

    @Override
    public int getInputWidth() {
        return inputs;
    }

    @Override
    public int getOutputWidth() {
        return units;
    }

    /** The weights {@code W}, row-major {@code inputs × units} (live). */
    public double[] getW() {
        return w;
    }

    /** The biases {@code b}, {@code units} values (live). */
    public double[] getB() {
        return b;
    }

    /** {@code dW} of the last {@link #backward} call, shaped like {@code W} (live). */
    public double[] getDW() {
        return dW;
    }

    /** {@code db} of the last {@link #backward} call, shaped like {@code b} (live). */
    public double[] getDb() {
        return db;
    }

    @Override
    public double[] forward(double[] x, int rows) {
        Buffers.checkRows(NAME, "x", x, rows, inputs);
        out = Buffers.ensure(out, rows, units);
        for (int r = 0; r < rows; r++) {
            int xo = r * inputs;
            int oo = r * units;
            System.arraycopy(b, 0, out, oo, units);
            for (int i = 0; i < inputs; i++) {
                double a = x[xo + i];
                if (a == 0) {
                    // MNIST rows are mostly zero pixels; skipping them does not change the sum.
                    continue;
                }
                int wo = i * units;
                for (int j = 0; j < units; j++) {
                    out[oo + j] += a * w[wo + j];
                }
            }
        }
        this.x = x;
        this.rows = rows;
        return out;
    }

    /** {@code dx = dout · Wᵀ}; also sets {@code dW = xᵀ · dout} and {@code db = Σ dout} over the rows. */
    @Override
    public double[] backward(double[] dout) {
        backwardParameters(dout);
        dx = Buffers.ensure(dx, rows, inputs);
        for (int r = 0; r < rows; r++) {
            int xo = r * inputs;
            int go = r * units;
            for (int i = 0; i < inputs; i++) {
                int wo = i * units;
                double sum = 0;
                for (int j = 0; j < units; j++) {
                    sum += dout[go + j] * w[wo + j];
                }
                dx[xo + i] = sum;
            }
        }
        return dx;
    }

    /**
     * {@code dW = xᵀ · dout} and {@code db = Σ dout} over the rows, as {@link #backward} sets them, without
     * {@code dx}: what a network's first layer needs, whose {@code dx} (the gradient with respect to the input
     * data) nobody reads, and which cost four fifths of a 784-input layer's backward pass.
     */
    public void backwardParameters(double[] dout) {
        Buffers.checkForwardDone(NAME, rows);
        Buffers.checkRows(NAME, "dout", dout, rows, units);
        Arrays.fill(dW, 0);
        Arrays.fill(db, 0);
        for (int r = 0; r < rows; r++) {
            int xo = r * inputs;
            int go = r * units;
            for (int j = 0; j < units; j++) {
                db[j] += dout[go + j];
            }
            for (int i = 0; i < inputs; i++) {
                double a = x[xo + i];
                if (a != 0) {
                    int wo = i * units;
                    for (int j = 0; j < units; j++) {
                        dW[wo + j] += a * dout[go + j];
                    }
                }
            }
        }
    }
}
