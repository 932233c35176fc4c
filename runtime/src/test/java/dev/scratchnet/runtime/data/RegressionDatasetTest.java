package dev.scratchnet.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Datasets with real-valued targets, splits and chunked iteration. */
class RegressionDatasetTest {
    /** Row i: features (i, −i), targets (10·i, 0.5). */
    private static Dataset rows(int n) {
        double[] x = new double[n * 2];
        double[] t = new double[n * 2];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            t[2 * i] = 10.0 * i;
            t[2 * i + 1] = 0.5;
        }
        return Dataset.ofTargets(x, t, 2, 2);
    }

    @Test
    void drawnBatchesCarryTheRowsTargets() {
        Dataset data = rows(10);
        assertFalse(data.isClassification());
        assertEquals(2, data.getOutputs());
        Batch batch = new Batch(3, 2, 2);
        data.copyRows(new int[] {7, 2, 9}, batch);
        assertArrayEquals(new double[] {70, 0.5, 20, 0.5, 90, 0.5}, batch.getT());
        assertArrayEquals(new double[] {7, -7, 2, -2, 9, -9}, batch.getX());
        Batch short_ = new Batch(4, 2, 2);
        data.copyRows(new int[] {1, 3}, short_);
        assertArrayEquals(new double[] {10, 0.5, 30, 0.5, 0, 0, 0, 0}, short_.getT());
    }

    @Test
    void aRegressionDatasetHasNoLabels() {
        Dataset data = rows(3);
        assertEquals("a regression dataset has real-valued targets, not class labels; use getTargets()",
                assertThrows(IllegalStateException.class, data::getLabels).getMessage());
        assertThrows(IllegalStateException.class, data::getClasses);
        assertEquals("9 target values are not rows of 2", assertThrows(IllegalArgumentException.class,
                () -> Dataset.ofTargets(new double[8], new double[9], 2, 2)).getMessage());
    }

    @Test
    void theSameSeedGivesTheSameSplitAndEveryRowLandsOnce() {
        Dataset data = rows(50);
        Dataset.Split a = data.split(0.2, 7);
        Dataset.Split b = data.split(0.2, 7);
        assertEquals(10, a.test().getSize());
        assertEquals(40, a.train().getSize());
        assertArrayEquals(a.test().getX(), b.test().getX());
        assertArrayEquals(a.train().getTargets(), b.train().getTargets());
        Set<Double> seen = new HashSet<>();
        for (Dataset part : List.of(a.train(), a.test())) {
            for (int r = 0; r < part.getSize(); r++) {
                double i = part.getX()[2 * r];
                assertEquals(10 * i, part.getTargets()[2 * r], "row " + i + " keeps its targets");
                assertTrue(seen.add(i), "row " + i + " twice");
            }
        }
        assertEquals(50, seen.size());
        assertFalse(Arrays.equals(a.test().getX(), data.split(0.2, 8).test().getX()), "another seed, another split");
    }

    @Test
    void aSplitNeedsRowsOnBothSides() {
        assertEquals("testFraction must be in (0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> rows(5).split(1.0, 0)).getMessage());
        assertEquals("a test fraction of 0.05 of 5 rows leaves 0 test rows and 5 training rows; both need at least one",
                assertThrows(IllegalArgumentException.class, () -> rows(5).split(0.05, 0)).getMessage());
    }

    @Test
    void forEachBatchVisitsEveryRowInOrderInChunks() {
        Dataset data = rows(7);
        List<double[]> targets = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        data.forEachBatch(3, batch -> {
            sizes.add(batch.getSize());
            targets.add(batch.getT().clone());
        });
        assertEquals(List.of(3, 3, 1), sizes);
        assertArrayEquals(new double[] {60, 0.5}, targets.get(2));
        assertArrayEquals(new double[] {30, 0.5, 40, 0.5, 50, 0.5}, targets.get(1));
    }
}
