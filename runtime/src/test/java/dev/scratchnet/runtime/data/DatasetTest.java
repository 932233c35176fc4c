package dev.scratchnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Matrix;
import org.junit.jupiter.api.Test;

class DatasetTest {
    @Test
    void oneHotLabelsHaveASingleOneAtEachLabel() {
        Dataset d = new Dataset(new double[] {0.1, 0.2, 0.3}, new int[] {2, 0, 3}, 1, 4);

        Matrix t = d.oneHotLabels();

        assertEquals(Matrix.of(new double[][] {{0, 0, 1, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}}), t);
    }

    @Test
    void oneHotLabelsEqualTheTargetsOfABatchOfAllRows() {
        Dataset d = new Dataset(new double[] {1, 2, 3, 4, 5, 6}, new int[] {1, 1, 0}, 2, 2);

        Batch all = d.slice(0, 3);

        assertArrayEquals(all.getT(), d.oneHotLabels().getData());
    }

    @Test
    void emptyDatasetHasNoOneHotLabels() {
        Dataset empty = new Dataset(new double[0], new int[0], 3, 10);

        IllegalStateException e = assertThrows(IllegalStateException.class, empty::oneHotLabels);

        assertEquals("an empty dataset has no one-hot labels: a matrix needs at least one row", e.getMessage());
    }
}
