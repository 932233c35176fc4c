package dev.scratchnet.runtime.data;

import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Matrix;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.internal.InputRows;
import dev.scratchnet.runtime.internal.Kernels;
import dev.scratchnet.runtime.internal.SparseRows;
import java.util.function.Consumer;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jspecify.annotations.Nullable;

/**
 * A dataset held in memory: {@code size} rows of {@code features} values (row-major) and, per row, either a class
 * label in {@code [0, classes)} (classification, {@link #Dataset(double[], int[], int, int)}) or {@code outputs}
 * real-valued targets (regression, {@link #ofTargets}).
 *
 * <p>Beside the dense rows the dataset keeps, from construction on, each row's non-zero values and their
 * positions (about a fifth of MNIST's values), which a batch drawn by {@link #copyRows} refers to rather than
 * copies: drawing a batch then moves no inputs, and the model's first layer reads each row where the dataset keeps
 * it and visits only the non-zeros. So the rows must not be changed after construction.
 */
public final class Dataset {
    private static final int EVALUATION_CHUNK = 200;

    private final double[] x;
    private final int @Nullable [] labels;
    private final double @Nullable [] targets;
    private final int size;
    private final int features;
    private final int outputs;
    /** Each row's non-zero values and their positions. */
    private final SparseRows lists;
    /** Per thread, the reusable work of {@link #copyRows}, so that drawing a batch allocates nothing. */
    private final ThreadLocal<RowCopy> copies = ThreadLocal.withInitial(RowCopy::new);

    /**
     * A classification dataset.
     *
     * @param x        rows, row-major: {@code labels.length × features} values
     * @param labels   one label per row, each in {@code [0, classes)}
     */
    public Dataset(double[] x, int[] labels, int features, int classes) {
        this(x, labels, null, labels.length, features, classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is outside [0, " + classes + ")");
            }
        }
    }

    /**
     * A regression dataset: row {@code i}'s targets are {@code targets[i·outputs … (i + 1)·outputs)}.
     *
     * @param x        rows, row-major: {@code size × features} values
     * @param targets  target rows, row-major: {@code size × outputs} values
     */
    public static Dataset ofTargets(double[] x, double[] targets, int features, int outputs) {
        if (features <= 0 || outputs <= 0) {
            throw new IllegalArgumentException("features and outputs must be positive, got " + features + ", " + outputs);
        }
        if (targets.length % outputs != 0) {
            throw new IllegalArgumentException(targets.length + " target values are not rows of " + outputs);
        }
        return new Dataset(x, null, targets, targets.length / outputs, features, outputs);
    }

    private Dataset(double[] x, int @Nullable [] labels, double @Nullable [] targets, int size, int features,
            int outputs) {
        if (features <= 0 || outputs <= 0) {
            throw new IllegalArgumentException("features and classes must be positive, got " + features + ", " + outputs);
        }
        if ((long) size * features != x.length) {
            throw new IllegalArgumentException("expected " + size + " rows of " + features + " values = "
                    + (long) size * features + " values, got " + x.length);
        }
        this.x = x;
        this.labels = labels;
        this.targets = targets;
        this.size = size;
        this.features = features;
        this.outputs = outputs;
        this.lists = SparseRows.of(x, size, features);
    }

    /** Number of rows. */
    public int getSize() {
        return size;
    }

    public int getFeatures() {
        return features;
    }

    /** Width of a target row: the number of classes, or of real-valued targets. */
    public int getOutputs() {
        return outputs;
    }

    /** Whether rows have class labels rather than real-valued targets. */
    public boolean isClassification() {
        return labels != null;
    }

    /**
     * The number of classes of a classification dataset.
     *
     * @throws IllegalStateException for a regression dataset
     */
    public int getClasses() {
        requireLabels();
        return outputs;
    }

    /** All rows, row-major (live, but read only: the dataset's lists of non-zeros are taken at construction). */
    public double[] getX() {
        return x;
    }

    /**
     * All labels of a classification dataset (live).
     *
     * @throws IllegalStateException for a regression dataset
     */
    public int[] getLabels() {
        return requireLabels();
    }

    /**
     * The targets, row-major {@code size × outputs}: a regression dataset's own (live), or a classification dataset's
     * labels as one-hot rows (a new array).
     */
    public double[] getTargets() {
        return targets != null ? targets : oneHotLabels().getData();
    }

    private int[] requireLabels() {
        int[] l = labels;
        if (l == null) {
            throw new IllegalStateException("a regression dataset has real-valued targets, not class labels; use getTargets()");
        }
        return l;
    }

    /**
     * The labels as one-hot rows: a new {@code size × classes} matrix with a 1 at each row's label (the book's
     * {@code one_hot_label=True}).
     */
    public Matrix oneHotLabels() {
        int[] l = requireLabels();
        if (l.length == 0) {
            throw new IllegalStateException("an empty dataset has no one-hot labels: a matrix needs at least one row");
        }
        double[] t = new double[Math.multiplyExact(l.length, outputs)];
        for (int i = 0; i < l.length; i++) {
            t[i * outputs + l[i]] = 1;
        }
        return new Matrix(l.length, outputs, t);
    }

    /** Copies row {@code row} (as its list of non-zero values) and its label or targets into row {@code batchRow} of {@code batch}. */
    public void copyRow(int row, Batch batch, int batchRow) {
        requireRow(row);
        requireWidth(batch);
        put(row, batch, batchRow);
    }

    private void requireRow(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " is outside [0, " + size + ")");
        }
    }

    private void requireWidth(Batch batch) {
        if (batch.getInputs() != features) {
            throw new IllegalArgumentException("batch rows have " + batch.getInputs() + " inputs; dataset rows have "
                    + features + " features");
        }
        if (batch.getOutputs() != outputs) {
            throw new IllegalArgumentException("batch targets have " + batch.getOutputs() + " values; dataset rows have "
                    + outputs + (labels != null ? " classes" : " targets"));
        }
    }

    /** {@link #copyRow} once {@code row} and the batch's width have been checked. */
    private void put(int row, Batch batch, int batchRow) {
        InputRows.of(batch).setSparse(batchRow, lists, row);
        target(row, batch, batchRow);
    }

    private void target(int row, Batch batch, int batchRow) {
        if (labels != null) {
            batch.setLabel(batchRow, labels[row]);
        } else {
            batch.setTarget(batchRow, targets, row * outputs);
        }
    }

    /**
     * Sets rows 0, 1, … of {@code batch} to rows {@code rows[0], rows[1], …} and their labels or targets, as
     * {@link #copyRow} does one by one, but without copying the inputs when it can: a batch that the rows fill, or
     * that already refers to this dataset's lists, refers to them. Otherwise the inputs are copied, faster than one
     * by one when the rows are scattered over a large dataset: all of them are first read once, so that the
     * processor fetches them from memory at the same time rather than one after the other.
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
                target(rows[i], batch, i);
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
        if (from < 0 || to > size || from >= to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is not within [0, " + size + ")");
        }
        Batch batch = new Batch(to - from, features, outputs);
        for (int i = from; i < to; i++) {
            put(i, batch, i - from);
        }
        return batch;
    }

    /** A new dataset of rows {@code rows[0], rows[1], …} of this one, in that order. */
    public Dataset select(int[] rows) {
        for (int row : rows) {
            requireRow(row);
        }
        double[] sx = new double[Math.multiplyExact(rows.length, features)];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * features, sx, i * features, features);
        }
        if (labels != null) {
            int[] sl = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                sl[i] = labels[rows[i]];
            }
            return new Dataset(sx, sl, features, outputs);
        }
        double[] st = new double[Math.multiplyExact(rows.length, outputs)];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(targets, rows[i] * outputs, st, i * outputs, outputs);
        }
        return ofTargets(sx, st, features, outputs);
    }

    /**
     * A seeded random split into a training and a test set: the rows are shuffled by {@code new Well19937c(seed)}
     * (Fisher–Yates), the first {@code round(testFraction · size)} go to the test set and the rest, in the shuffled
     * order, to the training set. The same seed gives the same split.
     *
     * @param testFraction in {@code (0, 1)}; both parts must get at least one row
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        int test = (int) Math.round(testFraction * size);
        if (test < 1 || test >= size) {
            throw new IllegalArgumentException("a test fraction of " + testFraction + " of " + size
                    + " rows leaves " + test + " test rows and " + (size - test) + " training rows; both need at least one");
        }
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        RandomGenerator random = new Well19937c(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] testRows = java.util.Arrays.copyOfRange(order, 0, test);
        int[] trainRows = java.util.Arrays.copyOfRange(order, test, size);
        return new Split(select(trainRows), select(testRows));
    }

    /** A training set and a test set, as {@link #split} makes them. */
    public record Split(Dataset train, Dataset test) {}

    /**
     * Fraction of rows that {@code model} classifies correctly, evaluated in chunks of 200 rows; each chunk's batch
     * refers to this dataset's lists of non-zeros ({@link #copyRows}), so no input is copied.
     */
    public double accuracyOf(Model model) {
        requireLabels();
        requireFits(model);
        return Math.round(sumOverChunks(model, true)) / (double) size;
    }

    /**
     * Hands the rows, in order, to {@code action} as batches of {@code size} rows (the last may be shorter) with their
     * labels or targets. The batch is reused from call to call and refers to this dataset's rows rather than
     * copying them; it is valid only during the call.
     */
    public void forEachBatch(int size, Consumer<Batch> action) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        int chunk = Math.min(size, this.size);
        if (chunk == 0) {
            return;
        }
        Batch batch = new Batch(chunk, features, outputs);
        int[] rows = new int[chunk];
        int from = 0;
        for (; from + chunk <= this.size; from += chunk) {
            for (int i = 0; i < chunk; i++) {
                rows[i] = from + i;
            }
            copyRows(rows, batch);
            action.accept(batch);
        }
        if (from < this.size) {
            action.accept(slice(from, this.size));
        }
    }

    /** The model's loss over every row, as the mean of the per-chunk losses weighted by their rows. */
    public double lossOf(Model model) {
        requireFits(model);
        return sumOverChunks(model, false) / size;
    }

    private void requireFits(Model model) {
        if (model.getInputs() != features || model.getOutputs() != outputs) {
            throw new IllegalArgumentException("model takes " + model.getInputs() + " inputs and has " + model.getOutputs()
                    + " outputs; dataset rows have " + features + " features and " + outputs
                    + (labels != null ? " classes" : " targets"));
        }
    }

    /** Σ over chunks of {@code model.accuracy} (or {@code model.loss}) times the chunk's rows. */
    private double sumOverChunks(Model model, boolean accuracy) {
        double[] sum = new double[1];
        forEachBatch(EVALUATION_CHUNK, batch ->
                sum[0] += (accuracy ? model.accuracy(batch) : model.loss(batch)) * batch.getSize());
        return sum[0];
    }
}
