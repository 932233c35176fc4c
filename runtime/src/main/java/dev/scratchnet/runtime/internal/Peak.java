package dev.scratchnet.runtime.internal;

/**
 * This machine's peak double-precision rate on one core as the active kernels reach it: independent fused
 * multiply-adds held in registers (eight vectors of the kernels' width under the Vector API, eight scalars
 * otherwise), no memory traffic. The yardstick against which the kernels' GFLOP/s are judged.
 */
public final class Peak {
    private static final long ROUNDS = 5_000_000;

    private Peak() {}

    /** Best of seven timed runs of about 5 million rounds, after warm-up; in GFLOP/s. */
    public static double measureGflops() {
        KernelOps ops = Kernels.active();
        double sink = 0.0;
        for (int warm = 0; warm < 3; warm++) {
            sink += ops.fmaLoop(ROUNDS);
        }
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 7; run++) {
            long start = System.nanoTime();
            sink += ops.fmaLoop(ROUNDS);
            best = Math.min(best, System.nanoTime() - start);
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("the multiply-add loop produced NaN");
        }
        return (double) ROUNDS * ops.flopsPerFmaRound() / best;
    }
}
