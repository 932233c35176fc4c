package dev.scratchnet.runtime.layers;

import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.internal.AffineKernel;
import dev.scratchnet.runtime.internal.InputRows;
import org.jspecify.annotations.Nullable;

/**
 * The fully connected layer {@code out = x · W + b} ({@code Affine} in the book). {@code W} is
 * {@code inputs × units} and {@code b} has {@code units} values, both row-major and zero until set through the
 * live arrays {@link #getW()} and {@link #getB()}. Forward caches {@code x} (a reference, as the book does), which
 * backward needs for {@code dW = xᵀ · dout}.
 *
 * <p>The products are the runtime's kernels, the same that generated models call, so a network built of these
 * layers computes exactly the values of the generated model of the same layers; large ones are shared between two
 * cores.
 */
public final class Affine implements Layer {
    private static final String NAME = "Affine";

    private final int inputs;
    private final int units;
    private final AffineKernel kernel;
    private final double[] dW;
    private final double[] db;
    /** The input of the last forward pass: dense rows, or the rows of a batch. */
    private double[] x = new double[0];
    private @Nullable InputRows batchRows;
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
        this.kernel = new AffineKernel(new double[Math.multiplyExact(inputs, units)], new double[units], inputs, units);
        this.dW = new double[inputs * units];
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
        return kernel.getW();
    }

    /** The biases {@code b}, {@code units} values (live). */
    public double[] getB() {
        return kernel.getB();
    }

    /** {@code dW} of the last backward pass, shaped like {@code W} (live). */
    public double[] getDW() {
        return dW;
    }

    /** {@code db} of the last backward pass, shaped like {@code b} (live). */
    public double[] getDb() {
        return db;
    }

    @Override
    public double[] forward(double[] x, int rows) {
        Buffers.checkRows(NAME, "x", x, rows, inputs);
        out = Buffers.ensure(out, rows, units);
        kernel.forward(x, rows, out);
        this.x = x;
        this.batchRows = null;
        this.rows = rows;
        return out;
    }

    /**
     * {@link #forward(double[], int)} over the input rows of {@code batch}, read where the batch keeps them: as the
     * lists of their non-zero values when it holds them so (a batch drawn from a dataset does), which spares the
     * product the ~80% of zero pixels an MNIST row has.
     */
    public double[] forward(Batch batch) {
        if (batch.getInputs() != inputs) {
            throw new IllegalArgumentException(NAME + ": batch rows have " + batch.getInputs() + " inputs, expected "
                    + inputs);
        }
        InputRows input = InputRows.of(batch);
        rows = batch.getSize();
        out = Buffers.ensure(out, rows, units);
        kernel.forward(input, out);
        batchRows = input;
        return out;
    }

    /** {@code dx = dout · Wᵀ}; also sets {@code dW = xᵀ · dout} and {@code db = Σ dout} over the rows. */
    @Override
    public double[] backward(double[] dout) {
        backwardParameters(dout);
        dx = Buffers.ensure(dx, rows, inputs);
        kernel.backward(dout, rows, dx);
        return dx;
    }

    /**
     * {@code dW = xᵀ · dout} and {@code db = Σ dout} over the rows, as {@link #backward} sets them, without
     * {@code dx}: what a network's first layer needs, whose {@code dx} (the gradient with respect to the input
     * data) nobody reads.
     */
    public void backwardParameters(double[] dout) {
        Buffers.checkForwardDone(NAME, rows);
        Buffers.checkRows(NAME, "dout", dout, rows, units);
        InputRows input = batchRows;
        if (input != null) {
            kernel.gradients(input, dout, dW, db);
        } else {
            kernel.gradients(x, rows, dout, dW, db);
        }
    }
}
