package dev.scratchnet.runtime.kernels;

/**
 * The kernels that have two implementations, {@link ScalarKernels} and {@link VectorKernels}. Both perform
 * the same {@link Math#fma} operations in the same order on every output element, so they return
 * bit-identical results; the vector one only computes several elements at once.
 */
interface KernelOps {
    /** See {@link Kernels#affine}. */
    void affine(double[] x, int rows, int in, double[] w, double[] b, int out, double[] a);

    /** See {@link Kernels#transposeTimes}. */
    void transposeTimes(double[] x, int rows, int in, double[] d, int out, double[] dw);

    /** See {@link Kernels#timesTranspose}. */
    void timesTranspose(double[] d, int rows, int out, double[] w, int in, double[] dx);

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
