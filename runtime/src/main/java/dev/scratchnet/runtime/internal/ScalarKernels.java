package dev.scratchnet.runtime.internal;

import java.util.Arrays;

/**
 * Plain-Java kernels: the reference order of operations, used when {@code jdk.incubator.vector} is not
 * available. {@link VectorKernels} reproduces every result bit for bit.
 */
class ScalarKernels implements KernelOps {
    /** {@link #transposeTimesSparseSgd}'s gradient, per thread, grown to the largest call seen and then reused. */
    private static final ThreadLocal<Scratch> GRADIENT = ThreadLocal.withInitial(Scratch::new);

    @Override
    public void affine(double[] x, int rows, int in, double[] w, double[] b, int out, double[] a) {
        affineRange(x, 0, rows, in, w, b, out, a);
    }

    @Override
    public void affineRange(double[] x, int from, int to, int in, double[] w, double[] b, int out, double[] a) {
        for (int r = from; r < to; r++) {
            int xRow = r * in;
            int aRow = r * out;
            System.arraycopy(b, 0, a, aRow, out);
            for (int i = 0; i < in; i++) {
                double xi = x[xRow + i];
                if (xi == 0) {
                    continue;
                }
                int wRow = i * out;
                fmaRow(xi, w, wRow, a, aRow, out);
            }
        }
    }

    @Override
    public void transposeTimes(double[] x, int rows, int in, double[] d, int out, double[] dw) {
        Arrays.fill(dw, 0, in * out, 0.0);
        for (int r = 0; r < rows; r++) {
            int xRow = r * in;
            int dRow = r * out;
            for (int i = 0; i < in; i++) {
                double xi = x[xRow + i];
                if (xi == 0) {
                    continue;
                }
                int wRow = i * out;
                fmaRow(xi, d, dRow, dw, wRow, out);
            }
        }
    }

    @Override
    public void affineSparse(int[] positions, double[] values, int[] starts, int[] counts, int in, int rows, double[] w,
            double[] b, int out, double[] a) {
        affineSparseRange(positions, values, starts, counts, in, 0, rows, w, b, out, a);
    }

    @Override
    public void affineSparseRange(int[] positions, double[] values, int[] starts, int[] counts, int in, int from,
            int to, double[] w, double[] b, int out, double[] a) {
        for (int r = from; r < to; r++) {
            int aRow = r * out;
            System.arraycopy(b, 0, a, aRow, out);
            int first = starts[r];
            for (int k = first; k < first + counts[r]; k++) {
                double xi = values[k];
                int wRow = positions[k] * out;
                fmaRow(xi, w, wRow, a, aRow, out);
            }
        }
    }

    @Override
    public void transposeTimesSparse(int[] positions, double[] values, int[] starts, int[] counts, int in, int rows,
            double[] d, int out, double[] dw) {
        Arrays.fill(dw, 0, in * out, 0.0);
        for (int r = 0; r < rows; r++) {
            int dRow = r * out;
            int first = starts[r];
            for (int k = first; k < first + counts[r]; k++) {
                double xi = values[k];
                int wRow = positions[k] * out;
                fmaRow(xi, d, dRow, dw, wRow, out);
            }
        }
    }

    @Override
    public void transposeTimesSparseSgd(int[] positions, double[] values, int[] starts, int[] counts, int in,
            int rows, double[] d, int out, double[] w, double lr, double lambda, Runnable alongside) {
        if (alongside != null) {
            alongside.run();
        }
        double[] g = GRADIENT.get().fit(in * out);
        transposeTimesSparse(positions, values, starts, counts, in, rows, d, out, g);
        sgd(w, 0, g, 0, in * out, lr, lambda);
    }

    /** {@code dst[dstAt + j] = fma(x, src[srcAt + j], dst[dstAt + j])} for {@code j < n}. */
    private static void fmaRow(double x, double[] src, int srcAt, double[] dst, int dstAt, int n) {
        for (int j = 0; j < n; j++) {
            dst[dstAt + j] = Math.fma(x, src[srcAt + j], dst[dstAt + j]);
        }
    }

    /**
     * {@code w[wAt + k] ← w − lr·(g[gAt + k] + λ·w)} for {@code k < n} when {@code λ > 0}, else
     * {@code w ← w − lr·g}: the update a generated trainer's SGD applies, operation for operation.
     */
    static void sgd(double[] w, int wAt, double[] g, int gAt, int n, double lr, double lambda) {
        if (lambda > 0) {
            for (int k = 0; k < n; k++) {
                w[wAt + k] -= lr * (g[gAt + k] + lambda * w[wAt + k]);
            }
        } else {
            for (int k = 0; k < n; k++) {
                w[wAt + k] -= lr * g[gAt + k];
            }
        }
    }

    @Override
    public void inTwoHalves(int n, Kernels.Range task) {
        task.run(0, n);
    }

    @Override
    public void timesTranspose(double[] d, int rows, int out, double[] w, int in, double[] dx) {
        timesTransposeRows(d, 0, rows, out, w, in, dx);
    }

    @Override
    public void timesTransposeRange(double[] d, int from, int to, int out, double[] w, int in, double[] dx) {
        timesTransposeRows(d, from, to, out, w, in, dx);
    }

    /** Rows {@code from ≤ r < to} of {@link #timesTranspose}. */
    static void timesTransposeRows(double[] d, int from, int to, int out, double[] w, int in, double[] dx) {
        for (int r = from; r < to; r++) {
            int dRow = r * out;
            int xRow = r * in;
            int i = 0;
            // Four independent sums at a time: each is still accumulated over j in ascending order, but the
            // core overlaps their multiply-add latencies instead of waiting on one chain.
            for (; i + 4 <= in; i += 4) {
                int w0 = i * out;
                double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
                for (int j = 0; j < out; j++) {
                    double dj = d[dRow + j];
                    s0 = Math.fma(dj, w[w0 + j], s0);
                    s1 = Math.fma(dj, w[w0 + out + j], s1);
                    s2 = Math.fma(dj, w[w0 + 2 * out + j], s2);
                    s3 = Math.fma(dj, w[w0 + 3 * out + j], s3);
                }
                dx[xRow + i] = s0;
                dx[xRow + i + 1] = s1;
                dx[xRow + i + 2] = s2;
                dx[xRow + i + 3] = s3;
            }
            for (; i < in; i++) {
                int wRow = i * out;
                double s = 0.0;
                for (int j = 0; j < out; j++) {
                    s = Math.fma(d[dRow + j], w[wRow + j], s);
                }
                dx[xRow + i] = s;
            }
        }
    }

    @Override
    public void sigmoid(double[] a, double[] z, int from, int to) {
        for (int i = from; i < to; i++) {
            z[i] = ActivationMath.sigmoid(a[i]);
        }
    }

    @Override
    public void tanh(double[] a, double[] z, int from, int to) {
        for (int i = from; i < to; i++) {
            z[i] = ActivationMath.tanh(a[i]);
        }
    }

    @Override
    public void sumRows(double[] d, int rows, int out, double[] db) {
        Arrays.fill(db, 0, out, 0.0);
        for (int r = 0; r < rows; r++) {
            int dRow = r * out;
            for (int j = 0; j < out; j++) {
                db[j] += d[dRow + j];
            }
        }
    }

    @Override
    public double fmaLoop(long iterations) {
        // Eight independent chains: enough to cover the latency of a multiply-add on current cores.
        double a0 = 1.0, a1 = 1.1, a2 = 1.2, a3 = 1.3, a4 = 1.4, a5 = 1.5, a6 = 1.6, a7 = 1.7;
        double m = 0.999_999;
        double c = 1e-9;
        for (long k = 0; k < iterations; k++) {
            a0 = Math.fma(a0, m, c);
            a1 = Math.fma(a1, m, c);
            a2 = Math.fma(a2, m, c);
            a3 = Math.fma(a3, m, c);
            a4 = Math.fma(a4, m, c);
            a5 = Math.fma(a5, m, c);
            a6 = Math.fma(a6, m, c);
            a7 = Math.fma(a7, m, c);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    }

    @Override
    public int flopsPerFmaRound() {
        return 8 * 2;
    }

    @Override
    public String description() {
        return "scalar";
    }

    /** A buffer that grows to the largest size asked for. */
    private static final class Scratch {
        private double[] values = new double[0];

        double[] fit(int n) {
            if (values.length < n) {
                values = new double[n];
            }
            return values;
        }
    }
}
