package dev.scratchnet.runtime.internal;

import dev.scratchnet.runtime.Batch;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * The input rows of a {@link Batch}, held in one of two forms and converted only when asked for the other: dense
 * rows (row-major {@code size × inputs}) or, per row, the list of its non-zero inputs. MNIST rows are ~80% zeros,
 * so a training batch drawn as lists moves a fifth of the data and spares the first layer's kernels a scan for
 * non-zeros. The kernels accept either form and compute bit-identical results from both, because they skip zero
 * inputs in the dense form too (so a {@code -0.0} input is not listed, and reads back as {@code 0.0} once dense rows
 * are rebuilt from the lists).
 *
 * <p>A batch drawn from a dataset does not even copy the lists: it {@linkplain #referTo refers} to the dataset's
 * {@link SparseRows}, which never change, and the kernels read each row where the dataset keeps it. Writing a row
 * of such a batch first copies every row into the batch's own lists.
 */
public final class InputRows {
    private static Function<Batch, InputRows> access;

    private final int size;
    private final int inputs;
    private final double[] x;
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

    /** All-zero rows. */
    public InputRows(int size, int inputs) {
        this.size = size;
        this.inputs = inputs;
        this.x = new double[Math.multiplyExact(size, inputs)];
        this.counts = new int[size];
        this.starts = new int[size];
        for (int r = 0; r < size; r++) {
            starts[r] = r * inputs;
        }
    }

    /**
     * Lets {@link Batch}, and nothing else, say how the runtime reaches a batch's rows: public only because the
     * batch lives in another package.
     */
    public static void setAccess(Function<Batch, InputRows> batchAccess) {
        if (access != null) {
            throw new IllegalStateException("the access to a batch's rows is set once, by Batch");
        }
        access = batchAccess;
    }

    /** The input rows of {@code batch}. */
    public static InputRows of(Batch batch) {
        // An instance exists, so Batch's static initialiser, which sets the access, has run.
        return access.apply(Objects.requireNonNull(batch, "batch"));
    }

    public int getSize() {
        return size;
    }

    public int getInputs() {
        return inputs;
    }

    /** Copies one row from {@code src[offset .. offset + inputs)}. */
    public void set(int row, double[] src, int offset) {
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
     * Sets row {@code row} from its non-zero entries: input {@code positions[k]} has value {@code values[k]} for
     * {@code from ≤ k < to}, every other input is 0. Positions must ascend strictly within {@code [0, inputs)} and
     * values must be non-zero (neither {@code 0.0} nor {@code -0.0}).
     */
    public void setSparse(int row, int[] positions, double[] values, int from, int to) {
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
     * Sets row {@code row} to row {@code sourceRow} of {@code source}: by reference when the batch refers to
     * {@code source} already, otherwise by copying its lists, which {@code source} made from dense rows and so are
     * not checked again.
     */
    public void setSparse(int row, SparseRows source, int sourceRow) {
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
     * Sets rows {@code 0, 1, …, n − 1} to rows {@code sourceRows[0], …, sourceRows[n − 1]} of {@code source}
     * ({@code n = sourceRows.length}) by referring to its lists, which never change, instead of copying them, and
     * returns true. Returns false, changing nothing, when it cannot: {@code n} is less than the batch's size while
     * the batch holds rows of its own or of other lists, which must keep their inputs.
     *
     * @throws IllegalArgumentException if {@code source}'s rows are not as wide as the batch's, or there are more
     *         rows than the batch has
     * @throws IndexOutOfBoundsException if a source row does not exist
     */
    public boolean referTo(SparseRows source, int[] sourceRows) {
        checkWidth(source);
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

    private void checkWidth(SparseRows source) {
        if (source.getWidth() != inputs) {
            throw new IllegalArgumentException("source rows have " + source.getWidth() + " values, batch rows have "
                    + inputs + " inputs");
        }
    }

    private void refer(int row, int sourceRow) {
        starts[row] = source.start(sourceRow);
        counts[row] = source.end(sourceRow) - starts[row];
        dense = false;
    }

    /** Sets row {@code row} from valid lists of non-zeros: entries {@code [from, to)}. */
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

    private void checkRow(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " is outside [0, " + size + ")");
        }
    }

    /**
     * Dense rows, row-major {@code size × inputs}, for writing: the lists of non-zeros are dropped, since they may no
     * longer match.
     */
    public double[] writableDense() {
        toDense();
        sparse = false;
        return x;
    }

    /** Dense rows, row-major {@code size × inputs}, for reading only: the lists stay current. */
    public double[] dense() {
        toDense();
        return x;
    }

    /** Whether the rows are held as lists of non-zeros (kernels then read those, not {@link #dense}). */
    public boolean isSparse() {
        return sparse;
    }

    /**
     * Positions of each row's non-zero inputs: row {@code r}'s at {@code [starts[r], starts[r] + counts[r])},
     * ascending: the batch's own lists, or those of the rows it refers to. Lists them from the dense rows first if
     * needed. Read only.
     */
    public int[] positions() {
        toSparse();
        return positions;
    }

    /** Values of each row's non-zero inputs, beside {@link #positions}. Read only. */
    public double[] values() {
        toSparse();
        return values;
    }

    /** Where each row's entries start in {@link #positions} and {@link #values}. Read only. */
    public int[] starts() {
        toSparse();
        return starts;
    }

    /** Number of non-zero inputs of each row. Read only. */
    public int[] counts() {
        toSparse();
        return counts;
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
