package dev.scratchnet.runtime;

import java.util.Arrays;

/**
 * A batch: {@code size} input rows of width {@code inputs}, their targets {@code t} ({@code size × outputs},
 * one-hot for classification) and class labels.
 *
 * <p>A batch is a reusable buffer: the trainer fills the same one every iteration, so nothing is
 * allocated per step. Labels and one-hot targets are kept in step by {@link #setRow}; for
 * real-valued targets ({@link #ofTargets}) the label is the index of the largest target, as the book's
 * {@code accuracy} does with {@code np.argmax(t, axis=1)}.
 *
 * <p>The inputs are held in one of two forms, converted only when asked for the other: dense rows
 * ({@link #getX}, row-major {@code size × inputs}, filled by {@link #setInput}) or, per row, the list of its
 * non-zero inputs ({@link #setSparseInput}, filled by {@link dev.scratchnet.runtime.data.Dataset#copyRow}).
 * MNIST rows are ~80% zeros, so drawing a training batch as lists moves a fifth of the data and spares the
 * first layer's kernels a scan for non-zeros; the kernels accept either form ({@code Kernels.affine(Batch, …)})
 * and compute bit-identical results from both, because they skip zero inputs in the dense form too. (So a
 * {@code -0.0} input is not listed, and reads back as {@code 0.0} once dense rows are rebuilt from the lists.)
 *
 * <p>A batch drawn from a dataset does not even copy the lists: it {@linkplain #referTo refers} to the dataset's
 * {@link SparseRows}, which never change, and its kernels read each row where the dataset keeps it. Writing an
 * input row of such a batch first copies every row into the batch's own lists.
 */
public final class Batch {
    private final int size;
    private final int inputs;
    private final int outputs;
    private final double[] x;
    private final double[] t;
    private final int[] labels;
    /**
     * Row {@code r}'s non-zero inputs: positions and values at {@code [starts[r], starts[r] + counts[r])}, in the
     * batch's own lists ({@code starts[r] = r·inputs}) or in those of {@link #source}.
     */
    private int[] positions;
    private double[] values;
    private final int[] starts;
    private final int[] counts;
    /** The batch's own lists, allocated when first needed. */
    private int[] ownPositions;
    private double[] ownValues;
    /** The rows whose lists {@link #positions} and {@link #values} are while the batch refers to them, else null. */
    private SparseRows source;
    private boolean dense = true;
    private boolean sparse = true;

    /** An all-zero batch of {@code size} rows, to be filled with {@link #setRow} or {@link #setSparseInput}. */
    public Batch(int size, int inputs, int outputs) {
        if (size <= 0 || inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException(
                    "batch size, inputs and outputs must be positive, got " + size + ", " + inputs + ", " + outputs);
        }
        this.size = size;
        this.inputs = inputs;
        this.outputs = outputs;
        this.x = new double[Math.multiplyExact(size, inputs)];
        this.t = new double[Math.multiplyExact(size, outputs)];
        this.labels = new int[size];
        this.counts = new int[size];
        this.starts = new int[size];
        for (int r = 0; r < size; r++) {
            starts[r] = r * inputs;
        }
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
        checkRow(row);
        if (offset < 0 || src.length - offset < inputs) {
            throw new IllegalArgumentException("input row " + row + ": expected " + inputs + " values from offset " + offset
                    + ", source has " + src.length);
        }
        toDense();
        sparse = false;
        System.arraycopy(src, offset, x, row * inputs, inputs);
    }

    /**
     * Sets input row {@code row} from its non-zero entries: input {@code positions[k]} has value
     * {@code values[k]} for {@code from ≤ k < to}, every other input is 0. Positions must ascend strictly within
     * {@code [0, inputs)} and values must be non-zero (neither {@code 0.0} nor {@code -0.0}).
     */
    public void setSparseInput(int row, int[] positions, double[] values, int from, int to) {
        checkRow(row);
        if (from < 0 || to < from || to > positions.length || to > values.length) {
            throw new IllegalArgumentException("input row " + row + ": entries [" + from + ", " + to + ") are not within "
                    + positions.length + " positions and " + values.length + " values");
        }
        int previous = -1;
        boolean valid = true;
        for (int k = from; k < to; k++) {
            int p = positions[k];
            // One branch-free test per entry; the failing entry is looked for only when one failed.
            valid &= p > previous & values[k] != 0;
            previous = p;
        }
        if (!valid || previous >= inputs) {
            throw new IllegalArgumentException(invalidEntry(row, positions, values, from, to));
        }
        put(row, positions, values, from, to);
    }

    /**
     * Sets input row {@code row} to row {@code sourceRow} of {@code source}, copying its lists of non-zeros. The
     * lists were made by {@code source} from dense rows, so their entries are not checked again.
     */
    public void setSparseInput(int row, SparseRows source, int sourceRow) {
        checkRow(row);
        source.checkRow(sourceRow);
        if (source.getWidth() != inputs) {
            throw new IllegalArgumentException("input row " + row + ": source rows have " + source.getWidth()
                    + " values, batch rows have " + inputs + " inputs");
        }
        if (sparse && this.source == source) {
            refer(row, sourceRow);
        } else {
            put(row, source.positions(), source.values(), source.start(sourceRow), source.end(sourceRow));
        }
    }

    /**
     * Sets input rows {@code 0, 1, …, n − 1} to rows {@code sourceRows[0], …, sourceRows[n − 1]} of {@code source}
     * ({@code n = sourceRows.length}) by referring to its lists, which never change, instead of copying them, and
     * returns true. Returns false, changing nothing, when the batch cannot: {@code n} is less than the batch's size
     * while it holds rows of its own or of other lists, which must keep their inputs. Labels are left as they are.
     *
     * @throws IllegalArgumentException if {@code source}'s rows are not as wide as the batch's, or there are more
     *         rows than the batch has
     * @throws IndexOutOfBoundsException if a source row does not exist
     */
    public boolean referTo(SparseRows source, int[] sourceRows) {
        if (source.getWidth() != inputs) {
            throw new IllegalArgumentException("source rows have " + source.getWidth() + " values, batch rows have "
                    + inputs + " inputs");
        }
        if (sourceRows.length > size) {
            throw new IllegalArgumentException(sourceRows.length + " rows do not fit a batch of " + size);
        }
        for (int row : sourceRows) {
            source.checkRow(row);
        }
        boolean referring = sparse && this.source == source;
        if (!referring && sourceRows.length < size) {
            return false;
        }
        if (!referring) {
            this.source = source;
            positions = source.positions();
            values = source.values();
            sparse = true;
        }
        for (int r = 0; r < sourceRows.length; r++) {
            refer(r, sourceRows[r]);
        }
        return true;
    }

    private void refer(int row, int sourceRow) {
        starts[row] = source.start(sourceRow);
        counts[row] = source.end(sourceRow) - starts[row];
        dense = false;
    }

    /** Sets input row {@code row} from valid lists of non-zeros: entries {@code [from, to)}. */
    private void put(int row, int[] positions, double[] values, int from, int to) {
        int base = row * inputs;
        if (!sparse) {
            // Only dense rows are current: write this one densely too rather than converting the whole batch.
            Arrays.fill(x, base, base + inputs, 0.0);
            for (int k = from; k < to; k++) {
                x[base + positions[k]] = values[k];
            }
            return;
        }
        ownLists();
        dense = false;
        System.arraycopy(positions, from, this.positions, base, to - from);
        System.arraycopy(values, from, this.values, base, to - from);
        counts[row] = to - from;
    }

    private String invalidEntry(int row, int[] positions, double[] values, int from, int to) {
        int previous = -1;
        for (int k = from; k < to; k++) {
            int p = positions[k];
            if (p <= previous || p >= inputs) {
                return "input row " + row + ": position " + p + " at entry " + k
                        + (p >= inputs || p < 0 ? " is outside [0, " + inputs + ")" : " does not ascend after " + previous);
            }
            if (values[k] == 0) {
                return "input row " + row + ": the value at entry " + k + " (position " + p
                        + ") is zero; list only non-zero inputs";
            }
            previous = p;
        }
        throw new IllegalStateException("no invalid entry in row " + row);
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
        checkRow(row);
        if (target.length != outputs) {
            throw new IllegalArgumentException("target row " + row + ": expected " + outputs + " values, got " + target.length);
        }
        System.arraycopy(target, 0, t, row * outputs, outputs);
        int best = 0;
        for (int j = 1; j < outputs; j++) {
            if (target[j] > target[best]) {
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

    /**
     * Inputs, row-major {@code size × inputs} (live): writing into the array changes the batch. The batch
     * drops its lists of non-zeros, since they may no longer match; to only read, use {@link #readX}.
     */
    public double[] getX() {
        toDense();
        sparse = false;
        return x;
    }

    /**
     * Inputs, row-major {@code size × inputs}, for reading: the same array as {@link #getX}, but the batch keeps
     * its lists of non-zeros, so writes into it are not seen by {@link #isSparse sparse} readers.
     */
    public double[] readX() {
        toDense();
        return x;
    }

    /** Whether the inputs are currently held as lists of non-zeros (kernels then read those, not {@link #readX}). */
    public boolean isSparse() {
        return sparse;
    }

    /**
     * Positions of each row's non-zero inputs: row {@code r}'s at {@code [starts[r], starts[r] + counts[r])},
     * ascending (see {@link #getNonZeroStarts}, {@link #getNonZeroCounts}): the batch's own lists, or those of
     * the rows it {@linkplain #referTo refers} to. Lists them from the dense rows first if needed. Read only.
     */
    public int[] getNonZeroPositions() {
        toSparse();
        return positions;
    }

    /** Values of each row's non-zero inputs, beside {@link #getNonZeroPositions}. Read only. */
    public double[] getNonZeroValues() {
        toSparse();
        return values;
    }

    /** Where each row's entries start in {@link #getNonZeroPositions} and {@link #getNonZeroValues}. Read only. */
    public int[] getNonZeroStarts() {
        toSparse();
        return starts;
    }

    /** Number of non-zero inputs of each row. Read only. */
    public int[] getNonZeroCounts() {
        toSparse();
        return counts;
    }

    /** Class labels, one per row (live). */
    public int[] getLabels() {
        return labels;
    }

    /** Targets, row-major {@code size × outputs} (live). */
    public double[] getT() {
        return t;
    }

    /**
     * Makes the lists the batch's own, allocating them if needed: rows referred to are copied into them first
     * ({@code starts[r] = r·inputs} from then on).
     */
    private void ownLists() {
        if (ownPositions == null) {
            ownPositions = new int[x.length];
            ownValues = new double[x.length];
        }
        if (source != null) {
            for (int r = 0; r < size; r++) {
                System.arraycopy(positions, starts[r], ownPositions, r * inputs, counts[r]);
                System.arraycopy(values, starts[r], ownValues, r * inputs, counts[r]);
                starts[r] = r * inputs;
            }
            source = null;
        }
        positions = ownPositions;
        values = ownValues;
    }

    /** Makes the dense rows current, writing them from the lists if only those are. */
    private void toDense() {
        if (dense) {
            return;
        }
        Arrays.fill(x, 0.0);
        for (int r = 0; r < size; r++) {
            int base = r * inputs;
            for (int k = starts[r]; k < starts[r] + counts[r]; k++) {
                x[base + positions[k]] = values[k];
            }
        }
        dense = true;
    }

    /** Makes the lists of non-zeros current, listing them from the dense rows if only those are. */
    private void toSparse() {
        if (sparse) {
            if (positions == null) {
                ownLists();
            }
            return;
        }
        source = null;
        ownLists();
        for (int r = 0; r < size; r++) {
            int base = r * inputs;
            starts[r] = base;
            counts[r] = SparseRows.list(x, base, inputs, positions, values, base) - base;
        }
        sparse = true;
    }
}
