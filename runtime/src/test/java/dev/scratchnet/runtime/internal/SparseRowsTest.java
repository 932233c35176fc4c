package dev.scratchnet.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link SparseRows} lists exactly the non-zeros of dense rows, and a batch row copied from it is the row the
 * checked {@link Batch#setSparse(int, int[], double[], int, int)} would have written, in either form the
 * batch is in. Inputs are compared with {@link Arrays#equals(double[], double[])}, which tells {@code -0.0}
 * from {@code 0.0}.
 */
class SparseRowsTest {
    private static final double[] ROWS = {
            0.0, 3.0, -0.0, 0.0, -1.0,
            -0.0, 0.0, 0.0, 0.0, 0.0,
            Double.MIN_VALUE, Double.NaN, 0.0, -2.5, 0.5};

    @Test
    void listsEveryNonZeroIncludingNaNAndNeitherZero() {
        SparseRows rows = SparseRows.of(ROWS, 3, 5);

        assertEquals(3, rows.getRows());
        assertEquals(5, rows.getWidth());
        assertEquals(2, rows.count(0));
        assertEquals(0, rows.count(1));
        assertEquals(4, rows.count(2));
        InputRows batch = new InputRows(3, 5);
        for (int r = 0; r < 3; r++) {
            batch.setSparse(r, rows, r);
        }
        assertTrue(batch.isSparse());
        assertArrayEquals(new int[] {2, 0, 4}, batch.counts());
        assertArrayEquals(new int[] {1, 4}, Arrays.copyOfRange(batch.positions(), 0, 2));
        assertTrue(Arrays.equals(new double[] {3.0, -1.0}, Arrays.copyOfRange(batch.values(), 0, 2)));
        assertArrayEquals(new int[] {0, 1, 3, 4}, Arrays.copyOfRange(batch.positions(), 10, 14));
        assertTrue(Arrays.equals(new double[] {Double.MIN_VALUE, Double.NaN, -2.5, 0.5},
                Arrays.copyOfRange(batch.values(), 10, 14)));
        // Dense, -0.0 reads back as 0.0: the lists hold only non-zeros.
        double[] expected = ROWS.clone();
        expected[2] = 0.0;
        expected[5] = 0.0;
        assertTrue(Arrays.equals(expected, batch.dense()));
    }

    @Test
    void copiedRowsEqualRowsWrittenThroughTheCheckedListsInBothBatchForms() {
        SparseRows rows = SparseRows.of(ROWS, 3, 5);
        for (boolean denseFirst : new boolean[] {false, true}) {
            InputRows copied = new InputRows(4, 5);
            InputRows checked = new InputRows(4, 5);
            if (denseFirst) {
                // A batch whose dense rows are current keeps writing dense rows.
                copied.set(3, new double[] {1, 2, 3, 4, 5}, 0);
                checked.set(3, new double[] {1, 2, 3, 4, 5}, 0);
            }
            for (int r = 0; r < 3; r++) {
                copied.setSparse(2 - r, rows, r);
                double[] dense = Arrays.copyOfRange(ROWS, r * 5, r * 5 + 5);
                int[] positions = new int[5];
                double[] values = new double[5];
                int n = 0;
                for (int i = 0; i < 5; i++) {
                    if (dense[i] != 0) {
                        positions[n] = i;
                        values[n++] = dense[i];
                    }
                }
                checked.setSparse(2 - r, positions, values, 0, n);
            }
            assertEquals(!denseFirst, copied.isSparse());
            assertTrue(Arrays.equals(checked.dense(), copied.dense()), "dense first: " + denseFirst);
            assertArrayEquals(checked.counts(), copied.counts());
        }
    }

    @Test
    void readAheadChecksEveryRowInItsRangeAndNoOther() {
        SparseRows rows = SparseRows.of(ROWS, 3, 5);
        rows.readAhead(new int[] {2, 0, 1, 2}, 0, 4);
        rows.readAhead(new int[] {7, 1, 9}, 1, 2);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> rows.readAhead(new int[] {0, 3}, 0, 2));
        assertEquals("row 3 is outside [0, 3)", e.getMessage());
    }

    @Test
    void badArgumentsNameTheRowOrShape() {
        SparseRows rows = SparseRows.of(ROWS, 3, 5);
        InputRows batch = new InputRows(2, 5);
        assertEquals("row -1 is outside [0, 3)", assertThrows(IndexOutOfBoundsException.class,
                () -> batch.setSparse(0, rows, -1)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> batch.setSparse(2, rows, 0));
        assertEquals("input row 1: source rows have 5 values, batch rows have 4 inputs",
                assertThrows(IllegalArgumentException.class,
                        () -> new InputRows(2, 4).setSparse(1, rows, 0)).getMessage());
        assertEquals("4 rows of 5 values do not fit 15 values", assertThrows(IllegalArgumentException.class,
                () -> SparseRows.of(ROWS, 4, 5)).getMessage());
        assertEquals("3 rows of 0 values do not fit 15 values", assertThrows(IllegalArgumentException.class,
                () -> SparseRows.of(ROWS, 3, 0)).getMessage());
        assertTrue(Arrays.equals(new double[10], batch.dense()), "a failed copy writes nothing");
    }
}
