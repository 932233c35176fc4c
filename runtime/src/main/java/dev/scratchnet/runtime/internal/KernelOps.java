package dev.scratchnet.runtime.internal;

/**
 * The kernels that have two implementations, {@link ScalarKernels} and {@link VectorKernels}. Both perform
 * the same {@link Math#fma} operations in the same order on every output element, so they return
 * bit-identical results; the vector one only computes several elements at once.
 */
interface KernelOps {
    /** See {@link Kernels#affine}. */
    void affine(double[] x, int rows, int in, double[] w, double[] b, int out, double[] a);

    /** Rows {@code from ≤ r < to} of {@link #affine}, on the calling thread alone (see {@link Kernels#affineRows}). */
    void affineRange(double[] x, int from, int to, int in, double[] w, double[] b, int out, double[] a);

    /** See {@link Kernels#transposeTimes}. */
    void transposeTimes(double[] x, int rows, int in, double[] d, int out, double[] dw);

    /**
     * {@link #affine} from lists of non-zero inputs: row {@code r}'s positions and values are entries
     * {@code [starts[r], starts[r] + counts[r])} of {@code positions}/{@code values}, positions ascending in
     * {@code [0, in)}, values non-zero (the layout of {@code Batch}: its own lists, {@code starts[r] = r·in}, or a
     * dataset's that it refers to).
     */
    void affineSparse(int[] positions, double[] values, int[] starts, int[] counts, int in, int rows, double[] w,
            double[] b, int out, double[] a);

    /** Rows {@code from ≤ r < to} of {@link #affineSparse}, on the calling thread alone. */
    void affineSparseRange(int[] positions, double[] values, int[] starts, int[] counts, int in, int from, int to,
            double[] w, double[] b, int out, double[] a);

    /** {@link #transposeTimes} from lists of non-zero inputs, laid out as for {@link #affineSparse}. */
    void transposeTimesSparse(int[] positions, double[] values, int[] starts, int[] counts, int in, int rows,
            double[] d, int out, double[] dw);

    /**
     * {@link #transposeTimesSparse} applied at once as a step of gradient descent: each row {@code g} of
     * {@code xᵀ·d} updates row {@code i} of {@code w} as {@code w ← w − lr·(g + λ·w)} (with {@code λ > 0},
     * else {@code w ← w − lr·g}) and is not stored. {@code alongside}, if not null, runs once on the calling
     * thread before its own share (see {@link Kernels#transposeTimesSgd(dev.scratchnet.runtime.Batch, double[],
     * int, double[], double, double, Runnable)}).
     */
    void transposeTimesSparseSgd(int[] positions, double[] values, int[] starts, int[] counts, int in, int rows,
            double[] d, int out, double[] w, double lr, double lambda, Runnable alongside);

    /** See {@link Kernels#inTwoHalves}. */
    void inTwoHalves(int n, Kernels.Range task);

    /** See {@link Kernels#timesTranspose}. */
    void timesTranspose(double[] d, int rows, int out, double[] w, int in, double[] dx);

    /** Rows {@code from ≤ r < to} of {@link #timesTranspose}, on the calling thread alone. */
    void timesTransposeRange(double[] d, int from, int to, int out, double[] w, int in, double[] dx);

    /** {@code z[i] = }{@link ActivationMath#sigmoid}{@code (a[i])} for {@code from ≤ i < to}. */
    void sigmoid(double[] a, double[] z, int from, int to);

    /** {@code z[i] = }{@link ActivationMath#tanh}{@code (a[i])} for {@code from ≤ i < to}. */
    void tanh(double[] a, double[] z, int from, int to);

    /** See {@link Kernels#sumRows}. */
    void sumRows(double[] d, int rows, int out, double[] db);

    /**
     * Runs {@code iterations} rounds of independent fused multiply-adds held in registers and returns a
     * value that depends on all of them (so the loop cannot be removed); see {@link Peak}.
     */
    double fmaLoop(long iterations);

    /** Floating-point operations (a multiply-add counts two) that one round of {@link #fmaLoop} performs. */
    int flopsPerFmaRound();

    /** What {@link Kernels#implementation()} reports. */
    String description();
}
