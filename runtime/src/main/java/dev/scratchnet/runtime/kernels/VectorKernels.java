package dev.scratchnet.runtime.kernels;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API ({@code jdk.incubator.vector}), four doubles per 256-bit register. The only
 * class that names the incubator module: {@link Kernels} loads it reflectively, and only when the module is
 * in the boot layer.
 *
 * <p>Each output element goes through exactly the {@link Math#fma} sequence of {@link ScalarKernels}
 * (lanes are independent elements, never partial sums of one element), so results are bit-identical.
 * Speed comes from three things: the non-zero inputs of a row are listed once and every column block
 * walks only them; up to 32 outputs stay in registers while a row is accumulated; and whole blocks of four
 * zero inputs are skipped with one vector test.
 *
 * <p>Loops are kept small, one vector loop per method with no branch inside it, and only one vector shape
 * (256-bit) is ever used: C2 in JDK 17 keeps vector values in registers reliably only in such loops, and
 * falls back to allocating boxed vectors when the Vector API's shared methods have seen two shapes.
 */
final class VectorKernels extends ScalarKernels {
    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;

    /** Per-thread list of the non-zero positions of one row; kernels are static, callers may be many threads. */
    private static final ThreadLocal<int[]> NON_ZEROS = ThreadLocal.withInitial(() -> new int[0]);

    private final String description;

    VectorKernels(String description) {
        this.description = description;
    }

    /** Whether this JVM compiles 256-bit double vectors to hardware instructions rather than emulating them. */
    static boolean isSupported() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= D4.vectorBitSize();
    }

    @Override
    public void affine(double[] x, int rows, int in, double[] w, double[] b, int out, double[] a) {
        int[] nz = nonZeroBuffer(in);
        for (int r = 0; r < rows; r++) {
            int xRow = r * in;
            int aRow = r * out;
            int n = nonZeros(x, xRow, in, nz);
            int j = 0;
            for (; j + 32 <= out; j += 32) {
                columns32(x, xRow, nz, n, w, out, b, j, a, aRow + j);
            }
            for (; j + 16 <= out; j += 16) {
                columns16(x, xRow, nz, n, w, out, b, j, a, aRow + j);
            }
            for (; j + 4 <= out; j += 4) {
                columns4(x, xRow, nz, n, w, out, b, j, a, aRow + j);
            }
            for (; j < out; j++) {
                a[aRow + j] = column(x, xRow, nz, n, w, out, b[j], j);
            }
        }
    }

    @Override
    public void transposeTimes(double[] x, int rows, int in, double[] d, int out, double[] dw) {
        Arrays.fill(dw, 0, in * out, 0.0);
        int[] nz = nonZeroBuffer(in);
        for (int r = 0; r < rows; r++) {
            int xRow = r * in;
            int n = nonZeros(x, xRow, in, nz);
            for (int k = 0; k < n; k++) {
                int i = nz[k];
                axpy(x[xRow + i], d, r * out, dw, i * out, out);
            }
        }
    }

    @Override
    public double fmaLoop(long iterations) {
        DoubleVector a0 = DoubleVector.broadcast(D4, 1.0);
        DoubleVector a1 = DoubleVector.broadcast(D4, 1.1);
        DoubleVector a2 = DoubleVector.broadcast(D4, 1.2);
        DoubleVector a3 = DoubleVector.broadcast(D4, 1.3);
        DoubleVector a4 = DoubleVector.broadcast(D4, 1.4);
        DoubleVector a5 = DoubleVector.broadcast(D4, 1.5);
        DoubleVector a6 = DoubleVector.broadcast(D4, 1.6);
        DoubleVector a7 = DoubleVector.broadcast(D4, 1.7);
        DoubleVector m = DoubleVector.broadcast(D4, 0.999_999);
        DoubleVector c = DoubleVector.broadcast(D4, 1e-9);
        for (long k = 0; k < iterations; k++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }

    @Override
    public int flopsPerFmaRound() {
        return 8 * D4.length() * 2;
    }

    @Override
    public String description() {
        return description;
    }

    private static int[] nonZeroBuffer(int in) {
        int[] nz = NON_ZEROS.get();
        if (nz.length < in) {
            nz = new int[in];
            NON_ZEROS.set(nz);
        }
        return nz;
    }

    /**
     * Writes the positions {@code i} of the non-zero values {@code x[from + i]}, {@code i < n}, into
     * {@code nz} in ascending order and returns how many there are. Blocks of four zeros (most of an MNIST
     * row's margins) cost one vector comparison.
     */
    private static int nonZeros(double[] x, int from, int n, int[] nz) {
        int count = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            if (DoubleVector.fromArray(D4, x, from + i).compare(VectorOperators.NE, 0.0).anyTrue()) {
                count = appendNonZeros(x, from, i, i + 4, nz, count);
            }
        }
        return appendNonZeros(x, from, i, n, nz, count);
    }

    private static int appendNonZeros(double[] x, int from, int start, int end, int[] nz, int count) {
        int c = count;
        for (int i = start; i < end; i++) {
            if (x[from + i] != 0) {
                nz[c++] = i;
            }
        }
        return c;
    }

    private static void columns32(double[] x, int xRow, int[] nz, int n, double[] w, int out, double[] b, int j,
            double[] a, int at) {
        DoubleVector c0 = DoubleVector.fromArray(D4, b, j);
        DoubleVector c1 = DoubleVector.fromArray(D4, b, j + 4);
        DoubleVector c2 = DoubleVector.fromArray(D4, b, j + 8);
        DoubleVector c3 = DoubleVector.fromArray(D4, b, j + 12);
        DoubleVector c4 = DoubleVector.fromArray(D4, b, j + 16);
        DoubleVector c5 = DoubleVector.fromArray(D4, b, j + 20);
        DoubleVector c6 = DoubleVector.fromArray(D4, b, j + 24);
        DoubleVector c7 = DoubleVector.fromArray(D4, b, j + 28);
        for (int k = 0; k < n; k++) {
            int i = nz[k];
            DoubleVector v = DoubleVector.broadcast(D4, x[xRow + i]);
            int o = i * out + j;
            c0 = v.fma(DoubleVector.fromArray(D4, w, o), c0);
            c1 = v.fma(DoubleVector.fromArray(D4, w, o + 4), c1);
            c2 = v.fma(DoubleVector.fromArray(D4, w, o + 8), c2);
            c3 = v.fma(DoubleVector.fromArray(D4, w, o + 12), c3);
            c4 = v.fma(DoubleVector.fromArray(D4, w, o + 16), c4);
            c5 = v.fma(DoubleVector.fromArray(D4, w, o + 20), c5);
            c6 = v.fma(DoubleVector.fromArray(D4, w, o + 24), c6);
            c7 = v.fma(DoubleVector.fromArray(D4, w, o + 28), c7);
        }
        c0.intoArray(a, at);
        c1.intoArray(a, at + 4);
        c2.intoArray(a, at + 8);
        c3.intoArray(a, at + 12);
        c4.intoArray(a, at + 16);
        c5.intoArray(a, at + 20);
        c6.intoArray(a, at + 24);
        c7.intoArray(a, at + 28);
    }

    private static void columns16(double[] x, int xRow, int[] nz, int n, double[] w, int out, double[] b, int j,
            double[] a, int at) {
        DoubleVector c0 = DoubleVector.fromArray(D4, b, j);
        DoubleVector c1 = DoubleVector.fromArray(D4, b, j + 4);
        DoubleVector c2 = DoubleVector.fromArray(D4, b, j + 8);
        DoubleVector c3 = DoubleVector.fromArray(D4, b, j + 12);
        for (int k = 0; k < n; k++) {
            int i = nz[k];
            DoubleVector v = DoubleVector.broadcast(D4, x[xRow + i]);
            int o = i * out + j;
            c0 = v.fma(DoubleVector.fromArray(D4, w, o), c0);
            c1 = v.fma(DoubleVector.fromArray(D4, w, o + 4), c1);
            c2 = v.fma(DoubleVector.fromArray(D4, w, o + 8), c2);
            c3 = v.fma(DoubleVector.fromArray(D4, w, o + 12), c3);
        }
        c0.intoArray(a, at);
        c1.intoArray(a, at + 4);
        c2.intoArray(a, at + 8);
        c3.intoArray(a, at + 12);
    }

    private static void columns4(double[] x, int xRow, int[] nz, int n, double[] w, int out, double[] b, int j,
            double[] a, int at) {
        DoubleVector c = DoubleVector.fromArray(D4, b, j);
        for (int k = 0; k < n; k++) {
            int i = nz[k];
            c = DoubleVector.broadcast(D4, x[xRow + i]).fma(DoubleVector.fromArray(D4, w, i * out + j), c);
        }
        c.intoArray(a, at);
    }

    private static double column(double[] x, int xRow, int[] nz, int n, double[] w, int out, double bias, int j) {
        double c = bias;
        for (int k = 0; k < n; k++) {
            int i = nz[k];
            c = Math.fma(x[xRow + i], w[i * out + j], c);
        }
        return c;
    }

    /** {@code y[yAt + j] = fma(s, v[vAt + j], y[yAt + j])} for {@code j < n}. */
    private static void axpy(double s, double[] v, int vAt, double[] y, int yAt, int n) {
        DoubleVector sv = DoubleVector.broadcast(D4, s);
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            sv.fma(DoubleVector.fromArray(D4, v, vAt + j), DoubleVector.fromArray(D4, y, yAt + j)).intoArray(y, yAt + j);
        }
        for (; j < n; j++) {
            y[yAt + j] = Math.fma(s, v[vAt + j], y[yAt + j]);
        }
    }
}
