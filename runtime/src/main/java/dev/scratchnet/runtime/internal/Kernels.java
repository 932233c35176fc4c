package dev.scratchnet.runtime.internal;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

/**
 * The matrix products under {@link AffineKernel}, over flat row-major arrays, and the split of work between two
 * cores.
 *
 * <p>Two implementations exist, chosen once when this class is initialised: one on the Vector API when the
 * JVM runs with {@code --add-modules jdk.incubator.vector} (and compiles 256-bit or wider vectors to hardware
 * instructions; {@code -Dscratchnet.vectorBits=256} keeps AVX-512 hardware to 256 bits), plain Java otherwise.
 * Both perform the same {@link Math#fma} operations in the same order on every element, so results are
 * bit-for-bit identical whichever is active, at whichever width; {@link #implementation()} says which one is. The system property {@code scratchnet.kernels=scalar} forces the plain one.
 *
 * <p>The vector implementation splits products over a batch ({@code rows × in ≥ 2048}, such as MNIST's 100 × 784
 * or a hidden layer's 100 × 50) between two cores: {@code affine} by rows, which both threads claim in shrinking
 * chunks, {@code timesTranspose} by halves of the rows, {@code transposeTimes} by halves of the inputs, and, from
 * lists of non-zeros, {@code transposeTimes} and {@code transposeTimesSgd} by inputs split where both threads
 * should take equal time. A daemon thread, {@code scratchnet-kernels}, is the second thread; it polls briefly after
 * each piece of work and then parks. Every output element is still computed by one thread in the fixed order, so
 * the split changes nothing in the results. Work shared out already, such as a generated model's whole pass over a
 * batch (each core runs every layer for its own rows, through {@link #inTwoHalves}), calls the one-thread row
 * forms ({@code affineRows}, {@code timesTransposeRows}).
 *
 * <p>The contract generated code relies on: every output row of {@code affine} depends only on the matching input
 * row and is accumulated in a fixed order (bias first, then the non-zero inputs in ascending index, each by one
 * fused multiply-add), whatever the number of rows. So a model can recompute one sample's row with
 * {@code rows = 1} and get exactly the value the batch computed, and results are reproducible.
 */
public final class Kernels {
    private static final KernelOps OPS = select();

    private Kernels() {}

    /** Work over a range of independent pieces, {@code [from, to)}; see {@link #inTwoHalves}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code task} over {@code [0, n)}: with the vector kernels, the calling thread runs the first half and
     * the kernels' second core the second when it is free, otherwise the calling thread runs all of it. For
     * pieces that are independent of one another and give the same result whichever thread runs them, such as
     * copying rows into a batch. The task must not itself call a kernel that splits its work (it would run
     * single-threaded). What the task throws on the second core is rethrown here.
     */
    public static void inTwoHalves(int n, Range task) {
        OPS.inTwoHalves(n, task);
    }

    /**
     * The active implementation: {@code "vector (AVX-512 512-bit)"}, {@code "vector (AVX2 256-bit)"}, … or
     * {@code "scalar"}.
     */
    public static String implementation() {
        return OPS.description();
    }

    /**
     * {@code a = x · w + b}: {@code x} is {@code rows × in}, {@code w} is {@code in × out}, {@code b} has
     * {@code out} values, {@code a} receives {@code rows × out}. Zero inputs are skipped: MNIST rows are
     * ~80% zeros, and adding {@code 0 · w} would not change the sum.
     */
    static void affine(double[] x, int rows, int in, double[] w, double[] b, int out, double[] a) {
        OPS.affine(x, rows, in, w, b, out, a);
    }

    /**
     * Rows {@code from ≤ r < to} of {@link #affine}, computed on the calling thread alone, with exactly the values
     * {@link #affine} gives them: for work already shared between the cores by rows, such as a forward pass run
     * through {@link #inTwoHalves}.
     */
    static void affineRows(double[] x, int from, int to, int in, double[] w, double[] b, int out, double[] a) {
        OPS.affineRange(x, from, to, in, w, b, out, a);
    }

    /**
     * Rows {@code from ≤ r < to} of {@link #affine(InputRows, int, double[], double[], int, double[])}, on the calling
     * thread alone. Safe to call from both halves of an {@link #inTwoHalves} task: it only reads the rows.
     */
    static void affineRows(InputRows x, int from, int to, double[] w, double[] b, int out, double[] a) {
        if (x.isSparse()) {
            OPS.affineSparseRange(x.positions(), x.values(), x.starts(), x.counts(), x.getInputs(), from, to, w, b, out,
                    a);
        } else {
            OPS.affineRange(x.dense(), from, to, x.getInputs(), w, b, out, a);
        }
    }

    /**
     * {@code dw = xᵀ · d}: {@code x} is {@code rows × in}, {@code d} is {@code rows × out}, {@code dw}
     * receives {@code in × out} (overwritten). Accumulates over rows in ascending order, from 0, one fused
     * multiply-add per non-zero input; zero inputs are skipped.
     */
    static void transposeTimes(double[] x, int rows, int in, double[] d, int out, double[] dw) {
        OPS.transposeTimes(x, rows, in, d, out, dw);
    }

    /**
     * {@link #affine} over the first {@code rows} rows of {@code x}: from its lists of non-zero inputs when it
     * {@linkplain InputRows#isSparse holds them} (as batches filled from a {@link dev.scratchnet.runtime.data.Dataset}
     * do), from its dense rows otherwise. Both give the same result bit for bit, since zero inputs are skipped either
     * way, and the lists spare the products a scan for the non-zeros.
     */
    static void affine(InputRows x, int rows, double[] w, double[] b, int out, double[] a) {
        if (x.isSparse()) {
            OPS.affineSparse(x.positions(), x.values(), x.starts(), x.counts(), x.getInputs(), rows, w, b, out, a);
        } else {
            OPS.affine(x.dense(), rows, x.getInputs(), w, b, out, a);
        }
    }

    /** {@link #transposeTimes} over the first {@code rows} rows of {@code x}, in whichever form it holds them. */
    static void transposeTimes(InputRows x, int rows, double[] d, int out, double[] dw) {
        if (x.isSparse()) {
            OPS.transposeTimesSparse(x.positions(), x.values(), x.starts(), x.counts(), x.getInputs(), rows, d, out, dw);
        } else {
            OPS.transposeTimes(x.dense(), rows, x.getInputs(), d, out, dw);
        }
    }

    /**
     * One step of gradient descent on the weights {@code w} ({@code x.getInputs() × out}) from the gradient
     * {@code g = xᵀ · d}, without storing {@code g}: each row of {@code g} is computed as {@link #transposeTimes}
     * would and applied at once, {@code w ← w − lr·(g + λ·w)} when {@code lambda > 0}, {@code w ← w − lr·g}
     * otherwise — the same operations as computing {@code g} first and updating after, so the same weights bit
     * for bit, with a fraction of the memory traffic. The inputs are read as lists of non-zeros (listed first if
     * the rows are held only densely).
     *
     * <p>{@code alongside} runs once on the calling thread while the second core starts on its share of the rows of
     * {@code w}, and the split between the two cores counts its time as the calling thread's, so that neither
     * waits for the other. For work that must be done anyway and is independent of this update, such as a
     * generated model's gradients and updates of its other layers: it must not write {@code x} or {@code d} nor
     * read or write {@code w}, and should not itself split work over the cores (it would run single-threaded).
     * What it throws is rethrown once the second core's share is done.
     */
    static void transposeTimesSgd(InputRows x, int rows, double[] d, int out, double[] w, double lr, double lambda,
            Runnable alongside) {
        OPS.transposeTimesSparseSgd(x.positions(), x.values(), x.starts(), x.counts(), x.getInputs(), rows, d, out, w,
                lr, lambda, alongside);
    }

    /**
     * {@code dx = d · wᵀ}: {@code d} is {@code rows × out}, {@code w} is {@code in × out}, {@code dx}
     * receives {@code rows × in} (overwritten). Each element accumulates from 0 over {@code out} in
     * ascending order.
     */
    static void timesTranspose(double[] d, int rows, int out, double[] w, int in, double[] dx) {
        OPS.timesTranspose(d, rows, out, w, in, dx);
    }

    /**
     * Rows {@code from ≤ r < to} of {@link #timesTranspose}, on the calling thread alone (see
     * {@link #affineRows(double[], int, int, int, double[], double[], int, double[])}).
     */
    static void timesTransposeRows(double[] d, int from, int to, int out, double[] w, int in, double[] dx) {
        OPS.timesTransposeRange(d, from, to, out, w, in, dx);
    }

    /** {@code db = Σ_rows d}: column sums of the {@code rows × out} matrix {@code d} into {@code db} (overwritten). */
    static void sumRows(double[] d, int rows, int out, double[] db) {
        OPS.sumRows(d, rows, out, db);
    }

    /** {@code z[i] = sigmoid(a[i])} for {@code from ≤ i < to}, by {@link ActivationMath}'s operations. */
    static void sigmoid(double[] a, double[] z, int from, int to) {
        OPS.sigmoid(a, z, from, to);
    }

    /** {@code z[i] = tanh(a[i])} for {@code from ≤ i < to}, by {@link ActivationMath}'s operations. */
    static void tanh(double[] a, double[] z, int from, int to) {
        OPS.tanh(a, z, from, to);
    }

    static KernelOps active() {
        return OPS;
    }

    private static KernelOps select() {
        if ("scalar".equals(System.getProperty("scratchnet.kernels"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new ScalarKernels();
        }
        try {
            // Named only by string: loading VectorKernels without the module would fail to link.
            Class<?> type = Class.forName(Kernels.class.getPackageName() + ".VectorKernels");
            Method supported = type.getDeclaredMethod("isSupported");
            if (!(Boolean) supported.invoke(null)) {
                return new ScalarKernels();
            }
            int bits = (Integer) type.getDeclaredMethod("bits").invoke(null);
            Constructor<?> constructor = type.getDeclaredConstructor(String.class);
            return (KernelOps) constructor.newInstance(vectorDescription(bits));
        } catch (ReflectiveOperationException | LinkageError e) {
            return new ScalarKernels();
        }
    }

    private static String vectorDescription(int bits) {
        String isa = "";
        try {
            com.sun.management.HotSpotDiagnosticMXBean vm =
                    ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            int avx = Integer.parseInt(vm.getVMOption("UseAVX").getValue());
            isa = avx >= 3 ? "AVX-512 " : avx == 2 ? "AVX2 " : avx == 1 ? "AVX " : "";
        } catch (RuntimeException | LinkageError e) {
            // Not HotSpot on x86: the width alone still describes the kernels.
        }
        return "vector (" + isa + bits + "-bit)";
    }
}
