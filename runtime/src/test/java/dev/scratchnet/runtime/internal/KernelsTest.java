package dev.scratchnet.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The kernels against Commons Math products (the oracle), the vector implementation against the scalar one
 * (bit for bit), and the per-row contract that generated models rely on.
 */
class KernelsTest {
    /**
     * Every width from 1 to 120 and the widths around two wide passes of 512-bit vectors (104 outputs each), so
     * every sequence of passes the vector kernels choose at either width (scalar only below one vector, passes of
     * 13, 8 and 4 vectors, full or ending at the last output), two blocks of weight rows (from 63 outputs on, 784
     * inputs no longer fit one L2-sized block), and a layer of 1,000.
     */
    static final int[] OUTS = IntStream.concat(IntStream.rangeClosed(1, 120),
            IntStream.of(143, 144, 200, 207, 208, 209, 215, 216, 217, 224, 1000)).toArray();
    private static final int[] INS = {1, 5, 784};

    private final KernelOps scalar = new ScalarKernels();
    private final KernelOps vector = new VectorKernels("vector (test)");

    @Test
    void testsRunWithTheVectorKernelsActive() {
        assertTrue(VectorKernels.isSupported(), "this machine should compile 256-bit double vectors");
        assertTrue(Kernels.implementation().startsWith("vector ("), Kernels.implementation());
        assertTrue(Kernels.implementation().endsWith(VectorKernels.bits() + "-bit)"), Kernels.implementation());
    }

    @Test
    void theKernelsTakeTheHardwaresWidthUnlessAskedForTwoHundredFiftySix() {
        int preferred = Math.min(jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.vectorBitSize(), 512);
        assertEquals(preferred, VectorKernels.species(null).vectorBitSize());
        assertEquals(preferred, VectorKernels.species("512").vectorBitSize());
        assertEquals(256, VectorKernels.species("256").vectorBitSize());
    }

    @Test
    void inTwoHalvesRunsEveryPieceOnceAndRethrowsWhatTheSecondCoreThrew() {
        for (KernelOps ops : new KernelOps[] {scalar, vector}) {
            for (int n : new int[] {0, 1, 2, 3, 100, 101}) {
                int[] runs = new int[n];
                for (int call = 0; call < 3; call++) {
                    ops.inTwoHalves(n, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            runs[i]++;
                        }
                    });
                }
                int[] three = new int[n];
                Arrays.fill(three, 3);
                assertArrayEquals(three, runs, ops.description() + ", n = " + n);
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ops.inTwoHalves(10, (from, to) -> {
                if (to == 10) {
                    throw new IllegalStateException("second half");
                }
            }));
            assertEquals("second half", e.getMessage());
        }
    }

    /**
     * A second core that takes longer per piece gets fewer pieces from call to call; every piece still runs once
     * per call, whatever the split. The calls go on until the second core has run its share five times (on a busy
     * machine the calling thread runs a share the helper has not started, which measures both at the same speed).
     */
    @Test
    void inTwoHalvesGivesTheSlowerThreadFewerPiecesAndStillRunsEachOnce() {
        Thread caller = Thread.currentThread();
        int n = 100;
        int[] runs = new int[n];
        int[] onCaller = new int[1];
        boolean[] onHelper = new boolean[1];
        int calls = 0;
        int helperCalls = 0;
        long deadline = System.nanoTime() + 10_000_000_000L;
        // Until the helper has run its share five times and the split has moved to the caller, within bounds: on a
        // busy machine either thread may be descheduled for a while, which makes single calls look balanced.
        while ((helperCalls < 5 || onCaller[0] <= 60) && calls < 2_000 && System.nanoTime() < deadline) {
            onHelper[0] = false;
            vector.inTwoHalves(n, (from, to) -> {
                boolean here = Thread.currentThread() == caller;
                for (int i = from; i < to; i++) {
                    runs[i]++;
                    long until = System.nanoTime() + (here ? 2_000 : 6_000);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }
                if (from == 0) {
                    onCaller[0] = Math.max(onCaller[0], to - from);
                }
                if (!here) {
                    onHelper[0] = true;
                }
            });
            calls++;
            if (onHelper[0]) {
                helperCalls++;
            }
        }
        int[] each = new int[n];
        Arrays.fill(each, calls);
        assertArrayEquals(each, runs);
        if (helperCalls >= 5) {
            // Three times as fast: equal times at 75 pieces; a call after the helper's first run gives it 63.
            assertTrue(onCaller[0] > 60, "the calling thread took at most " + onCaller[0] + " of " + n);
        }
    }

    @Test
    void balancedShareMovesHalfwayTowardEqualTimes() {
        assertEquals(0.5, VectorKernels.balancedShare(0.5, 50, 50, 1_000, 1_000), 1e-15);
        // The helper took 1.5 times as long for as many pieces: equal times at 0.6, halfway is 0.55.
        assertEquals(0.55, VectorKernels.balancedShare(0.5, 50, 50, 1_000, 1_500), 1e-15);
        // A time unknown (the piece ran nowhere): the share stays.
        assertEquals(0.4, VectorKernels.balancedShare(0.4, 40, 60, 0, 1_000), 1e-15);
        // A helper descheduled for a millisecond cannot push the share past three quarters.
        assertEquals(0.75, VectorKernels.balancedShare(0.75, 75, 25, 1_000, 1_000_000), 1e-15);
        assertEquals(0.25, VectorKernels.balancedShare(0.25, 25, 75, 1_000_000, 1_000), 1e-15);
    }

    @Test
    void affineOfVectorAndScalarKernelsIsBitIdentical() {
        RandomGenerator random = new Well19937c(11);
        for (int in : INS) {
            for (int out : OUTS) {
                int rows = 7;
                double[] x = sparse(random, rows * in);
                double[] w = gaussian(random, in * out);
                double[] b = gaussian(random, out);
                double[] fromScalar = new double[rows * out];
                double[] fromVector = new double[rows * out];
                scalar.affine(x, rows, in, w, b, out, fromScalar);
                vector.affine(x, rows, in, w, b, out, fromVector);
                assertTrue(Arrays.equals(fromScalar, fromVector), "affine " + in + " → " + out);
            }
        }
    }

    @Test
    void transposeTimesOfVectorAndScalarKernelsIsBitIdentical() {
        RandomGenerator random = new Well19937c(12);
        for (int in : INS) {
            for (int out : OUTS) {
                int rows = 9;
                double[] x = sparse(random, rows * in);
                double[] d = gaussian(random, rows * out);
                double[] fromScalar = new double[in * out];
                double[] fromVector = gaussian(random, in * out);
                scalar.transposeTimes(x, rows, in, d, out, fromScalar);
                vector.transposeTimes(x, rows, in, d, out, fromVector);
                assertTrue(Arrays.equals(fromScalar, fromVector), "transposeTimes " + in + " × " + out);
            }
        }
    }

    /**
     * {@code xᵀ·d} when at least a quarter of {@code x} is non-zero (a hidden layer's output), which the vector
     * kernels compute without listing the non-zeros, multiplying zeros in: bit for bit the scalar kernel's values,
     * which skips them, for every width of blocks and tails, on one core and split over two (the larger shapes),
     * with negative zeros among the inputs, and with an infinity or a NaN in {@code d} (where skipping a zero and
     * multiplying it in would differ, so the dense product must not be taken).
     */
    @Test
    void transposeTimesOfMostlyNonZeroInputsIsBitIdenticalToScalar() {
        RandomGenerator random = new Well19937c(21);
        int[][] shapes = {{9, 4}, {9, 5}, {9, 7}, {9, 13}, {100, 50}, {100, 51}, {100, 203}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            for (int in : new int[] {shape[1], 8, 11}) {
                for (int out : new int[] {4, 5, 7, 8, 9, 10, 12, 15, 16, 17, 50, 52}) {
                    for (double nonZero : new double[] {0.3, 0.5, 1.0}) {
                        double[] x = mostlyNonZero(random, rows * in, nonZero);
                        for (double bad : new double[] {0.0, Double.POSITIVE_INFINITY, Double.NaN}) {
                            double[] d = gaussian(random, rows * out);
                            if (bad != 0.0) {
                                d[random.nextInt(d.length)] = bad;
                            }
                            double[] fromScalar = new double[in * out];
                            double[] fromVector = gaussian(random, in * out);
                            scalar.transposeTimes(x, rows, in, d, out, fromScalar);
                            vector.transposeTimes(x, rows, in, d, out, fromVector);
                            assertTrue(Arrays.equals(fromScalar, fromVector), "transposeTimes " + rows + " × " + in
                                    + " × " + out + ", " + nonZero + " non-zero, d holding " + bad);
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code x·w + b} when at least a quarter of {@code x} is non-zero (the second layer's input), which the vector
     * kernels compute without listing the non-zeros: bit for bit the scalar kernel's values for every width, whole
     * (split over two cores from 21 inputs) and by row ranges, with negative zeros among the inputs, and with an
     * infinity or a NaN among the weights, a −0 bias or an all-zero row, where multiplying zeros in would differ.
     */
    @Test
    void affineOfMostlyNonZeroInputsIsBitIdenticalToScalar() {
        RandomGenerator random = new Well19937c(22);
        int[][] ranges = {{0, 9}, {0, 4}, {3, 9}, {2, 5}, {4, 4}};
        for (int in : new int[] {1, 3, 4, 8, 11, 50, 203}) {
            for (int out : new int[] {4, 5, 7, 8, 9, 10, 12, 15, 16, 17, 50, 52}) {
                for (double nonZero : new double[] {0.3, 0.5, 1.0}) {
                    for (int variant = 0; variant < 4; variant++) {
                        int rows = 9;
                        double[] x = mostlyNonZero(random, rows * in, nonZero);
                        double[] w = gaussian(random, in * out);
                        double[] b = gaussian(random, out);
                        if (variant == 1) {
                            w[random.nextInt(w.length)] = random.nextBoolean() ? Double.NEGATIVE_INFINITY : Double.NaN;
                        } else if (variant == 2) {
                            b[random.nextInt(out)] = -0.0;
                            Arrays.fill(x, 0, in, 0.0);
                        }
                        double[] fromScalar = new double[rows * out];
                        double[] fromVector = gaussian(random, rows * out);
                        scalar.affine(x, rows, in, w, b, out, fromScalar);
                        vector.affine(x, rows, in, w, b, out, fromVector);
                        String what = in + " → " + out + ", " + nonZero + " non-zero, variant " + variant;
                        assertTrue(Arrays.equals(fromScalar, fromVector), "affine " + what);
                        for (int[] range : ranges) {
                            double[] a = new double[rows * out];
                            Arrays.fill(a, Double.NaN);
                            vector.affineRange(x, range[0], range[1], in, w, b, out, a);
                            String rowsOf = ", rows " + range[0] + "–" + range[1];
                            assertRows(fromScalar, a, out, range, "affineRange " + what + rowsOf);
                        }
                    }
                }
            }
        }
    }

    /**
     * A product of the smallest double and −½ rounds to −0, and multiplying a later zero input in would turn that
     * sum into +0 where the scalar kernels, skipping the zero, keep −0: the dense products must take neither such
     * an input nor such a weight (or {@code d}), in {@code x·w + b} and in {@code xᵀ·d}.
     */
    @Test
    void aSumRoundedToNegativeZeroStaysNegativeZero() {
        for (boolean tinyInput : new boolean[] {true, false}) {
            double first = tinyInput ? Double.MIN_VALUE : 0.5;
            double factor = tinyInput ? -0.5 : -Double.MIN_VALUE;
            double[] x = {first, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
            double[] w = new double[16];
            Arrays.fill(w, 0.5);
            Arrays.fill(w, 0, 4, factor);
            double[] expected = new double[16];
            double[] actual = new double[16];
            scalar.affine(x, 4, 4, w, new double[4], 4, expected);
            vector.affine(x, 4, 4, w, new double[4], 4, actual);
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(expected[0]));
            assertTrue(Arrays.equals(expected, actual), "affine, tiny input " + tinyInput + ": " + Arrays.toString(actual));

            double[] xt = {first, 1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9, 0, 10, 11, 12};
            scalar.transposeTimes(xt, 4, 4, w, 4, expected);
            vector.transposeTimes(xt, 4, 4, w, 4, actual);
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(expected[0]));
            assertTrue(Arrays.equals(expected, actual), "transposeTimes, tiny input " + tinyInput + ": "
                    + Arrays.toString(actual));
        }
    }

    /**
     * The one-thread row kernels ({@code affineRange}, {@code timesTransposeRange}, behind {@link Kernels#affineRows}
     * and {@link Kernels#timesTransposeRows}) give a range of rows exactly the values the whole product gives them,
     * in both implementations, and write no other row: generated models compute each core's rows with them.
     */
    @Test
    void rowRangesEqualTheirRowsOfTheWholeProduct() {
        RandomGenerator random = new Well19937c(17);
        int rows = 7;
        int[][] ranges = {{0, 7}, {0, 3}, {3, 7}, {2, 5}, {4, 4}};
        for (int in : INS) {
            for (int out : OUTS) {
                double[] x = sparse(random, rows * in);
                double[] w = gaussian(random, in * out);
                double[] b = gaussian(random, out);
                double[] d = gaussian(random, rows * out);
                double[] affine = new double[rows * out];
                double[] back = new double[rows * in];
                scalar.affine(x, rows, in, w, b, out, affine);
                scalar.timesTranspose(d, rows, out, w, in, back);
                for (KernelOps ops : new KernelOps[] {scalar, vector}) {
                    for (int[] range : ranges) {
                        double[] a = new double[rows * out];
                        double[] dx = new double[rows * in];
                        Arrays.fill(a, Double.NaN);
                        Arrays.fill(dx, Double.NaN);
                        ops.affineRange(x, range[0], range[1], in, w, b, out, a);
                        ops.timesTransposeRange(d, range[0], range[1], out, w, in, dx);
                        String what = ops.description() + " " + in + " → " + out + ", rows " + range[0] + "–" + range[1];
                        assertRows(affine, a, out, range, "affineRange " + what);
                        assertRows(back, dx, in, range, "timesTransposeRange " + what);
                    }
                }
            }
        }
    }

    /** Rows {@code range} of {@code actual} equal those of {@code whole}, bit for bit; all other rows are NaN. */
    static void assertRows(double[] whole, double[] actual, int width, int[] range, String what) {
        for (int i = 0; i < actual.length; i++) {
            int row = i / width;
            if (row >= range[0] && row < range[1]) {
                assertEquals(Double.doubleToRawLongBits(whole[i]), Double.doubleToRawLongBits(actual[i]), what + " [" + i + "]");
            } else {
                assertTrue(Double.isNaN(actual[i]), what + " wrote row " + row);
            }
        }
    }

    @Test
    void batchesSplitOverTwoCoresAreBitIdenticalToScalar() {
        RandomGenerator random = new Well19937c(16);
        int rows = 100;
        int in = 784;
        for (int out : new int[] {10, 50, 55}) {
            double[] x = sparse(random, rows * in);
            double[] w = gaussian(random, in * out);
            double[] b = gaussian(random, out);
            double[] d = gaussian(random, rows * out);
            double[] a = new double[rows * out];
            double[] dw = new double[in * out];
            double[] dx = new double[rows * in];
            scalar.affine(x, rows, in, w, b, out, a);
            scalar.transposeTimes(x, rows, in, d, out, dw);
            scalar.timesTranspose(d, rows, out, w, in, dx);
            // Repeated: which thread runs the second half varies from call to call; the results must not.
            for (int call = 0; call < 20; call++) {
                double[] va = new double[rows * out];
                double[] vdw = new double[in * out];
                vector.affine(x, rows, in, w, b, out, va);
                vector.transposeTimes(x, rows, in, d, out, vdw);
                double[] vdx = new double[rows * in];
                vector.timesTranspose(d, rows, out, w, in, vdx);
                assertTrue(Arrays.equals(a, va), "affine 784 → " + out + ", call " + call);
                assertTrue(Arrays.equals(dw, vdw), "transposeTimes 784 × " + out + ", call " + call);
                assertTrue(Arrays.equals(dx, vdx), "timesTranspose " + out + " → 784, call " + call);
            }
        }
    }

    @Test
    void aTooShortOutputFailsTheCallEvenWhenTheSecondCoreWritesIt() {
        RandomGenerator random = new Well19937c(17);
        double[] x = sparse(random, 100 * 784);
        double[] w = gaussian(random, 784 * 10);
        double[] a = new double[60 * 10];
        for (int call = 0; call < 5; call++) {
            assertThrows(IndexOutOfBoundsException.class, () -> vector.affine(x, 100, 784, w, new double[10], 10, a));
        }
        double[] ok = new double[100 * 10];
        vector.affine(x, 100, 784, w, new double[10], 10, ok);
        double[] expected = new double[100 * 10];
        scalar.affine(x, 100, 784, w, new double[10], 10, expected);
        assertTrue(Arrays.equals(expected, ok), "the kernels work again after a failed call");
    }

    @Test
    void affineMatchesCommonsMathProductPlusBias() {
        RandomGenerator random = new Well19937c(13);
        int rows = 100;
        int in = 784;
        int out = 50;
        double[] x = sparse(random, rows * in);
        double[] w = gaussian(random, in * out);
        double[] b = gaussian(random, out);
        double[] a = new double[rows * out];
        Kernels.affine(x, rows, in, w, b, out, a);
        RealMatrix expected = matrix(x, rows, in).multiply(matrix(w, in, out));
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < out; j++) {
                assertEquals(expected.getEntry(r, j) + b[j], a[r * out + j], 1e-12, "a[" + r + "][" + j + "]");
            }
        }
    }

    @Test
    void backwardProductsMatchCommonsMath() {
        RandomGenerator random = new Well19937c(14);
        int rows = 20;
        int in = 30;
        int out = 10;
        double[] x = sparse(random, rows * in);
        double[] d = gaussian(random, rows * out);
        double[] w = gaussian(random, in * out);
        double[] dw = new double[in * out];
        double[] dx = new double[rows * in];
        double[] db = new double[out];
        Kernels.transposeTimes(x, rows, in, d, out, dw);
        Kernels.timesTranspose(d, rows, out, w, in, dx);
        Kernels.sumRows(d, rows, out, db);
        RealMatrix dm = matrix(d, rows, out);
        assertArrayEquals(flat(matrix(x, rows, in).transpose().multiply(dm)), dw, 1e-12);
        assertArrayEquals(flat(dm.multiply(matrix(w, in, out).transpose())), dx, 1e-12);
        double[] columnSums = new double[out];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < out; j++) {
                columnSums[j] += d[r * out + j];
            }
        }
        assertArrayEquals(columnSums, db, 0.0);
    }

    @Test
    void aRowComputedAloneEqualsItsValueInTheBatch() {
        RandomGenerator random = new Well19937c(15);
        int rows = 12;
        int in = 784;
        int out = 50;
        double[] x = sparse(random, rows * in);
        double[] w = gaussian(random, in * out);
        double[] b = gaussian(random, out);
        double[] batch = new double[rows * out];
        Kernels.affine(x, rows, in, w, b, out, batch);
        double[] one = new double[out];
        for (int r = 0; r < rows; r++) {
            Kernels.affine(Arrays.copyOfRange(x, r * in, (r + 1) * in), 1, in, w, b, out, one);
            assertTrue(Arrays.equals(Arrays.copyOfRange(batch, r * out, (r + 1) * out), one), "row " + r);
        }
    }

    @Test
    void zeroInputsAreSkippedSoAPerturbedWeightOfAZeroInputChangesNothing() {
        double[] x = {0.0, 0.5, -0.0};
        double[] w = {Double.NaN, 2.0, Double.POSITIVE_INFINITY};
        double[] a = new double[1];
        Kernels.affine(x, 1, 3, w, new double[] {0.25}, 1, a);
        assertEquals(1.25, a[0], 0.0);
    }

    /** About {@code nonZero} of {@code n} values standard normal draws, the others zeros, one in twenty −0. */
    private static double[] mostlyNonZero(RandomGenerator random, int n, double nonZero) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            x[i] = u < nonZero ? random.nextGaussian() : (u < nonZero + 0.05 ? -0.0 : 0.0);
        }
        return x;
    }

    private static double[] sparse(RandomGenerator random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            v[i] = u < 0.8 ? (u < 0.02 ? -0.0 : 0.0) : random.nextDouble();
        }
        return v;
    }

    /** {@code n} standard normal draws; also used by {@link SparseKernelsTest}. */
    static double[] gaussian(RandomGenerator random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    private static RealMatrix matrix(double[] v, int rows, int cols) {
        double[][] data = new double[rows][];
        for (int r = 0; r < rows; r++) {
            data[r] = Arrays.copyOfRange(v, r * cols, (r + 1) * cols);
        }
        return new Array2DRowRealMatrix(data, false);
    }

    private static double[] flat(RealMatrix m) {
        double[] v = new double[m.getRowDimension() * m.getColumnDimension()];
        for (int r = 0; r < m.getRowDimension(); r++) {
            System.arraycopy(m.getRow(r), 0, v, r * m.getColumnDimension(), m.getColumnDimension());
        }
        return v;
    }
}
