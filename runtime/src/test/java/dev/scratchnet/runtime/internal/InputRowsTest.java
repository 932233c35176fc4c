package dev.scratchnet.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The two forms of a batch's inputs, dense rows and per-row lists of non-zeros: each reads back what the other
 * was written with, in any order of writes, and invalid lists are rejected with the row and entry named.
 * Inputs are compared with {@link Arrays#equals(double[], double[])}, which tells {@code -0.0} from {@code 0.0}.
 */
class BatchSparseTest {
    @Test
    void sparseInputReadsBackAsItsDenseRowAndOtherRowsStayZero() {
        InputRows batch = new InputRows(3, 6);
        // Only entries [1, 4) are the row; the ones around them would be invalid and must not be read.
        batch.setSparse(1, new int[] {9, 0, 2, 5, 9}, new double[] {0.0, 1.5, -2.0, 0.25, 0.0}, 1, 4);

        assertTrue(batch.isSparse());
        assertTrue(Arrays.equals(new double[] {
                0, 0, 0, 0, 0, 0,
                1.5, 0, -2.0, 0, 0, 0.25,
                0, 0, 0, 0, 0, 0}, batch.dense()));
        assertArrayEquals(new int[] {0, 3, 0}, batch.counts());
        assertArrayEquals(new int[] {0, 2, 5}, Arrays.copyOfRange(batch.positions(), 6, 9));
        assertTrue(Arrays.equals(new double[] {1.5, -2.0, 0.25}, Arrays.copyOfRange(batch.values(), 6, 9)));
    }

    @Test
    void nonZerosOfDenseRowsAreListedAscendingWithoutNegativeZero() {
        InputRows batch = new InputRows(2, 5);
        batch.set(0, new double[] {0.0, 3.0, -0.0, 0.0, -1.0}, 0);
        batch.set(1, new double[] {Double.MIN_VALUE, 0.0, -0.0, 0.0, 0.5}, 0);

        assertFalse(batch.isSparse());
        assertArrayEquals(new int[] {2, 2}, batch.counts());
        assertTrue(batch.isSparse());
        assertRow(batch, 0, new int[] {1, 4}, new double[] {3.0, -1.0});
        assertRow(batch, 1, new int[] {0, 4}, new double[] {Double.MIN_VALUE, 0.5});
    }

    @Test
    void sparseRowsWrittenAfterDenseRowsKeepTheBatchDense() {
        InputRows batch = new InputRows(3, 4);
        batch.set(0, new double[] {1, 2, 3, 4}, 0);
        batch.set(1, new double[] {5, 6, 7, 8}, 0);

        batch.setSparse(1, new int[] {2}, new double[] {-7.5}, 0, 1);
        batch.setSparse(2, new int[] {0, 3}, new double[] {0.5, 9}, 0, 2);

        assertFalse(batch.isSparse());
        assertTrue(Arrays.equals(new double[] {1, 2, 3, 4, 0, 0, -7.5, 0, 0.5, 0, 0, 9}, batch.dense()));
    }

    @Test
    void aDenseRowWrittenAfterSparseRowsLeavesEveryRowCorrectInBothForms() {
        InputRows batch = new InputRows(3, 4);
        batch.setSparse(0, new int[] {1}, new double[] {2}, 0, 1);
        batch.setSparse(1, new int[] {0, 2, 3}, new double[] {4, 5, 6}, 0, 3);
        batch.setSparse(2, new int[] {3}, new double[] {-1}, 0, 1);

        batch.set(1, new double[] {0, 7, 0, 8}, 0);

        assertFalse(batch.isSparse());
        assertTrue(Arrays.equals(new double[] {0, 2, 0, 0, 0, 7, 0, 8, 0, 0, 0, -1}, batch.dense()));
        assertArrayEquals(new int[] {1, 2, 1}, batch.counts());
        assertRow(batch, 0, new int[] {1}, new double[] {2});
        assertRow(batch, 1, new int[] {1, 3}, new double[] {7, 8});
        assertRow(batch, 2, new int[] {3}, new double[] {-1});
    }

    @Test
    void writesIntoGetXAreSeenByTheListsOfNonZeros() {
        InputRows batch = new InputRows(2, 3);
        batch.setSparse(0, new int[] {0, 2}, new double[] {1, 2}, 0, 2);
        batch.setSparse(1, new int[] {1}, new double[] {3}, 0, 1);

        double[] x = batch.writableDense();
        x[0] = 0;
        x[1] = 4;
        x[5] = -5;

        assertFalse(batch.isSparse());
        assertArrayEquals(new int[] {2, 2}, batch.counts());
        assertRow(batch, 0, new int[] {1, 2}, new double[] {4, 2});
        assertRow(batch, 1, new int[] {1, 2}, new double[] {3, -5});
    }

    @Test
    void readXKeepsTheListsOfNonZeros() {
        InputRows batch = new InputRows(2, 3);
        batch.setSparse(0, new int[] {0, 2}, new double[] {1, 2}, 0, 2);
        batch.setSparse(1, new int[] {1}, new double[] {3}, 0, 1);

        assertTrue(Arrays.equals(new double[] {1, 0, 2, 0, 3, 0}, batch.dense()));

        assertTrue(batch.isSparse());
        assertArrayEquals(new int[] {2, 1}, batch.counts());
        assertRow(batch, 0, new int[] {0, 2}, new double[] {1, 2});
        assertRow(batch, 1, new int[] {1}, new double[] {3});
    }

    @Test
    void aSparseRowReplacedAfterReadXIsSeenByTheNextReadX() {
        InputRows batch = new InputRows(2, 3);
        batch.setSparse(0, new int[] {0}, new double[] {1}, 0, 1);
        batch.dense();

        batch.setSparse(0, new int[] {2}, new double[] {6}, 0, 1);
        batch.setSparse(1, new int[] {1}, new double[] {-3}, 0, 1);

        assertTrue(batch.isSparse());
        assertTrue(Arrays.equals(new double[] {0, 0, 6, 0, -3, 0}, batch.dense()));
    }

    @Test
    void entriesStartingBeforeTheArraysAreRejected() {
        IllegalArgumentException e = rejected(2, new int[] {0, 1, 2}, new double[] {1, 1, 1}, -1, 2);

        assertEquals("input row 2: entries [-1, 2) are not within 3 positions and 3 values", e.getMessage());
    }

    @Test
    void entriesEndingAfterThePositionsAreRejected() {
        IllegalArgumentException e = rejected(0, new int[] {0, 1, 2}, new double[] {1, 1, 1, 1}, 1, 4);

        assertEquals("input row 0: entries [1, 4) are not within 3 positions and 4 values", e.getMessage());
    }

    @Test
    void entriesEndingAfterTheValuesAreRejected() {
        IllegalArgumentException e = rejected(1, new int[] {0, 1, 2, 3}, new double[] {1, 1, 1}, 0, 4);

        assertEquals("input row 1: entries [0, 4) are not within 4 positions and 3 values", e.getMessage());
    }

    @Test
    void entriesEndingBeforeTheyStartAreRejected() {
        IllegalArgumentException e = rejected(1, new int[] {0, 1, 2}, new double[] {1, 1, 1}, 2, 1);

        assertEquals("input row 1: entries [2, 1) are not within 3 positions and 3 values", e.getMessage());
    }

    @Test
    void aRepeatedPositionIsRejected() {
        IllegalArgumentException e = rejected(1, new int[] {1, 3, 3}, new double[] {1, 1, 1}, 0, 3);

        assertEquals("input row 1: position 3 at entry 2 does not ascend after 3", e.getMessage());
    }

    @Test
    void aDescendingPositionIsRejectedNamingItsIndexInTheGivenArrays() {
        IllegalArgumentException e = rejected(0, new int[] {7, 4, 2, 3}, new double[] {1, 1, 1, 1}, 1, 4);

        assertEquals("input row 0: position 2 at entry 2 does not ascend after 4", e.getMessage());
    }

    @Test
    void aPositionPastTheInputsIsRejected() {
        IllegalArgumentException e = rejected(2, new int[] {1, 5}, new double[] {1, 1}, 0, 2);

        assertEquals("input row 2: position 5 at entry 1 is outside [0, 5)", e.getMessage());
    }

    @Test
    void aNegativeFirstPositionIsRejected() {
        IllegalArgumentException e = rejected(0, new int[] {-1, 2}, new double[] {1, 1}, 0, 2);

        assertEquals("input row 0: position -1 at entry 0 is outside [0, 5)", e.getMessage());
    }

    @Test
    void aNegativePositionAfterAValidOneIsReportedAsOutsideTheInputs() {
        IllegalArgumentException e = rejected(1, new int[] {2, -3}, new double[] {1, 1}, 0, 2);

        assertEquals("input row 1: position -3 at entry 1 is outside [0, 5)", e.getMessage());
    }

    @Test
    void aZeroValueIsRejected() {
        IllegalArgumentException e = rejected(2, new int[] {0, 3}, new double[] {1, 0.0}, 0, 2);

        assertEquals("input row 2: the value at entry 1 (position 3) is zero; list only non-zero inputs", e.getMessage());
    }

    @Test
    void aNegativeZeroValueIsRejected() {
        IllegalArgumentException e = rejected(0, new int[] {1, 2, 4}, new double[] {1, -0.0, 2}, 0, 3);

        assertEquals("input row 0: the value at entry 1 (position 2) is zero; list only non-zero inputs", e.getMessage());
    }

    /**
     * Calls {@code setSparseInput} on a batch of 3 rows of 5 inputs whose rows hold distinct values, asserts that
     * it throws, and that the rejected call left the batch as it was.
     */
    private static IllegalArgumentException rejected(int row, int[] positions, double[] values, int from, int to) {
        InputRows batch = new InputRows(3, 5);
        double[] rows = {1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8};
        for (int r = 0; r < 3; r++) {
            batch.set(r, rows, r * 5);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> batch.setSparse(row, positions, values, from, to));
        assertTrue(Arrays.equals(rows, batch.dense()), "a rejected row leaves the batch unchanged");
        return e;
    }

    /** Asserts that row {@code row}'s list of non-zeros is exactly {@code positions} and {@code values}. */
    private static void assertRow(InputRows batch, int row, int[] positions, double[] values) {
        int base = row * batch.getInputs();
        int count = batch.counts()[row];
        assertArrayEquals(positions, Arrays.copyOfRange(batch.positions(), base, base + count), "positions of row " + row);
        assertTrue(Arrays.equals(values, Arrays.copyOfRange(batch.values(), base, base + count)),
                "values of row " + row + ": " + Arrays.toString(Arrays.copyOfRange(batch.values(), base, base + count)));
    }
}
