package dev.scratchnet.runtime.internal;

import dev.scratchnet.runtime.Batch;
import org.jspecify.annotations.Nullable;

/**
 * The {@code x} (and {@code t}) of the pass a model is running: the rows of a {@link Batch}, read where they lie
 * (as lists of non-zeros when the batch holds them so), or the dense rows given to {@code predict}. It checks them
 * against the model's widths, and refers to the caller's arrays only until {@link #clear()}, so that a model does
 * not keep them alive between calls.
 */
public final class Input {
    private final String model;
    private final int inputs;
    private final int outputs;
    private @Nullable Batch batch;
    private @Nullable InputRows rows;
    private double @Nullable [] dense;
    private int count;

    /** The input of a model named {@code model} (for messages) taking {@code inputs} values per row. */
    public Input(String model, int inputs, int outputs) {
        this.model = model;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /**
     * Takes the rows and targets of {@code batch} and returns how many rows it has.
     *
     * @throws IllegalArgumentException naming expected and actual widths when the batch does not fit the model
     */
    public int set(Batch batch) {
        if (batch.getInputs() != inputs) {
            throw new IllegalArgumentException("batch rows have " + batch.getInputs() + " inputs; " + model + " expects "
                    + inputs);
        }
        if (batch.getOutputs() != outputs) {
            throw new IllegalArgumentException("batch targets have " + batch.getOutputs() + " columns; " + model
                    + " has outputs " + outputs);
        }
        this.batch = batch;
        this.rows = InputRows.of(batch);
        this.dense = null;
        this.count = batch.getSize();
        return count;
    }

    /**
     * Takes {@code rows} dense rows {@code x} of a {@code predict} whose outputs go to {@code out}, and returns
     * {@code rows}.
     *
     * @throws IllegalArgumentException when {@code rows} is not positive or an array is too short
     */
    public int set(double[] x, int rows, double[] out) {
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be positive, got " + rows);
        }
        if ((long) rows * inputs > x.length) {
            throw new IllegalArgumentException("expected " + rows + " input rows of " + inputs + " values, got "
                    + x.length);
        }
        if ((long) rows * outputs > out.length) {
            throw new IllegalArgumentException("out must hold " + rows + " rows of " + outputs + " outputs, has "
                    + out.length);
        }
        this.batch = null;
        this.rows = null;
        this.dense = x;
        this.count = rows;
        return rows;
    }

    /** Forgets the batch or the rows, once the pass is over. */
    public void clear() {
        batch = null;
        rows = null;
        dense = null;
    }

    /** The number of rows. */
    public int rows() {
        return count;
    }

    /** The batch's targets {@code t}, row-major {@code rows × outputs}. */
    public double[] targets() {
        return batch().getT();
    }

    /** The batch's class labels. */
    public int[] labels() {
        return batch().getLabels();
    }

    /** The rows as dense row-major values (a batch's lists stay current): for code that visits every input. */
    public double[] dense() {
        InputRows r = rows;
        return r != null ? r.dense() : denseRows();
    }

    /** The batch's rows, or null for the dense rows of a {@code predict}. */
    @Nullable InputRows batchRows() {
        return rows;
    }

    double[] denseRows() {
        double[] x = dense;
        if (x == null) {
            throw new IllegalStateException("no input: " + model + " reads one only during a pass");
        }
        return x;
    }

    private Batch batch() {
        Batch b = batch;
        if (b == null) {
            throw new IllegalStateException(model + " has no targets outside a pass over a batch");
        }
        return b;
    }
}
