package dev.scratchnet.runtime.kernels;

import java.util.Arrays;

/**
 * Matrix kernels over flat row-major arrays, used by generated models and the DSL's layers.
 *
 * <p>Contract that generated code relies on: every output row of {@link #affine} depends only on the
 * matching input row and is accumulated in a fixed order (bias first, then inputs in ascending index),
 * whatever the number of rows. So a model can recompute one sample's row with {@code rows = 1} and get
 * exactly the value the batch computed, and results are bit-for-bit reproducible.
 */
public final class Kernels {
    private Kernels() {}

    /**
     * {@code a = x · w + b}: {@code x} is {@code rows × in}, {@code w} is {@code in × out}, {@code b} has
     * {@code out} values, {@code a} receives {@code rows × out}. Zero inputs are skipped: MNIST rows are
     * ~80% zeros, and adding {@code 0 · w} would not change the sum.
     */
    public static void affine(double[] x, int rows, int in, double[] w, double[] b, int out, double[] a) {
        for (int r = 0; r < rows; r++) {
            int xRow = r * in;
            int aRow = r * out;
            System.arraycopy(b, 0, a, aRow, out);
            for (int i = 0; i < in; i++) {
                double xi = x[xRow + i];
                if (xi == 0) {
                    continue;
                }
                int wRow = i * out;
                for (int j = 0; j < out; j++) {
                    a[aRow + j] += xi * w[wRow + j];
                }
            }
        }
    }

    /**
     * {@code dw = xᵀ · d}: {@code x} is {@code rows × in}, {@code d} is {@code rows × out}, {@code dw}
     * receives {@code in × out} (overwritten). Accumulates over rows in ascending order.
     */
    public static void transposeTimes(double[] x, int rows, int in, double[] d, int out, double[] dw) {
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
                for (int j = 0; j < out; j++) {
                    dw[wRow + j] += xi * d[dRow + j];
                }
            }
        }
    }

    /**
     * {@code dx = d · wᵀ}: {@code d} is {@code rows × out}, {@code w} is {@code in × out}, {@code dx}
     * receives {@code rows × in} (overwritten).
     */
    public static void timesTranspose(double[] d, int rows, int out, double[] w, int in, double[] dx) {
        for (int r = 0; r < rows; r++) {
            int dRow = r * out;
            int xRow = r * in;
            for (int i = 0; i < in; i++) {
                int wRow = i * out;
                double s = 0;
                for (int j = 0; j < out; j++) {
                    s += d[dRow + j] * w[wRow + j];
                }
                dx[xRow + i] = s;
            }
        }
    }

    /** {@code db = Σ_rows d}: column sums of the {@code rows × out} matrix {@code d} into {@code db} (overwritten). */
    public static void sumRows(double[] d, int rows, int out, double[] db) {
        Arrays.fill(db, 0, out, 0.0);
        for (int r = 0; r < rows; r++) {
            int dRow = r * out;
            for (int j = 0; j < out; j++) {
                db[j] += d[dRow + j];
            }
        }
    }
}
