package dev.scratchnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import dev.scratchnet.runtime.internal.AffineKernel;
import dev.scratchnet.runtime.internal.InputRows;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Rows copied into a batch as lists of non-zeros ({@link Dataset#copyRow}, {@link Dataset#copyRows}) against the
 * same rows copied densely with {@link Batch#setRow} from {@link Dataset#getX}: the batch must hold exactly the
 * same inputs, labels and targets.
 */
class DatasetSparseTest {
    private static final int ROWS = 40;
    private static final int FEATURES = 30;
    private static final int CLASSES = 4;

    private final Dataset dataset = randomDataset(new Well19937c(41), 0.0);

    @Test
    void copyRowFillsTheSameInputsLabelsAndTargetsAsSetRowFromTheDenseRows() {
        int size = 8;
        Batch sparse = new Batch(size, FEATURES, CLASSES);
        Batch dense = new Batch(size, FEATURES, CLASSES);
        for (int row = 0; row < ROWS; row++) {
            int batchRow = (row * 3) % size;
            dataset.copyRow(row, sparse, batchRow);
            dense.setRow(batchRow, dataset.getX(), row * FEATURES, dataset.getLabels()[row]);

            assertTrue(InputRows.of(sparse).isSparse(), "copyRow writes the list form");
            assertSameBatch(dense, sparse, "after row " + row);
        }
        assertFalse(InputRows.of(dense).isSparse());
    }

    @Test
    void copyRowsFillsTheSameBatchAsSetRowDrawAfterDraw() {
        RandomGenerator random = new Well19937c(42);
        int size = 10;
        Batch sparse = new Batch(size, FEATURES, CLASSES);
        // Draws into one reused batch, as the trainer does: each must replace the previous one's lists entirely,
        // also with the empty row 7.
        for (int draw = 0; draw < 5; draw++) {
            int[] rows = new int[size];
            for (int i = 0; i < size; i++) {
                rows[i] = random.nextInt(ROWS);
            }
            rows[draw] = 7;
            Batch dense = new Batch(size, FEATURES, CLASSES);
            for (int i = 0; i < size; i++) {
                dense.setRow(i, dataset.getX(), rows[i] * FEATURES, dataset.getLabels()[rows[i]]);
            }

            dataset.copyRows(rows, sparse);

            assertTrue(InputRows.of(sparse).isSparse(), "copyRows writes the list form");
            assertSameBatch(dense, sparse, "draw " + draw + " of rows " + Arrays.toString(rows));
            assertSameLists(dense, sparse, "draw " + draw);
        }
    }

    /**
     * {@code copyRows} of fewer rows than the batch has, into a batch whose dense rows are current (after
     * {@code getX}), cannot refer to the dataset's lists (the last row keeps its own input) and copies them
     * instead, split between two threads: both write dense rows, and the batch is the one {@code setRow} fills; a
     * bad row index fails before any row is written.
     */
    @Test
    void copyRowsIntoADenseBatchWritesDenseRowsAndABadRowWritesNothing() {
        int size = 10;
        int[] rows = {3, 7, 0, 3, ROWS - 1, 5, 1, 2, 4};
        Batch dense = new Batch(size, FEATURES, CLASSES);
        for (int i = 0; i < rows.length; i++) {
            dense.setRow(i, dataset.getX(), rows[i] * FEATURES, dataset.getLabels()[rows[i]]);
        }
        dense.getX()[9 * FEATURES] = 1.0;
        Batch batch = new Batch(size, FEATURES, CLASSES);
        batch.getX()[9 * FEATURES] = 1.0;

        dataset.copyRows(rows, batch);

        assertFalse(InputRows.of(batch).isSparse(), "the dense rows stay current");
        assertSameBatch(dense, batch, "dense batch");
        double[] before = InputRows.of(batch).dense().clone();
        int[] bad = rows.clone();
        bad[6] = ROWS;
        assertThrows(IndexOutOfBoundsException.class, () -> dataset.copyRows(bad, batch));
        assertTrue(Arrays.equals(before, InputRows.of(batch).dense()), "nothing written");
    }

    /**
     * A draw that fills the whole batch refers to the dataset's lists rather than copying them, whatever form the
     * batch was in; writing one row afterwards gives the batch its own lists, with every other row as drawn and
     * the dataset's lists untouched.
     */
    @Test
    void aFullDrawRefersToTheDatasetsListsUntilARowIsWritten() {
        int size = 6;
        int[] rows = {5, 7, 0, 5, ROWS - 1, 2};
        Batch expected = new Batch(size, FEATURES, CLASSES);
        for (int i = 0; i < size; i++) {
            expected.setRow(i, dataset.getX(), rows[i] * FEATURES, dataset.getLabels()[rows[i]]);
        }
        Batch dense = new Batch(size, FEATURES, CLASSES);
        dense.getX()[0] = 1.0;
        Batch drawnBefore = new Batch(size, FEATURES, CLASSES);
        dataset.copyRows(new int[] {1, 1, 1, 1, 1, 1}, drawnBefore);
        Batch reference = new Batch(size, FEATURES, CLASSES);
        dataset.copyRows(new int[] {1, 1, 1, 1, 1, 1}, reference);
        for (Batch batch : List.of(new Batch(size, FEATURES, CLASSES), dense, drawnBefore)) {
            dataset.copyRows(rows, batch);

            assertTrue(InputRows.of(batch).isSparse());
            assertSame(InputRows.of(reference).positions(), InputRows.of(batch).positions(), "the dataset's lists, not a copy");
            assertSameBatch(expected, batch, "referring batch");
            assertSameLists(expected, batch, "referring batch");

            // A shorter draw into a referring batch refers too, and keeps the rows after it.
            dataset.copyRows(new int[] {rows[1], rows[0]}, batch);
            int[] swapped = {rows[1], rows[0], rows[2], rows[3], rows[4], rows[5]};
            Batch expectedSwapped = new Batch(size, FEATURES, CLASSES);
            for (int i = 0; i < size; i++) {
                expectedSwapped.setRow(i, dataset.getX(), swapped[i] * FEATURES, dataset.getLabels()[swapped[i]]);
            }
            assertSameBatch(expectedSwapped, batch, "shorter draw");

            double[] datasetX = dataset.getX().clone();
            int[] positions = {0, 3};
            double[] values = {0.25, -2.0};
            InputRows.of(batch).setSparse(4, positions, values, 0, 2);
            expectedSwapped.setRow(4, new double[FEATURES], 0, expectedSwapped.getLabels()[4]);
            expectedSwapped.getX()[4 * FEATURES] = 0.25;
            expectedSwapped.getX()[4 * FEATURES + 3] = -2.0;
            assertSameBatch(expectedSwapped, batch, "after writing row 4");
            assertSameLists(expectedSwapped, batch, "after writing row 4");
            assertTrue(Arrays.equals(datasetX, dataset.getX()), "the dataset's rows are untouched");
            Batch again = new Batch(size, FEATURES, CLASSES);
            dataset.copyRows(swapped, again);
            expectedSwapped.setRow(4, dataset.getX(), swapped[4] * FEATURES, dataset.getLabels()[swapped[4]]);
            assertSameBatch(expectedSwapped, again, "the dataset's lists are untouched");
        }
    }

    @Test
    void aBatchOfRowsWithNegativeZerosGivesTheSameKernelResultsAsTheDenseRows() {
        Dataset withNegativeZeros = randomDataset(new Well19937c(43), -0.0);
        RandomGenerator random = new Well19937c(44);
        int[] rows = new int[ROWS];
        Batch dense = new Batch(ROWS, FEATURES, CLASSES);
        for (int i = 0; i < ROWS; i++) {
            rows[i] = ROWS - 1 - i;
            dense.setRow(i, withNegativeZeros.getX(), rows[i] * FEATURES, withNegativeZeros.getLabels()[rows[i]]);
        }
        Batch sparse = new Batch(ROWS, FEATURES, CLASSES);
        withNegativeZeros.copyRows(rows, sparse);
        int out = 7;
        double[] w = gaussian(random, FEATURES * out);
        double[] b = gaussian(random, out);
        double[] d = gaussian(random, ROWS * out);
        double[] fromDense = new double[ROWS * out];
        double[] fromSparse = new double[ROWS * out];
        double[] dwFromDense = new double[FEATURES * out];
        double[] dwFromSparse = new double[FEATURES * out];

        AffineKernel layer = new AffineKernel(w, b, FEATURES, out);
        layer.forward(InputRows.of(dense), fromDense);
        layer.forward(InputRows.of(sparse), fromSparse);
        layer.gradients(InputRows.of(dense), d, dwFromDense, new double[out]);
        layer.gradients(InputRows.of(sparse), d, dwFromSparse, new double[out]);

        assertTrue(InputRows.of(sparse).isSparse());
        assertFalse(InputRows.of(dense).isSparse());
        assertTrue(Arrays.equals(fromDense, fromSparse), "affine");
        assertTrue(Arrays.equals(dwFromDense, dwFromSparse), "transposeTimes");
        // The lists leave -0.0 out, so the dense form derived from them has 0.0 there: equal as numbers only.
        assertArrayEquals(InputRows.of(dense).dense(), InputRows.of(sparse).dense(), 0.0);
    }

    @Test
    void copyRowsRejectsMoreRowsThanTheBatchHolds() {
        Batch batch = new Batch(4, FEATURES, CLASSES);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dataset.copyRows(new int[] {0, 1, 2, 3, 4}, batch));

        assertEquals("5 rows do not fit a batch of 4", e.getMessage());
    }

    @Test
    void copyRowsRejectsANegativeRowBeforeCopyingAnyRow() {
        Batch batch = new Batch(3, FEATURES, CLASSES);

        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> dataset.copyRows(new int[] {5, 6, -1}, batch));

        assertEquals("row -1 is outside [0, 40)", e.getMessage());
        assertTrue(Arrays.equals(new double[3 * FEATURES], InputRows.of(batch).dense()), "no row was copied");
    }

    @Test
    void copyRowsRejectsARowPastTheDatasetBeforeCopyingAnyRow() {
        Batch batch = new Batch(3, FEATURES, CLASSES);

        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> dataset.copyRows(new int[] {5, ROWS}, batch));

        assertEquals("row 40 is outside [0, 40)", e.getMessage());
        assertTrue(Arrays.equals(new double[3 * FEATURES], InputRows.of(batch).dense()), "no row was copied");
    }

    @Test
    void copyRowRejectsABatchOfAnotherInputWidth() {
        Batch narrow = new Batch(2, FEATURES - 1, CLASSES);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dataset.copyRow(0, narrow, 0));

        assertEquals("batch rows have 29 inputs; dataset rows have 30 features", e.getMessage());
    }

    /**
     * {@code ROWS × FEATURES} values, ~80% of them {@code zero}, the rest Gaussian; each row's label is random, and
     * rows 0, 7 and 20 have no non-zero value at all.
     */
    /**
     * {@link Dataset#accuracyOf} (chunks of 200 rows copied by both cores, then the rest) against predicting every
     * row alone and comparing the largest output with the label: 457 rows, so two full chunks and a rest.
     */
    @Test
    void accuracyOfCountsTheRowsWhoseLargestOutputIsTheirLabel() {
        RandomGenerator random = new Well19937c(43);
        int rows = 457;
        double[] x = new double[rows * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() < 0.7 ? 0.0 : random.nextGaussian();
        }
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(CLASSES);
        }
        Dataset data = new Dataset(x, labels, FEATURES, CLASSES);
        SequentialNetwork net = Networks.builder(FEATURES).dense(12, ActivationFunction.RELU).dense(CLASSES)
                .loss(LossFunction.SOFTMAX_CROSS_ENTROPY).build();
        for (Parameter p : net.getParameters()) {
            double[] v = p.getValues();
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextGaussian();
            }
        }
        int correct = 0;
        double[] out = new double[CLASSES];
        for (int r = 0; r < rows; r++) {
            net.predict(Arrays.copyOfRange(x, r * FEATURES, (r + 1) * FEATURES), 1, out);
            int best = 0;
            for (int j = 1; j < CLASSES; j++) {
                if (out[j] > out[best]) {
                    best = j;
                }
            }
            correct += best == labels[r] ? 1 : 0;
        }
        assertTrue(correct > 0 && correct < rows, "a model neither always right nor always wrong: " + correct);
        assertEquals(correct / (double) rows, data.accuracyOf(net), 0.0);
    }

    private static Dataset randomDataset(RandomGenerator random, double zero) {
        double[] x = new double[ROWS * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() < 0.8 ? zero : random.nextGaussian();
        }
        for (int emptyRow : new int[] {0, 7, 20}) {
            Arrays.fill(x, emptyRow * FEATURES, (emptyRow + 1) * FEATURES, zero);
        }
        int[] labels = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            labels[r] = random.nextInt(CLASSES);
        }
        return new Dataset(x, labels, FEATURES, CLASSES);
    }

    private static double[] gaussian(RandomGenerator random, int n) {
        return new NormalDistribution(random, 0, 1).sample(n);
    }

    private static void assertSameBatch(Batch expected, Batch actual, String where) {
        assertTrue(Arrays.equals(InputRows.of(expected).dense(), InputRows.of(actual).dense()), "inputs, " + where);
        assertArrayEquals(expected.getLabels(), actual.getLabels(), "labels, " + where);
        assertTrue(Arrays.equals(expected.getT(), actual.getT()), "targets, " + where);
    }

    /** The lists copied from the dataset against the lists the batch derives from its dense rows. */
    private static void assertSameLists(Batch expected, Batch actual, String where) {
        assertArrayEquals(InputRows.of(expected).counts(), InputRows.of(actual).counts(), "counts, " + where);
        for (int r = 0; r < expected.getSize(); r++) {
            int count = InputRows.of(expected).counts()[r];
            int e = InputRows.of(expected).starts()[r];
            int a = InputRows.of(actual).starts()[r];
            assertArrayEquals(Arrays.copyOfRange(InputRows.of(expected).positions(), e, e + count),
                    Arrays.copyOfRange(InputRows.of(actual).positions(), a, a + count),
                    "positions of row " + r + ", " + where);
            assertTrue(Arrays.equals(Arrays.copyOfRange(InputRows.of(expected).values(), e, e + count),
                    Arrays.copyOfRange(InputRows.of(actual).values(), a, a + count)), "values of row " + r + ", " + where);
        }
    }
}
