package dev.scratchnet.runtime.data;

import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Matrix;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.internal.SparseRows;
import dev.scratchnet.runtime.internal.InputRows;
import dev.scratchnet.runtime.internal.Kernels;

/**
 * A labelled classification dataset held in memory: {@code size} rows of {@code features} values
 * (row-major) and one class label per row in {@code [0, classes)}.
 *
 * <p>Beside the dense rows the dataset keeps, from construction on, each row's non-zero values and their
 * positions (about a fifth of MNIST's values), which a batch drawn by {@link #copyRows} refers to rather than
 * copies : drawing a batch then moves no inputs, the model's first layer reads each row
 * where the dataset keeps it and visits only the non-zeros. So the rows must not be
 * changed after construction.
 */
public final class Dataset {
    private static final int EVALUATION_CHUNK = 200;

    private final double[] x;
    private final int[] labels;
    private final int features;
    private final int classes;
    /** Each row's non-zero values and their positions. */
    private final SparseRows lists;
    /** Per thread, the reusable work of {@link #copyRows}, so that drawing a batch allocates nothing. */
    private final ThreadLocal<RowCopy> copies = ThreadLocal.withInitial(RowCopy::new);

    /**
     * @param x        rows, row-major: {@code labels.length × features} values
     * @param labels   one label per row, each in {@code [0, classes)}
     */
    public Dataset(double[] x, int[] labels, int features, int classes) {
        if (features <= 0 || classes <= 0) {
            throw new IllegalArgumentException("features and classes must be positive, got " + features + ", " + classes);
        }
        if ((long) labels.length * features != x.length) {
            throw new IllegalArgumentException("expected " + labels.length + " rows of " + features + " values = "
                    + (long) labels.length * features + " values, got " + x.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is outside [0, " + classes + ")");
            }
        }
        this.x = x;
        this.labels = labels;
        this.features = features;
        this.classes = classes;
        this.lists = SparseRows.of(x, labels.length, features);
    }

    /** Number of rows. */
    public int getSize() {
        return labels.length;
    }

    public int getFeatures() {
        return features;
    }

    public int getClasses() {
        return classes;
    }

    /** All rows, row-major (live, but read only: the dataset's lists of non-zeros are taken at construction). */
    public double[] getX() {
        return x;
    }

    /** All labels (live). */
    public int[] getLabels() {
        return labels;
    }

    /**
     * The labels as one-hot rows: a new {@code size × classes} matrix with a 1 at each row's label (the book's
     * {@code one_hot_label=True}).
     */
    public Matrix oneHotLabels() {
        if (labels.length == 0) {
            throw new IllegalStateException("an empty dataset has no one-hot labels: a matrix needs at least one row");
        }
        double[] t = new double[Math.multiplyExact(labels.length, classes)];
        for (int i = 0; i < labels.length; i++) {
            t[i * classes + labels[i]] = 1;
        }
        return new Matrix(labels.length, classes, t);
    }

    /** Copies row {@code row} (as its list of non-zero values) and its label into row {@code batchRow} of {@code batch}. */
    public void copyRow(int row, Batch batch, int batchRow) {
        requireRow(row);
        requireWidth(batch);
        put(row, batch, batchRow);
    }

    private void requireRow(int row) {
        if (row < 0 || row >= labels.length) {
            throw new IndexOutOfBoundsException("row " + row + " is outside [0, " + labels.length + ")");
        }
    }

    private void requireWidth(Batch batch) {
        if (batch.getInputs() != features) {
            throw new IllegalArgumentException("batch rows have " + batch.getInputs() + " inputs; dataset rows have "
                    + features + " features");
        }
    }

    /** {@link #copyRow} once {@code row} and the batch's width have been checked. */
    private void put(int row, Batch batch, int batchRow) {
        InputRows.of(batch).setSparse(batchRow, lists, row);
        batch.setLabel(batchRow, labels[row]);
    }

    /**
     * Sets rows 0, 1, … of {@code batch} to rows {@code rows[0], rows[1], …} and their labels, as
     * {@link #copyRow} does one by one, but without copying the inputs when it can: a batch that the rows fill, or
     * that already refers to this dataset's lists, refers to them . Otherwise the inputs
     * are copied, faster than one by one when the rows are scattered over a large dataset: all of them are first
     * read once, so that the processor fetches them from memory at the same time rather than one after the other.
     */
    public void copyRows(int[] rows, Batch batch) {
        if (rows.length > batch.getSize()) {
            throw new IllegalArgumentException(rows.length + " rows do not fit a batch of " + batch.getSize());
        }
        requireWidth(batch);
        for (int row : rows) {
            requireRow(row);
        }
        if (rows.length == 0) {
            return;
        }
        if (InputRows.of(batch).referTo(lists, rows)) {
            for (int i = 0; i < rows.length; i++) {
                batch.setLabel(i, labels[rows[i]]);
            }
            return;
        }
        // The first row on this thread: it sets the batch up for lists, if it must, before two threads write rows.
        put(rows[0], batch, 0);
        RowCopy copy = copies.get();
        copy.set(rows, batch);
        Kernels.inTwoHalves(rows.length - 1, copy);
        copy.set(null, null);
    }

    /**
     * Rows {@code 1 + from, …, 1 + to − 1} of a {@link #copyRows} call, which two threads may copy at once: first
     * read once (so that the processor fetches them from memory at the same time rather than one after the
     * other), then copied.
     */
    private final class RowCopy implements Kernels.Range {
        private int[] rows;
        private Batch batch;
        /** Written so that the reads ahead cannot be left out; never read. */
        @SuppressWarnings("unused")
        private int touched;

        void set(int[] rows, Batch batch) {
            this.rows = rows;
            this.batch = batch;
        }

        @Override
        public void run(int from, int to) {
            touched = lists.readAhead(rows, 1 + from, 1 + to);
            for (int i = 1 + from; i <= to; i++) {
                put(rows[i], batch, i);
            }
        }
    }

    /** A new batch holding rows {@code [from, to)}. */
    public Batch slice(int from, int to) {
        if (from < 0 || to > getSize() || from >= to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is not within [0, " + getSize() + ")");
        }
        Batch batch = new Batch(to - from, features, classes);
        for (int i = from; i < to; i++) {
            put(i, batch, i - from);
        }
        return batch;
    }

    /**
     * Fraction of rows that {@code model} classifies correctly, evaluated in chunks of 200 rows; each chunk's batch
     * refers to this dataset's lists of non-zeros ({@link #copyRows}), so no input is copied.
     */
    public double accuracyOf(Model model) {
        if (model.getInputs() != features || model.getOutputs() != classes) {
            throw new IllegalArgumentException("model takes " + model.getInputs() + " inputs and has " + model.getOutputs()
                    + " outputs; dataset rows have " + features + " features and " + classes + " classes");
        }
        int n = getSize();
        int chunk = Math.min(EVALUATION_CHUNK, n);
        Batch batch = new Batch(chunk, features, classes);
        int[] rows = new int[chunk];
        double correct = 0;
        int from = 0;
        for (; from + chunk <= n; from += chunk) {
            for (int i = 0; i < chunk; i++) {
                rows[i] = from + i;
            }
            copyRows(rows, batch);
            correct += model.accuracy(batch) * chunk;
        }
        if (from < n) {
            Batch rest = slice(from, n);
            correct += model.accuracy(rest) * rest.getSize();
        }
        return Math.round(correct) / (double) n;
    }
}
