package dev.scratchnet.runtime;

import dev.scratchnet.runtime.internal.InputRows;
import java.util.Arrays;

/**
 * A batch: {@code size} input rows of width {@code inputs} and their targets {@code t} ({@code size × outputs}):
 * one-hot class labels for classification, real values for regression.
 *
 * <p>A batch is a reusable buffer: the trainer fills the same one every iteration, so nothing is allocated per
 * step. Labels and one-hot targets are kept in step by {@link #setRow}; for real-valued targets ({@link #ofTargets})
 * the label is the index of the largest target, as the book's {@code accuracy} does with
 * {@code np.argmax(t, axis=1)}.
 */
public final class Batch {
    static {
        InputRows.setAccess(batch -> batch.rows);
    }

    private final int size;
    private final int inputs;
    private final int outputs;
    private final InputRows rows;
    private final double[] t;
    private final int[] labels;

    /** An all-zero batch of {@code size} rows, to be filled with {@link #setRow} or {@link #setInput}. */
    public Batch(int size, int inputs, int outputs) {
        if (size <= 0 || inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException(
                    "batch size, inputs and outputs must be positive, got " + size + ", " + inputs + ", " + outputs);
        }
        this.size = size;
        this.inputs = inputs;
        this.outputs = outputs;
        this.rows = new InputRows(size, inputs);
        this.t = new double[Math.multiplyExact(size, outputs)];
        this.labels = new int[size];
    }

    /** A batch of the given input rows with one-hot targets for {@code labels} in {@code [0, outputs)}. */
    public static Batch of(double[][] rows, int[] labels, int outputs) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("empty batch: expected at least one row");
        }
        if (rows.length != labels.length) {
            throw new IllegalArgumentException("expected one label per row: " + rows.length + " rows, " + labels.length + " labels");
        }
        Batch batch = new Batch(rows.length, rows[0].length, outputs);
        for (int i = 0; i < rows.length; i++) {
            batch.setRow(i, rows[i], 0, labels[i]);
        }
        return batch;
    }

    /** A batch with real-valued targets (e.g. for mean squared error); labels are the row-wise argmax of {@code targets}. */
    public static Batch ofTargets(double[][] rows, double[][] targets) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("empty batch: expected at least one row");
        }
        if (rows.length != targets.length) {
            throw new IllegalArgumentException("expected one target row per input row: " + rows.length + " rows, " + targets.length + " targets");
        }
        Batch batch = new Batch(rows.length, rows[0].length, targets[0].length);
        for (int i = 0; i < rows.length; i++) {
            batch.setInput(i, rows[i], 0);
            batch.setTarget(i, targets[i]);
        }
        return batch;
    }

    /** Copies one input row from {@code src[offset ..]} and sets its label and one-hot target. */
    public void setRow(int row, double[] src, int offset, int label) {
        setInput(row, src, offset);
        setLabel(row, label);
    }

    /** Copies one input row from {@code src[offset .. offset + inputs)}. */
    public void setInput(int row, double[] src, int offset) {
        rows.set(row, src, offset);
    }

    /** Sets the label of {@code row} and its target to the one-hot vector of {@code label}. */
    public void setLabel(int row, int label) {
        checkRow(row);
        if (label < 0 || label >= outputs) {
            throw new IllegalArgumentException("label " + label + " of row " + row + " is outside [0, " + outputs + ")");
        }
        int base = row * outputs;
        Arrays.fill(t, base, base + outputs, 0);
        t[base + label] = 1;
        labels[row] = label;
    }

    /** Sets a real-valued target row; the label becomes the index of its largest value. */
    public void setTarget(int row, double[] target) {
        if (target.length != outputs) {
            throw new IllegalArgumentException("target row " + row + ": expected " + outputs + " values, got " + target.length);
        }
        setTarget(row, target, 0);
    }

    /** Sets a real-valued target row from {@code src[offset .. offset + outputs)}; the label becomes the index of its largest value. */
    public void setTarget(int row, double[] src, int offset) {
        checkRow(row);
        if (offset < 0 || src.length - offset < outputs) {
            throw new IllegalArgumentException("target row " + row + ": expected " + outputs + " values from offset "
                    + offset + ", source has " + src.length);
        }
        int base = row * outputs;
        System.arraycopy(src, offset, t, base, outputs);
        int best = 0;
        for (int j = 1; j < outputs; j++) {
            if (t[base + j] > t[base + best]) {
                best = j;
            }
        }
        labels[row] = best;
    }

    private void checkRow(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " is outside [0, " + size + ")");
        }
    }

    public int getSize() {
        return size;
    }

    public int getInputs() {
        return inputs;
    }

    public int getOutputs() {
        return outputs;
    }

    /** Inputs, row-major {@code size × inputs} (live): writing into the array changes the batch. */
    public double[] getX() {
        return rows.writableDense();
    }

    /** Class labels, one per row (live). */
    public int[] getLabels() {
        return labels;
    }

    /** Targets, row-major {@code size × outputs} (live). */
    public double[] getT() {
        return t;
    }
}
