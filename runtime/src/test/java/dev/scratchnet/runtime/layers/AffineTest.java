package dev.scratchnet.runtime.layers;

import static dev.scratchnet.runtime.layers.CentralDifference.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class AffineTest {
    private static Affine handLayer() {
        Affine affine = new Affine(2, 3);
        System.arraycopy(new double[] {1, 2, 3, 4, 5, 6}, 0, affine.getW(), 0, 6);
        System.arraycopy(new double[] {0.5, -0.5, 1}, 0, affine.getB(), 0, 3);
        return affine;
    }

    @Test
    void forwardOfTwoRowsIsXTimesWPlusB() {
        double[] out = handLayer().forward(new double[] {1, 2, 0, -1}, 2);
        // [1, 2]·W + b = [1 + 8 + 0.5, 2 + 10 - 0.5, 3 + 12 + 1]; [0, -1]·W + b = [-4 + 0.5, -5 - 0.5, -6 + 1]
        assertArrayEquals(new double[] {9.5, 11.5, 16, -3.5, -5.5, -5}, Arrays.copyOf(out, 6));
    }

    @Test
    void backwardOfHandCaseGivesDxDwAndDb() {
        Affine affine = handLayer();
        affine.forward(new double[] {1, 2, 0, -1}, 2);
        double[] dx = affine.backward(new double[] {1, 0, -1, 2, 1, 0});
        // dx = dout·Wᵀ, dW = xᵀ·dout, db = column sums of dout
        assertArrayEquals(new double[] {-2, -2, 4, 13}, Arrays.copyOf(dx, 4));
        assertArrayEquals(new double[] {1, 0, -1, 0, -1, -2}, affine.getDW());
        assertArrayEquals(new double[] {3, 1, -1}, affine.getDb());
    }

    @Test
    void backwardParametersGivesTheHandCasesDwAndDbAndLeavesDxAlone() {
        Affine affine = handLayer();
        affine.forward(new double[] {1, 2, 0, -1}, 2);
        affine.backwardParameters(new double[] {1, 0, -1, 2, 1, 0});
        assertArrayEquals(new double[] {1, 0, -1, 0, -1, -2}, affine.getDW());
        assertArrayEquals(new double[] {3, 1, -1}, affine.getDb());
        // Again after a full backward of other values: dW and db are recomputed, not accumulated.
        affine.backward(new double[] {5, 5, 5, 5, 5, 5});
        affine.backwardParameters(new double[] {1, 0, -1, 2, 1, 0});
        assertArrayEquals(new double[] {1, 0, -1, 0, -1, -2}, affine.getDW());
        assertArrayEquals(new double[] {3, 1, -1}, affine.getDb());
    }

    @Test
    void backwardMatchesCentralDifferencesOfForward() {
        int rows = 3;
        Affine affine = new Affine(4, 5);
        System.arraycopy(CentralDifference.awayFromZero(1, 20), 0, affine.getW(), 0, 20);
        System.arraycopy(CentralDifference.awayFromZero(2, 5), 0, affine.getB(), 0, 5);
        double[] x = CentralDifference.awayFromZero(3, rows * 4);
        double[] dout = CentralDifference.awayFromZero(4, rows * 5);

        affine.forward(x, rows);
        double[] dx = affine.backward(dout).clone();
        double[] dW = affine.getDW().clone();
        double[] db = affine.getDb().clone();

        DoubleSupplier f = () -> CentralDifference.dot(affine.forward(x, rows), dout, rows * 5);
        assertClose(CentralDifference.gradient(x, rows * 4, f), dx, rows * 4, 1e-8);
        assertClose(CentralDifference.gradient(affine.getW(), 20, f), dW, 20, 1e-8);
        assertClose(CentralDifference.gradient(affine.getB(), 5, f), db, 5, 1e-8);
    }

    @Test
    void buffersAreReusedForTheSameAndSmallerBatches() {
        Affine affine = handLayer();
        double[] first = affine.forward(new double[] {1, 2, 0, -1}, 2);
        assertSame(first, affine.forward(new double[] {3, 4, 5, 6}, 2));
        assertSame(first, affine.forward(new double[] {1, 1}, 1));
        double[] dx = affine.backward(new double[] {1, 1, 1});
        assertSame(dx, affine.backward(new double[] {2, 2, 2}));
        // the last forward pass had one row, so only that row's slots are rewritten
        assertEquals(2 * 1 + 2 * 2 + 2 * 3, dx[0]);
    }

    @Test
    void forwardRejectsAnInputShorterThanItsRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> handLayer().forward(new double[3], 2));
        assertEquals("Affine: x holds 3 values, expected at least 2 rows × 2 = 4", e.getMessage());
    }

    @Test
    void backwardBeforeForwardSaysToCallForward() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> handLayer().backward(new double[3]));
        assertEquals("Affine: backward needs the cache of a forward pass; call forward first", e.getMessage());
    }
}
