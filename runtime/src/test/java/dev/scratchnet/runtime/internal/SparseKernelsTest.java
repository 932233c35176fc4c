package dev.scratchnet.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The kernels over lists of non-zero inputs ({@link KernelOps#affineSparse}, {@link KernelOps#transposeTimesSparse})
 * against the dense scalar kernels, bit for bit ({@link Arrays#equals(double[], double[])}), in both
 * implementations; and {@link Kernels#affine(Batch, double[], double[], int, double[])} /
 * {@link Kernels#transposeTimes(Batch, double[], int, double[])} over every form a batch's inputs can be in.
 */
class SparseKernelsTest {
    /** Inputs as in {@code KernelsTest}, whose widths ({@code KernelsTest.OUTS}) reach every pass layout. */
    private static final int[] INS = {1, 5, 784};

    private static final KernelOps SCALAR = new ScalarKernels();
    /** One instance for the whole class, so that the tests share one {@code scratchnet-kernels} helper thread. */
    private static final KernelOps VECTOR = new VectorKernels("vector (test)");

    @Test
    void affineFromListsEqualsDenseAffineInBothImplementations() {
        RandomGenerator random = new Well19937c(51);
        int rows = 7;
        for (int in : INS) {
            for (int out : KernelsTest.OUTS) {
                double[] x = inputs(random, rows, in);
                Lists lists = Lists.of(x, rows, in);
                double[] w = KernelsTest.gaussian(random, in * out);
                double[] b = KernelsTest.gaussian(random, out);
                double[] expected = new double[rows * out];
                SCALAR.affine(x, rows, in, w, b, out, expected);
                for (KernelOps ops : List.of(SCALAR, VECTOR)) {
                    double[] a = nans(rows * out);
                    ops.affineSparse(lists.positions, lists.values, lists.starts, lists.counts, in, rows, w, b, out, a);
                    assertTrue(Arrays.equals(expected, a), ops.description() + " affineSparse " + in + " → " + out);
                    for (int[] range : new int[][] {{0, 3}, {3, 7}, {2, 5}}) {
                        double[] part = nans(rows * out);
                        ops.affineSparseRange(lists.positions, lists.values, lists.starts, lists.counts, in,
                                range[0], range[1], w, b, out, part);
                        KernelsTest.assertRows(expected, part, out, range, ops.description() + " affineSparseRange "
                                + in + " → " + out + ", rows " + range[0] + "–" + range[1]);
                    }
                }
            }
        }
    }

    @Test
    void transposeTimesFromListsEqualsDenseTransposeTimesInBothImplementations() {
        RandomGenerator random = new Well19937c(52);
        int rows = 9;
        for (int in : INS) {
            for (int out : KernelsTest.OUTS) {
                double[] x = inputs(random, rows, in);
                Lists lists = Lists.of(x, rows, in);
                double[] d = KernelsTest.gaussian(random, rows * out);
                double[] expected = new double[in * out];
                SCALAR.transposeTimes(x, rows, in, d, out, expected);
                for (KernelOps ops : List.of(SCALAR, VECTOR)) {
                    double[] dw = nans(in * out);
                    ops.transposeTimesSparse(lists.positions, lists.values, lists.starts, lists.counts, in, rows, d,
                            out, dw);
                    assertTrue(Arrays.equals(expected, dw),
                            ops.description() + " transposeTimesSparse " + in + " × " + out);
                }
            }
        }
    }

    @Test
    void productsFromListsSplitOverTwoCoresAreBitIdenticalCallAfterCall() {
        RandomGenerator random = new Well19937c(53);
        // 100 × 784 is an MNIST batch; 101 × 785 splits into unequal halves of rows and of inputs.
        for (int[] shape : new int[][] {{100, 784}, {101, 785}}) {
            int rows = shape[0];
            int in = shape[1];
            double[] x = inputs(random, rows, in);
            // Empty rows on both sides of where the rows are split in two.
            Arrays.fill(x, (rows / 2 - 1) * in, (rows / 2 + 1) * in, 0.0);
            Lists lists = Lists.of(x, rows, in);
            for (int out : new int[] {4, 10, 50, 55, 110}) {
                double[] w = KernelsTest.gaussian(random, in * out);
                double[] b = KernelsTest.gaussian(random, out);
                double[] d = KernelsTest.gaussian(random, rows * out);
                double[] a = new double[rows * out];
                double[] dw = new double[in * out];
                SCALAR.affine(x, rows, in, w, b, out, a);
                SCALAR.transposeTimes(x, rows, in, d, out, dw);
                String shapeName = rows + " × " + in + " → " + out;
                // Repeated: which thread runs the second half varies from call to call; the results must not.
                for (int call = 0; call < 20; call++) {
                    double[] va = nans(rows * out);
                    double[] vdw = nans(in * out);
                    VECTOR.affineSparse(lists.positions, lists.values, lists.starts, lists.counts, in, rows, w, b,
                            out, va);
                    VECTOR.transposeTimesSparse(lists.positions, lists.values, lists.starts, lists.counts, in, rows,
                            d, out, vdw);
                    assertTrue(Arrays.equals(a, va), "affineSparse " + shapeName + ", call " + call);
                    assertTrue(Arrays.equals(dw, vdw), "transposeTimesSparse " + shapeName + ", call " + call);
                }
            }
        }
    }

    @Test
    void kernelsOnABatchGiveTheSameResultsWhateverFormItsInputsAreIn() {
        RandomGenerator random = new Well19937c(54);
        // {rows, in, out}: an MNIST batch split over two cores, small ones, and outputs below one vector.
        for (int[] shape : new int[][] {{100, 784, 50}, {100, 784, 3}, {7, 5, 10}, {2, 1, 4}}) {
            int rows = shape[0];
            int in = shape[1];
            int out = shape[2];
            double[] x = inputs(random, rows, in);
            Lists lists = Lists.of(x, rows, in);
            double[] w = KernelsTest.gaussian(random, in * out);
            double[] b = KernelsTest.gaussian(random, out);
            double[] d = KernelsTest.gaussian(random, rows * out);
            double[] expectedA = new double[rows * out];
            double[] expectedDw = new double[in * out];
            SCALAR.affine(x, rows, in, w, b, out, expectedA);
            SCALAR.transposeTimes(x, rows, in, d, out, expectedDw);

            Batch fromLists = filledFromLists(lists, rows, in, out);
            Batch fromDense = filledDensely(x, rows, in, out);
            Batch listsThenReadX = filledFromLists(lists, rows, in, out);
            InputRows.of(listsThenReadX).dense();
            Batch denseThenLists = filledDensely(x, rows, in, out);
            InputRows.of(denseThenLists).counts();
            Batch listsThenGetX = filledFromLists(lists, rows, in, out);
            listsThenGetX.getX();
            assertTrue(InputRows.of(fromLists).isSparse() && InputRows.of(listsThenReadX).isSparse() && InputRows.of(denseThenLists).isSparse());
            assertFalse(InputRows.of(fromDense).isSparse() || InputRows.of(listsThenGetX).isSparse());

            String shapeName = rows + " × " + in + " → " + out;
            List<Batch> forms = List.of(fromLists, fromDense, listsThenReadX, denseThenLists, listsThenGetX);
            for (int form = 0; form < forms.size(); form++) {
                Batch batch = forms.get(form);
                double[] a = nans(rows * out);
                double[] dw = nans(in * out);
                Kernels.affine(InputRows.of(batch), rows, w, b, out, a);
                Kernels.transposeTimes(InputRows.of(batch), rows, d, out, dw);
                assertTrue(Arrays.equals(expectedA, a), "affine, form " + form + ", " + shapeName);
                assertTrue(Arrays.equals(expectedDw, dw), "transposeTimes, form " + form + ", " + shapeName);
                double[] byHalves = nans(rows * out);
                Kernels.affineRows(InputRows.of(batch), 0, rows / 2, w, b, out, byHalves);
                Kernels.affineRows(InputRows.of(batch), rows / 2, rows, w, b, out, byHalves);
                assertTrue(Arrays.equals(expectedA, byHalves), "affineRows, form " + form + ", " + shapeName);
            }
        }
    }

    /**
     * The fused SGD kernel against its definition: {@code g = xᵀ·d} by the dense scalar kernel, then
     * {@code w ← w − lr·(g + λ·w)} (λ &gt; 0) or {@code w ← w − lr·g}, element by element as the generated
     * trainer writes it. Bit for bit, in both implementations, with and without decay, on shapes that the vector
     * kernel splits over two cores (repeated: which thread runs which half varies) and on small ones.
     */
    @Test
    void fusedSgdStepEqualsGradientThenUpdate() {
        RandomGenerator random = new Well19937c(53);
        int[][] shapes = {{9, 5, 10}, {7, 784, 3}, {100, 784, 50}, {101, 785, 55}, {100, 784, 10}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int in = shape[1];
            int out = shape[2];
            double[] x = inputs(random, rows, in);
            Lists lists = Lists.of(x, rows, in);
            double[] d = KernelsTest.gaussian(random, rows * out);
            double[] w0 = KernelsTest.gaussian(random, in * out);
            for (double lambda : new double[] {0.0, 1e-3}) {
                double lr = 0.1;
                double[] expected = gradientThenUpdate(x, rows, in, d, out, w0, lr, lambda);
                for (KernelOps ops : List.of(SCALAR, VECTOR)) {
                    for (int call = 0; call < 5; call++) {
                        double[] w = w0.clone();
                        // Every other call with work alongside: it must run once, on this thread.
                        List<Thread> ranOn = new ArrayList<>();
                        Runnable alongside = call % 2 == 1 ? () -> ranOn.add(Thread.currentThread()) : null;
                        ops.transposeTimesSparseSgd(lists.positions, lists.values, lists.starts, lists.counts, in,
                                rows, d, out, w, lr, lambda, alongside);
                        String what = ops.description() + " SGD " + rows + "×" + in + "×" + out + ", λ = " + lambda
                                + ", call " + call;
                        assertTrue(Arrays.equals(expected, w), what);
                        assertEquals(alongside == null ? List.of() : List.of(Thread.currentThread()), ranOn, what);
                    }
                }
            }
        }
    }

    /**
     * The fused SGD kernel at every width of {@code KernelsTest.OUTS}, which reach every layout of passes: each pass
     * sums its part of a gradient row from zero and applies it to weights that no other pass reads, and the lanes a
     * last pass covers twice take the same step once.
     */
    @Test
    void fusedSgdStepEqualsGradientThenUpdateAtEveryWidth() {
        RandomGenerator random = new Well19937c(55);
        int rows = 9;
        for (int in : INS) {
            for (int out : KernelsTest.OUTS) {
                double[] x = inputs(random, rows, in);
                Lists lists = Lists.of(x, rows, in);
                double[] d = KernelsTest.gaussian(random, rows * out);
                double[] w0 = KernelsTest.gaussian(random, in * out);
                for (double lambda : new double[] {0.0, 1e-3}) {
                    double[] expected = gradientThenUpdate(x, rows, in, d, out, w0, 0.1, lambda);
                    double[] w = w0.clone();
                    VECTOR.transposeTimesSparseSgd(lists.positions, lists.values, lists.starts, lists.counts, in,
                            rows, d, out, w, 0.1, lambda, null);
                    assertTrue(Arrays.equals(expected, w), "SGD " + in + " × " + out + ", λ = " + lambda);
                }
            }
        }
    }

    /**
     * Work alongside the fused SGD kernel that throws: the call rethrows it after the second core's share is done,
     * and the next call has both cores again and gives the right weights.
     */
    @Test
    void whatTheWorkAlongsideThrowsFailsTheCallAndLeavesTheKernelsUsable() {
        RandomGenerator random = new Well19937c(57);
        int rows = 100;
        int in = 784;
        int out = 50;
        double[] x = inputs(random, rows, in);
        Lists lists = Lists.of(x, rows, in);
        double[] d = KernelsTest.gaussian(random, rows * out);
        double[] w0 = KernelsTest.gaussian(random, in * out);
        for (KernelOps ops : List.of(SCALAR, VECTOR)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ops.transposeTimesSparseSgd(
                    lists.positions, lists.values, lists.starts, lists.counts, in, rows, d, out, w0.clone(), 0.1, 0.0,
                    () -> {
                        throw new IllegalStateException("alongside");
                    }));
            assertEquals("alongside", e.getMessage());
            double[] w = w0.clone();
            ops.transposeTimesSparseSgd(lists.positions, lists.values, lists.starts, lists.counts, in, rows, d, out,
                    w, 0.1, 0.0, null);
            assertTrue(Arrays.equals(gradientThenUpdate(x, rows, in, d, out, w0, 0.1, 0.0), w), ops.description());
        }
    }

    /** {@code g = xᵀ·d} by the dense scalar kernel, then {@code w0} updated element by element as the generated trainer writes it. */
    private static double[] gradientThenUpdate(double[] x, int rows, int in, double[] d, int out, double[] w0,
            double lr, double lambda) {
        double[] g = new double[in * out];
        SCALAR.transposeTimes(x, rows, in, d, out, g);
        double[] w = w0.clone();
        for (int p = 0; p < w.length; p++) {
            if (lambda > 0) {
                w[p] -= lr * (g[p] + lambda * w[p]);
            } else {
                w[p] -= lr * g[p];
            }
        }
        return w;
    }

    /**
     * The two-core split of the transposed products moves toward equal entries per thread from call to call; with
     * every entry in the first eighth of the inputs it moves far from the middle, and results stay those of the
     * scalar kernel bit for bit at every split point on the way (and back, when the entries move to the end).
     */
    @Test
    void movingTheTwoCoreSplitNeverChangesAResult() {
        RandomGenerator random = new Well19937c(54);
        int rows = 100;
        int in = 784;
        int out = 50;
        KernelOps vector = new VectorKernels("vector (test)");
        for (int[] range : new int[][] {{0, in / 8}, {in - in / 8, in}, {0, in}}) {
            double[] x = inputs(random, rows, in);
            for (int p = 0; p < x.length; p++) {
                int i = p % in;
                if (i < range[0] || i >= range[1]) {
                    x[p] = 0.0;
                }
            }
            Lists lists = Lists.of(x, rows, in);
            double[] d = KernelsTest.gaussian(random, rows * out);
            double[] expected = new double[in * out];
            SCALAR.transposeTimes(x, rows, in, d, out, expected);
            for (int call = 0; call < 30; call++) {
                double[] dw = KernelsTest.gaussian(random, in * out);
                vector.transposeTimesSparse(lists.positions, lists.values, lists.starts, lists.counts, in, rows, d,
                        out, dw);
                assertTrue(Arrays.equals(expected, dw), "inputs " + Arrays.toString(range) + ", call " + call);
            }
        }
    }

    @Test
    void balancedSplitMovesHalfwayTowardEqualTimes() {
        // MNIST's 784 pixels: 7,101 entries above the middle, 7,887 below, 19.1 per pixel. Equal speeds (or no
        // times): 786 / 2 / 19.1 = 20.6 pixels to balance the entries, halfway is 10.
        assertEquals(402, VectorKernels.balancedSplit(784, 392, 7_101, 7_887, 0, 0));
        assertEquals(402, VectorKernels.balancedSplit(784, 392, 7_101, 7_887, 71_010, 78_870));
        assertEquals(382, VectorKernels.balancedSplit(784, 392, 7_887, 7_101, 0, 0));
        assertEquals(392, VectorKernels.balancedSplit(784, 392, 7_500, 7_500, 0, 0));
        assertEquals(392, VectorKernels.balancedSplit(784, 392, 0, 0, 0, 0));
        // Equal entries, but the second thread took 1.5 times as long: it should get 40% of the 15,000 entries,
        // 1,500 fewer, 78.4 pixels; halfway is 39.
        assertEquals(431, VectorKernels.balancedSplit(784, 392, 7_500, 7_500, 75_000, 112_500));
        // Everything on one side: the move is clamped to leave each thread at least one input.
        assertEquals(783, VectorKernels.balancedSplit(784, 700, 0, 1_000_000, 0, 5));
        assertEquals(1, VectorKernels.balancedSplit(784, 10, 1_000_000, 0, 5, 0));
    }

    /**
     * Each row's non-zero inputs as a {@link Batch} that refers to a dataset's rows holds them: row {@code r}'s
     * entries at {@code [starts[r], starts[r] + counts[r])}, here packed in reverse row order, each row followed by
     * a poisoned entry (position {@code in − 1}, value NaN), so that a kernel reading past a row's count or
     * assuming {@code starts[r] = r·in} would put a NaN in its results.
     */
    private record Lists(int[] positions, double[] values, int[] starts, int[] counts) {
        static Lists of(double[] x, int rows, int in) {
            int[] positions = new int[rows * (in + 1)];
            double[] values = new double[rows * (in + 1)];
            Arrays.fill(positions, in - 1);
            Arrays.fill(values, Double.NaN);
            int[] starts = new int[rows];
            int[] counts = new int[rows];
            int c = 0;
            for (int r = rows - 1; r >= 0; r--) {
                starts[r] = c;
                for (int i = 0; i < in; i++) {
                    double v = x[r * in + i];
                    if (v != 0) {
                        positions[c] = i;
                        values[c] = v;
                        c++;
                    }
                }
                counts[r] = c - starts[r];
                c++;
            }
            return new Lists(positions, values, starts, counts);
        }
    }

    /**
     * {@code rows × in} inputs, ~80% zeros (some {@code -0.0}, which the dense kernels skip as well); the first
     * row has no non-zero input and the last one only non-zeros.
     */
    private static double[] inputs(RandomGenerator random, int rows, int in) {
        double[] x = new double[rows * in];
        for (int i = 0; i < x.length; i++) {
            double u = random.nextDouble();
            x[i] = u < 0.8 ? (u < 0.02 ? -0.0 : 0.0) : random.nextGaussian();
        }
        Arrays.fill(x, 0, in, 0.0);
        if (rows > 1) {
            for (int i = (rows - 1) * in; i < rows * in; i++) {
                x[i] = 0.5 + random.nextDouble();
            }
        }
        return x;
    }

    private static Batch filledFromLists(Lists lists, int rows, int in, int outputs) {
        Batch batch = new Batch(rows, in, outputs);
        for (int r = 0; r < rows; r++) {
            InputRows.of(batch).setSparse(r, lists.positions, lists.values, lists.starts[r], lists.starts[r] + lists.counts[r]);
        }
        return batch;
    }

    private static Batch filledDensely(double[] x, int rows, int in, int outputs) {
        Batch batch = new Batch(rows, in, outputs);
        for (int r = 0; r < rows; r++) {
            batch.setInput(r, x, r * in);
        }
        return batch;
    }

    /** An output array filled with NaN: any element a kernel fails to write stays NaN and fails the comparison. */
    private static double[] nans(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }
}
