package dev.scratchnet.runtime.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API ({@code jdk.incubator.vector}), eight doubles per 512-bit register with AVX-512 and
 * four per 256-bit one otherwise ({@link #species}), the width fixed for the life of the JVM. The only
 * class that names the incubator module: {@link Kernels} loads it reflectively, and only when the module is
 * in the boot layer.
 *
 * <p>Each output element goes through exactly the {@link Math#fma} sequence of {@link ScalarKernels}
 * (lanes are independent elements, never partial sums of one element), so results are bit-identical.
 * Speed comes from listing the non-zero inputs once (or taking the lists a sparse {@code Batch} holds) and then
 * accumulating up to thirteen vectors of outputs in registers while walking only that list: for {@code a = x·w + b} the list is
 * each row's non-zeros, for {@code dw = xᵀ·d} it is each input column's non-zeros (rows ascending, as the
 * scalar order requires); the SGD variant applies each chunk of {@code dw}'s rows to {@code w} while it is in
 * the L1 cache instead of storing it. Inputs that are at least a quarter non-zero (a hidden layer's output) are
 * not listed: the dense products multiply every input in, four rows (or inputs) by two vectors of outputs at a time,
 * where the values allow it with exactly the sums that skipping zeros gives (see {@link #rowsBlock}).
 * The last pass over a row ends at {@code out} with its last vector, which may cover some lanes twice; they are recomputed by
 * the same operations from the same inputs, so they are stored with the same values. Large products are split
 * over two cores with {@link SecondCore}: rows of {@code a} (claimed in chunks, see {@link Chunks}) and of
 * {@code dx}, inputs (rows of {@code dw}) of {@code dw}; each thread lists its own non-zeros, so the threads
 * share nothing but read-only inputs.
 *
 * <p>Loops are kept small, one vector loop per method with no branch inside it, and only one vector shape
 * is ever used in a JVM: C2 in JDK 17 keeps vector values in registers reliably only in such loops, and
 * falls back to allocating boxed vectors when the Vector API's shared methods have seen two shapes.
 */
final class VectorKernels extends ScalarKernels {
    /** The system property that narrows the kernels' vectors to 256 bits on AVX-512 hardware, for comparison. */
    static final String BITS_PROPERTY = "scratchnet.vectorBits";
    /** The vector shape of every kernel: the widest the hardware has, unless {@value #BITS_PROPERTY} asks for 256. */
    private static final VectorSpecies<Double> SPECIES = species(System.getProperty(BITS_PROPERTY));
    private static final int LANES = SPECIES.length();
    private static final int WIDE = 13 * LANES;
    private static final int PASS = 8 * LANES;
    /** Rows (or inputs) of a dense block ({@link #rowsBlock}, {@link #columnsBlock}). */
    private static final int BLOCK = 4;
    /** Inputs ({@code rows × in}) from which a kernel splits its work with a second core: a batch of 100 from 21 inputs up. */
    private static final int PARALLEL_INPUTS = 2_048;
    /**
     * Blocks of eight outputs by rows by inputs ({@code rows · in · ⌈out / 8⌉}) from which the dense {@code xᵀ·d}
     * is split over two cores: below it, handing half to the second core costs about what the half saves. The
     * book's {@code z1ᵀ·d2} (100 · 50 · 2 blocks) is not split.
     */
    private static final long PARALLEL_DENSE_BLOCKS = 65_536;
    /**
     * The smallest magnitude of a non-zero value the dense products take, 2⁻⁴⁸⁵ (about 10⁻¹⁴⁶): every double at
     * least this large is a multiple of 2⁻⁵³⁷, so the product of two is a multiple of the smallest double.
     */
    private static final double SMALLEST_DENSE = 0x1p-485;
    /**
     * Bytes of the rows of a matrix that one accumulation block keeps in a core's L2 cache, which is 512 KB or more
     * on current server cores: the book's W1 (784 × 50 doubles, 306 KB) is one block, so each list is walked in one
     * pass.
     */
    private static final int L2_BYTES = 384 * 1024;
    /** The least share of an {@link #inTwoHalves} range either thread takes. */
    private static final double LEAST_SHARE = 0.25;
    /** Rows of {@code w} whose gradient {@link #transposeTimesSparseSgd} computes before applying them. */
    private static final int SGD_CHUNK = 16;

    /** Kernels are static and may be called from many threads: each thread lists non-zeros in its own buffers. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private final String description;
    private final AffineHalf affineHalf = new AffineHalf();
    private final TransposeHalf transposeHalf = new TransposeHalf();
    private final TimesTransposeHalf timesTransposeHalf = new TimesTransposeHalf();
    private final AffineSparseHalf affineSparseHalf = new AffineSparseHalf();
    private final ColumnsHalf columnsHalf = new ColumnsHalf();
    private final RangeHalf rangeHalf = new RangeHalf();
    /** The fraction of an {@link #inTwoHalves} range the calling thread takes (see {@link #balancedShare}). */
    private volatile double rowShare = 0.5;
    /** Where {@link #splitColumns} splits {@code splitInputs} inputs between the threads. */
    private int split;
    private int splitInputs = -1;
    private volatile SecondCore second;

    VectorKernels(String description) {
        this.description = description;
    }

    /** Whether this JVM compiles 256-bit or wider double vectors to hardware instructions rather than emulating them. */
    static boolean isSupported() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    /** The bits of the vectors the kernels use: 256 or 512. */
    static int bits() {
        return SPECIES.vectorBitSize();
    }

    /**
     * The hardware's preferred shape ({@link DoubleVector#SPECIES_PREFERRED}: 512 bits with AVX-512, 256 with AVX2),
     * or 256 bits when {@code requested} is {@code "256"}; never wider than 512 bits.
     */
    static VectorSpecies<Double> species(String requested) {
        VectorSpecies<Double> preferred = DoubleVector.SPECIES_PREFERRED;
        if ("256".equals(requested) || preferred.vectorBitSize() < 512) {
            return DoubleVector.SPECIES_256;
        }
        return DoubleVector.SPECIES_512;
    }

    @Override
    public void affine(double[] x, int rows, int in, double[] w, double[] b, int out, double[] a) {
        if (out < LANES) {
            super.affine(x, rows, in, w, b, out, a);
            return;
        }
        boolean dense = denseAffine(x, 0, rows, in, w, b, out);
        SecondCore core = splitCore(rows, rows, in);
        if (core == null || !core.tryAcquire()) {
            affineRows(x, 0, rows, in, w, b, out, a, dense);
            return;
        }
        // Rows are independent: both threads take rows in chunks (see Chunks), each listing non-zeros in its own
        // buffers. Which thread computes a row does not change the row.
        affineHalf.set(x, rows, in, w, b, out, a, dense);
        core.offer(affineHalf);
        try {
            affineHalf.run();
        } finally {
            core.finish();
        }
    }

    @Override
    public void affineRange(double[] x, int from, int to, int in, double[] w, double[] b, int out, double[] a) {
        if (out < LANES) {
            super.affineRange(x, from, to, in, w, b, out, a);
        } else {
            affineRows(x, from, to, in, w, b, out, a, denseAffine(x, from, to, in, w, b, out));
        }
    }

    @Override
    public void transposeTimes(double[] x, int rows, int in, double[] d, int out, double[] dw) {
        if (out < LANES) {
            super.transposeTimes(x, rows, in, d, out, dw);
            return;
        }
        boolean dense = denseTranspose(x, rows, in, d, out);
        SecondCore core = dense ? denseSplitCore(rows, in, out) : splitCore(in, rows, in);
        if (core == null || !core.tryAcquire()) {
            transposeColumns(x, rows, in, 0, in, d, out, dw, dense);
            return;
        }
        // Rows of dw (inputs) are independent: the helper takes the second half of the inputs, at least one dense
        // block of them (a multiple of a block for the dense product).
        int half = dense ? in / 2 / BLOCK * BLOCK : in / 2;
        transposeHalf.set(x, rows, in, half, in, d, out, dw, dense);
        core.offer(transposeHalf);
        try {
            transposeColumns(x, rows, in, 0, half, d, out, dw, dense);
        } finally {
            core.finish();
        }
    }

    /** Rows {@code from ≤ i < to} of {@code dw = xᵀ·d}, by {@link #denseColumns} or by {@link #columns}. */
    private static void transposeColumns(double[] x, int rows, int in, int from, int to, double[] d, int out,
            double[] dw, boolean dense) {
        if (dense) {
            denseColumns(x, rows, in, from, to, d, out, dw);
        } else {
            columns(x, rows, in, from, to, d, out, dw);
        }
    }

    @Override
    public void affineSparse(int[] positions, double[] values, int[] starts, int[] counts, int in, int rows, double[] w,
            double[] b, int out, double[] a) {
        if (out < LANES) {
            super.affineSparse(positions, values, starts, counts, in, rows, w, b, out, a);
            return;
        }
        SecondCore core = splitCore(rows, rows, in);
        if (core == null || !core.tryAcquire()) {
            affineSparseRows(positions, values, starts, counts, 0, rows, in, w, b, out, a);
            return;
        }
        affineSparseHalf.set(positions, values, starts, counts, rows, in, w, b, out, a);
        core.offer(affineSparseHalf);
        try {
            affineSparseHalf.run();
        } finally {
            core.finish();
        }
    }

    @Override
    public void affineSparseRange(int[] positions, double[] values, int[] starts, int[] counts, int in, int from,
            int to, double[] w, double[] b, int out, double[] a) {
        if (out < LANES) {
            super.affineSparseRange(positions, values, starts, counts, in, from, to, w, b, out, a);
        } else {
            affineSparseRows(positions, values, starts, counts, from, to, in, w, b, out, a);
        }
    }

    @Override
    public void transposeTimesSparse(int[] positions, double[] values, int[] starts, int[] counts, int in, int rows,
            double[] d, int out, double[] dw) {
        if (out < LANES) {
            super.transposeTimesSparse(positions, values, starts, counts, in, rows, d, out, dw);
            return;
        }
        splitColumns(positions, values, starts, counts, in, rows, d, out, dw, false, 0.0, 0.0, null);
    }

    @Override
    public void transposeTimesSparseSgd(int[] positions, double[] values, int[] starts, int[] counts, int in,
            int rows, double[] d, int out, double[] w, double lr, double lambda, Runnable alongside) {
        if (out < LANES) {
            super.transposeTimesSparseSgd(positions, values, starts, counts, in, rows, d, out, w, lr, lambda,
                    alongside);
            return;
        }
        splitColumns(positions, values, starts, counts, in, rows, d, out, w, true, lr, lambda, alongside);
    }

    /**
     * {@code xᵀ·d} from lists of non-zeros into {@code target} ({@code sgd} false: {@code dw}) or applied to it
     * as a step of gradient descent ({@code sgd} true: {@code w}). Rows of the result (inputs) are independent:
     * the helper takes the inputs from a split point on, which each call moves toward equal times for the two
     * threads: MNIST's upper half has fewer entries than its lower half, and on a shared machine either core may run
     * slower than the other for a while. {@code alongside} (if not null) runs on the calling
     * thread before its share and counts as part of its time, so the split gives that thread fewer inputs.
     * Which thread computes a row does not change the row, so the split point never changes a result.
     */
    private void splitColumns(int[] positions, double[] values, int[] starts, int[] counts, int in, int rows,
            double[] d, int out, double[] target, boolean sgd, double lr, double lambda, Runnable alongside) {
        SecondCore core = splitCore(in, rows, in);
        if (core == null || !core.tryAcquire()) {
            if (alongside != null) {
                alongside.run();
            }
            sparseColumns(positions, values, starts, counts, in, rows, 0, in, d, out, target, sgd, lr, lambda);
            return;
        }
        // The split point is read and written only by the thread holding the helper.
        if (splitInputs != in) {
            splitInputs = in;
            split = in / 2;
        }
        int half = split;
        columnsHalf.set(positions, values, starts, counts, in, rows, half, in, d, out, target, sgd, lr, lambda);
        core.offer(columnsHalf);
        int mine;
        long started = System.nanoTime();
        long nanos;
        try {
            if (alongside != null) {
                alongside.run();
            }
            mine = sparseColumns(positions, values, starts, counts, in, rows, 0, half, d, out, target, sgd, lr, lambda);
            nanos = System.nanoTime() - started;
        } finally {
            core.finish();
        }
        split = balancedSplit(in, half, mine, columnsHalf.entries, nanos, columnsHalf.nanos);
    }

    /**
     * The split point halfway to the one at which both threads would have taken equal times: inputs
     * {@code [0, half)} had {@code below} entries and took {@code belowNanos}, {@code [half, in)} had
     * {@code above} and took {@code aboveNanos}. Each thread is assumed to keep its speed in entries per
     * nanosecond (equal speeds when a time is unknown: 0) and entries to spread evenly over the inputs near the
     * split. Between 1 and {@code in − 1}.
     */
    static int balancedSplit(int in, int half, int below, int above, long belowNanos, long aboveNanos) {
        int total = below + above;
        if (total == 0) {
            return half;
        }
        double share = equalTimeShare(below, above, belowNanos, aboveNanos, 0.5);
        double perInput = (double) total / in;
        long move = Math.round((share * total - below) / (2 * perInput));
        return (int) Math.max(1, Math.min(in - 1, half + move));
    }

    /**
     * Splits {@code [0, n)} where both threads should take equal times: the calling thread takes the first
     * {@link #rowShare} of it.
     */
    @Override
    public void inTwoHalves(int n, Kernels.Range task) {
        SecondCore core = n >= 2 ? secondCore() : null;
        if (core == null || !core.tryAcquire()) {
            task.run(0, n);
            return;
        }
        double share = rowShare;
        int half = (int) Math.max(1, Math.min(n - 1, Math.round(share * n)));
        rangeHalf.set(task, half, n);
        core.offer(rangeHalf);
        long nanos;
        long started = System.nanoTime();
        try {
            task.run(0, half);
            nanos = System.nanoTime() - started;
        } finally {
            core.finish();
        }
        rowShare = balancedShare(share, half, n - half, nanos, rangeHalf.nanos);
    }

    /**
     * The share of an {@link #inTwoHalves} range for the calling thread halfway to the one at which both threads
     * would have taken equal times: it took {@code mineNanos} for {@code mine} pieces, the helper
     * {@code theirNanos} for {@code theirs}. Each thread is assumed to keep its speed in pieces per nanosecond;
     * between {@value #LEAST_SHARE} and {@code 1 − }{@value #LEAST_SHARE}, so that one slow call (a thread
     * descheduled) cannot hand nearly all of the next to one thread.
     */
    static double balancedShare(double share, int mine, int theirs, long mineNanos, long theirNanos) {
        double equal = equalTimeShare(mine, theirs, mineNanos, theirNanos, share);
        return Math.max(LEAST_SHARE, Math.min(1 - LEAST_SHARE, (share + equal) / 2));
    }

    /**
     * The share of the work at which the first thread, which did {@code mine} pieces in {@code mineNanos}, and the
     * second, which did {@code theirs} in {@code theirNanos}, would take equal times if each kept its speed;
     * {@code unknown} when a count or a time is 0.
     */
    private static double equalTimeShare(int mine, int theirs, long mineNanos, long theirNanos, double unknown) {
        if (mine <= 0 || theirs <= 0 || mineNanos <= 0 || theirNanos <= 0) {
            return unknown;
        }
        double mineSpeed = mine / (double) mineNanos;
        double theirSpeed = theirs / (double) theirNanos;
        return mineSpeed / (mineSpeed + theirSpeed);
    }

    @Override
    public void timesTranspose(double[] d, int rows, int out, double[] w, int in, double[] dx) {
        SecondCore core = splitCore(rows, rows, in);
        if (core == null || !core.tryAcquire()) {
            transposedRows(d, 0, rows, out, w, in, dx);
            return;
        }
        int half = rows / 2;
        timesTransposeHalf.set(d, half, rows, out, w, in, dx);
        core.offer(timesTransposeHalf);
        try {
            transposedRows(d, 0, half, out, w, in, dx);
        } finally {
            core.finish();
        }
    }

    @Override
    public void timesTransposeRange(double[] d, int from, int to, int out, double[] w, int in, double[] dx) {
        transposedRows(d, from, to, out, w, in, dx);
    }

    /**
     * Rows {@code from ≤ r < to} of {@code dx = d · wᵀ}: element {@code (r, i)} is {@code Σ_j d[r][j]·w[i][j]},
     * accumulated from 0 over every {@code j} in ascending order as {@link ScalarKernels} does, here for a vector of
     * {@code i} at a time by {@link #passes} over a copy of {@code wᵀ} (made once per call; the book's W2ᵀ is 500
     * values). Each row of {@code d}, copied into a buffer, is a list of {@code out} entries, zeros included, whose
     * positions {@code 0 … out − 1} index the rows of {@code wᵀ}.
     */
    private static void transposedRows(double[] d, int from, int to, int out, double[] w, int in, double[] dx) {
        if (in < LANES) {
            timesTransposeRows(d, from, to, out, w, in, dx);
            return;
        }
        Workspace ws = WORKSPACE.get();
        double[] wt = ws.transposed(w, in, out);
        int[] positions = ws.ascending(out);
        double[] row = ws.row(out);
        Arrays.fill(dx, from * in, to * in, 0.0);
        for (int r = from; r < to; r++) {
            System.arraycopy(d, r * out, row, 0, out);
            passes(positions, row, 0, out, wt, in, dx, r * in);
        }
    }

    /**
     * Whether the dense products ({@link #denseColumns}, {@link #denseRows}) should take {@code x[from … from + n)}
     * as their inputs: at least a quarter of them are non-zero, so that a multiply-add for every input is faster
     * than listing the non-zeros (and, for {@code xᵀ·d}, sorting them into columns: about ten times the cost per
     * non-zero) — a ReLU layer's output is about half zeros, a sigmoid layer's has none — and each is finite and
     * zero or at least {@link #SMALLEST_DENSE} in magnitude (see {@link #scaledSums}).
     */
    private static boolean denseInputs(double[] x, int from, int n) {
        double[] sums = WORKSPACE.get().sums;
        scaledSums(x, from, n, sums);
        return sums[1] == 0 && sums[0] >= (n + 3) / 4;
    }

    /**
     * Whether the dense products may multiply zero inputs by {@code m[0 … n)} (the weights of {@link #denseRows},
     * the {@code d} of {@link #denseColumns}) rather than skip them, with exactly the sums skipping gives: every
     * value is finite ({@code 0 · ∞} is NaN) and zero or at least {@link #SMALLEST_DENSE} in magnitude.
     */
    private static boolean denseFactors(double[] m, int n) {
        double[] sums = WORKSPACE.get().sums;
        scaledSums(m, 0, n, sums);
        return sums[1] == 0;
    }

    /**
     * With {@code t = min(|v| / SMALLEST_DENSE, 1)} for each {@code v} of {@code x[from … from + n)} (exact: a
     * power of two) — 0 for a zero, 1 from {@link #SMALLEST_DENSE} up, strictly between for a smaller non-zero —
     * {@code sums[0] = Σ t}, the number of non-zeros when none is smaller, and {@code sums[1] = Σ t·(1 − t) + 0·v},
     * which is 0 exactly when every value is finite and none is smaller: a term is NaN for an infinity or a NaN,
     * otherwise 0 or positive and no smaller than 2⁻⁶⁴². Two vectors at a time into two pairs of sums, so that
     * the additions overlap.
     */
    private static void scaledSums(double[] x, int from, int n, double[] sums) {
        DoubleVector scale = DoubleVector.broadcast(SPECIES, 1 / SMALLEST_DENSE);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector count0 = zero;
        DoubleVector count1 = zero;
        DoubleVector small0 = zero;
        DoubleVector small1 = zero;
        int i = 0;
        for (; i + 2 * LANES <= n; i += 2 * LANES) {
            DoubleVector v0 = DoubleVector.fromArray(SPECIES, x, from + i);
            DoubleVector v1 = DoubleVector.fromArray(SPECIES, x, from + i + LANES);
            DoubleVector t0 = v0.abs().mul(scale).min(one);
            DoubleVector t1 = v1.abs().mul(scale).min(one);
            count0 = count0.add(t0);
            count1 = count1.add(t1);
            small0 = small0.add(t0.neg().fma(t0, t0).add(v0.mul(zero)));
            small1 = small1.add(t1.neg().fma(t1, t1).add(v1.mul(zero)));
        }
        double count = count0.add(count1).reduceLanes(VectorOperators.ADD);
        double small = small0.add(small1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double v = x[from + i];
            double t = Math.min(Math.abs(v) / SMALLEST_DENSE, 1.0);
            count += t;
            small += Math.fma(-t, t, t) + v * 0.0;
        }
        sums[0] = count;
        sums[1] = small;
    }

    /**
     * Rows {@code from ≤ i < to} of {@code dw = xᵀ·d} (at least four) without listing the non-zeros of
     * {@code x}: blocks of four inputs by two vectors of outputs ({@link #columnsBlock}), each a multiply-add per row in row
     * order, from +0. The last block of inputs and of outputs is moved back to end at {@code to} and {@code out},
     * so some values are computed twice, by the same operations, and stored the same.
     */
    private static void denseColumns(double[] x, int rows, int in, int from, int to, double[] d, int out,
            double[] dw) {
        int lastInput = to - BLOCK;
        int lastOutput = Math.max(out - 2 * LANES, 0);
        for (int i = from; ; i += BLOCK) {
            int i0 = Math.min(i, lastInput);
            for (int j = 0; ; j += 2 * LANES) {
                int j0 = Math.min(j, lastOutput);
                columnsBlock(x, rows, in, i0, d, out, j0, Math.min(j0 + LANES, out - LANES), dw);
                if (j0 == lastOutput) {
                    break;
                }
            }
            if (i0 == lastInput) {
                return;
            }
        }
    }

    /**
     * Rows {@code i0 … i0 + 3} of {@code dw = xᵀ·d}, the vectors of outputs at {@code j0} and {@code j1}: eight
     * accumulators from +0, each input's value broadcast once per row and each row of {@code d} loaded once. See
     * {@link #rowsBlock} for why multiplying zero inputs in gives exactly the sums that skipping them does.
     */
    private static void columnsBlock(double[] x, int rows, int in, int i0, double[] d, int out, int j0, int j1,
            double[] dw) {
        DoubleVector a0 = DoubleVector.zero(SPECIES);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector a4 = a0;
        DoubleVector a5 = a0;
        DoubleVector a6 = a0;
        DoubleVector a7 = a0;
        for (int r = 0; r < rows; r++) {
            int xr = r * in + i0;
            int dr = r * out;
            DoubleVector d0 = DoubleVector.fromArray(SPECIES, d, dr + j0);
            DoubleVector d1 = DoubleVector.fromArray(SPECIES, d, dr + j1);
            DoubleVector v = DoubleVector.broadcast(SPECIES, x[xr]);
            a0 = v.fma(d0, a0);
            a1 = v.fma(d1, a1);
            v = DoubleVector.broadcast(SPECIES, x[xr + 1]);
            a2 = v.fma(d0, a2);
            a3 = v.fma(d1, a3);
            v = DoubleVector.broadcast(SPECIES, x[xr + 2]);
            a4 = v.fma(d0, a4);
            a5 = v.fma(d1, a5);
            v = DoubleVector.broadcast(SPECIES, x[xr + 3]);
            a6 = v.fma(d0, a6);
            a7 = v.fma(d1, a7);
        }
        int o = i0 * out;
        a0.intoArray(dw, o + j0);
        a1.intoArray(dw, o + j1);
        a2.intoArray(dw, o + out + j0);
        a3.intoArray(dw, o + out + j1);
        a4.intoArray(dw, o + 2 * out + j0);
        a5.intoArray(dw, o + 2 * out + j1);
        a6.intoArray(dw, o + 3 * out + j0);
        a7.intoArray(dw, o + 3 * out + j1);
    }

    /**
     * Rows {@code from ≤ r < to} of {@code a = x·w + b} (at least four) without listing the non-zeros of {@code x}:
     * blocks of four rows by two vectors of outputs ({@link #rowsBlock}), each from the bias, a multiply-add per input in
     * input order; the last block of rows and of outputs is moved back as in {@link #denseColumns}.
     */
    private static void denseRows(double[] x, int from, int to, int in, double[] w, double[] b, int out, double[] a) {
        int lastRow = to - BLOCK;
        int lastOutput = Math.max(out - 2 * LANES, 0);
        for (int r = from; ; r += BLOCK) {
            int r0 = Math.min(r, lastRow);
            for (int j = 0; ; j += 2 * LANES) {
                int j0 = Math.min(j, lastOutput);
                rowsBlock(x, r0 * in, in, w, b, out, j0, Math.min(j0 + LANES, out - LANES), a, r0 * out);
                if (j0 == lastOutput) {
                    break;
                }
            }
            if (r0 == lastRow) {
                return;
            }
        }
    }

    /**
     * Four rows of {@code a = x·w + b}, the rows of {@code x} from {@code xAt} and of {@code a} from {@code aAt},
     * the vectors of outputs at {@code j0} and {@code j1}: eight accumulators from the bias, each input's value
     * broadcast once and each row of {@code w} loaded once per input. Zero inputs are multiplied in, which gives
     * exactly what skipping them does when {@link #denseFactors} holds for the weights (or {@code d}),
     * {@link #denseInputs} for {@code x} and the bias holds no −0: every product is then a multiple of the smallest
     * double (2⁻¹⁰⁷⁴), so no sum is rounded to a zero, a sum is −0 only if it started at −0, and adding a zero
     * leaves any other sum exactly as it was.
     */
    private static void rowsBlock(double[] x, int xAt, int in, double[] w, double[] b, int out, int j0, int j1,
            double[] a, int aAt) {
        DoubleVector a0 = DoubleVector.fromArray(SPECIES, b, j0);
        DoubleVector a1 = DoubleVector.fromArray(SPECIES, b, j1);
        DoubleVector a2 = a0;
        DoubleVector a3 = a1;
        DoubleVector a4 = a0;
        DoubleVector a5 = a1;
        DoubleVector a6 = a0;
        DoubleVector a7 = a1;
        for (int i = 0; i < in; i++) {
            int xi = xAt + i;
            int wi = i * out;
            DoubleVector w0 = DoubleVector.fromArray(SPECIES, w, wi + j0);
            DoubleVector w1 = DoubleVector.fromArray(SPECIES, w, wi + j1);
            DoubleVector v = DoubleVector.broadcast(SPECIES, x[xi]);
            a0 = v.fma(w0, a0);
            a1 = v.fma(w1, a1);
            v = DoubleVector.broadcast(SPECIES, x[xi + in]);
            a2 = v.fma(w0, a2);
            a3 = v.fma(w1, a3);
            v = DoubleVector.broadcast(SPECIES, x[xi + 2 * in]);
            a4 = v.fma(w0, a4);
            a5 = v.fma(w1, a5);
            v = DoubleVector.broadcast(SPECIES, x[xi + 3 * in]);
            a6 = v.fma(w0, a6);
            a7 = v.fma(w1, a7);
        }
        a0.intoArray(a, aAt + j0);
        a1.intoArray(a, aAt + j1);
        a2.intoArray(a, aAt + out + j0);
        a3.intoArray(a, aAt + out + j1);
        a4.intoArray(a, aAt + 2 * out + j0);
        a5.intoArray(a, aAt + 2 * out + j1);
        a6.intoArray(a, aAt + 3 * out + j0);
        a7.intoArray(a, aAt + 3 * out + j1);
    }

    /** Whether {@code b} holds a −0, from which a dense sum would not stay −0 when a zero input is multiplied in. */
    private static boolean holdsNegativeZero(double[] b, int n) {
        for (int j = 0; j < n; j++) {
            if (Double.doubleToRawLongBits(b[j]) == Long.MIN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rows {@code from ≤ r < to} of {@code a = x·w + b}: by {@link #denseRows} when {@code dense} (see
     * {@link #denseAffine}) and there are at least four, else by {@link #listedRows}; both give the same values.
     */
    private static void affineRows(double[] x, int from, int to, int in, double[] w, double[] b, int out, double[] a,
            boolean dense) {
        if (dense && to - from >= BLOCK) {
            denseRows(x, from, to, in, w, b, out, a);
        } else {
            listedRows(x, from, to, in, w, b, out, a);
        }
    }

    /** Whether {@link #denseColumns} should compute {@code dw = xᵀ·d}. */
    private static boolean denseTranspose(double[] x, int rows, int in, double[] d, int out) {
        return in >= BLOCK && denseInputs(x, 0, rows * in) && denseFactors(d, rows * out);
    }

    /** Whether {@link #denseRows} should compute rows {@code from ≤ r < to} of {@code a = x·w + b}. */
    private static boolean denseAffine(double[] x, int from, int to, int in, double[] w, double[] b, int out) {
        return to - from >= BLOCK && denseInputs(x, from * in, (to - from) * in) && denseFactors(w, in * out)
                && !holdsNegativeZero(b, out);
    }

    /** Rows {@code from ≤ r < to} of {@code a = x·w + b}: each row's non-zeros listed, then multiplied in. */
    private static void listedRows(double[] x, int from, int to, int in, double[] w, double[] b, int out, double[] a) {
        Workspace ws = WORKSPACE.get().fit(to - from, in);
        int[] start = ws.rowStart;
        start[0] = 0;
        for (int r = from; r < to; r++) {
            int list = r - from;
            start[list + 1] = nonZeros(x, r * in, in, ws.positions, ws.values, start[list]);
            System.arraycopy(b, 0, a, r * out, out);
        }
        System.arraycopy(start, 1, ws.rowEnd, 0, to - from);
        accumulate(ws.positions, ws.values, start, ws.rowEnd, ws.cursor, 0, to - from, in, w, out, a, from * out);
    }

    /**
     * Rows {@code from ≤ i < to} of {@code dw = xᵀ·d}: the non-zeros of those inputs are listed row by row,
     * then sorted into one list per input ({@link #sortRuns}), whose rows come out ascending as the scalar order
     * requires.
     */
    private static void columns(double[] x, int rows, int in, int from, int to, double[] d, int out, double[] dw) {
        int width = to - from;
        Workspace ws = WORKSPACE.get().fit(rows, width);
        int[] first = ws.rowStart;
        int[] last = ws.rowEnd;
        int listed = 0;
        for (int r = 0; r < rows; r++) {
            first[r] = listed;
            listed = nonZeros(x, r * in + from, width, ws.positions, ws.values, listed);
            last[r] = listed;
        }
        sortRuns(ws.positions, ws.values, rows, 0, width, ws);
        gradientColumns(ws, rows, from, to, d, out, dw);
    }

    /** Rows {@code from ≤ r < to} of {@link #affineSparse}: the lists are given, so only the products remain. */
    private static void affineSparseRows(int[] positions, double[] values, int[] starts, int[] counts, int from,
            int to, int in, double[] w, double[] b, int out, double[] a) {
        Workspace ws = WORKSPACE.get().fit(to, 1);
        for (int r = from; r < to; r++) {
            ws.rowStart[r] = starts[r];
            ws.rowEnd[r] = starts[r] + counts[r];
            System.arraycopy(b, 0, a, r * out, out);
        }
        accumulate(positions, values, ws.rowStart, ws.rowEnd, ws.cursor, from, to, in, w, out, a, 0);
    }

    /** Inputs {@code from ≤ i < to} of {@link #splitColumns}; returns the number of entries they had. */
    private static int sparseColumns(int[] positions, double[] values, int[] starts, int[] counts, int in, int rows,
            int from, int to, double[] d, int out, double[] target, boolean sgd, double lr, double lambda) {
        Workspace ws = WORKSPACE.get().fit(rows, to - from);
        int entries = sortColumns(ws, positions, values, starts, counts, in, rows, from, to);
        if (sgd) {
            sgdColumns(ws, rows, from, to, d, out, target, lr, lambda);
        } else {
            gradientColumns(ws, rows, from, to, d, out, target);
        }
        return entries;
    }

    /**
     * Rows {@code from ≤ i < to} of {@code dw = xᵀ·d}, from the entries of those inputs sorted into one list per
     * input ({@link #sortRuns}).
     */
    private static void gradientColumns(Workspace ws, int rows, int from, int to, double[] d, int out, double[] dw) {
        int width = to - from;
        Arrays.fill(dw, from * out, to * out, 0.0);
        accumulate(ws.columnRows, ws.columnValues, ws.columnStart, ws.columnEnd, ws.cursor, 0, width, rows, d, out, dw,
                from * out);
    }

    /**
     * Rows {@code from ≤ i < to} of {@link #transposeTimesSparseSgd}: the gradient is computed
     * {@value #SGD_CHUNK} rows at a time into a small buffer that stays in the L1 cache, and each chunk updates
     * its rows of {@code w} at once. Rows of {@code w} whose input is 0 throughout the batch have a zero gradient;
     * without weight decay their update {@code w − lr·0} leaves them as they are, so they are skipped.
     */
    private static void sgdColumns(Workspace ws, int rows, int from, int to, double[] d, int out, double[] w,
            double lr, double lambda) {
        int width = to - from;
        double[] g = ws.gradient(SGD_CHUNK * out);
        int[] start = ws.columnStart;
        int[] end = ws.columnEnd;
        for (int i0 = 0; i0 < width; i0 += SGD_CHUNK) {
            int i1 = Math.min(i0 + SGD_CHUNK, width);
            Arrays.fill(g, 0, (i1 - i0) * out, 0.0);
            accumulate(ws.columnRows, ws.columnValues, start, end, ws.cursor, i0, i1, rows, d, out, g, -i0 * out);
            for (int i = i0; i < i1; i++) {
                if (lambda > 0 || start[i] != end[i]) {
                    sgdRow(w, (from + i) * out, g, (i - i0) * out, out, lr, lambda);
                }
            }
        }
    }

    /**
     * {@code w[wAt + k] −= lr·(g[gAt + k] + λ·w[wAt + k])} ({@code w[wAt + k] −= lr·g[gAt + k]} when {@code lambda}
     * is 0) for {@code k < n}, a vector at a time: the same operations per element as the scalar {@code sgd}, so the
     * same values. When {@code n} is not a multiple of the vector's length, the last vector is updated from the
     * weights as they were before any store and stored last, so the lanes it shares with the vector before are
     * stored twice with the same value.
     */
    private static void sgdRow(double[] w, int wAt, double[] g, int gAt, int n, double lr, double lambda) {
        if (n < LANES) {
            sgd(w, wAt, g, gAt, n, lr, lambda);
            return;
        }
        int tail = n - LANES;
        DoubleVector lastW = DoubleVector.fromArray(SPECIES, w, wAt + tail);
        DoubleVector lastG = DoubleVector.fromArray(SPECIES, g, gAt + tail);
        DoubleVector last;
        if (lambda > 0) {
            last = lastW.sub(lastG.add(lastW.mul(lambda)).mul(lr));
            for (int k = 0; k < tail; k += LANES) {
                DoubleVector wk = DoubleVector.fromArray(SPECIES, w, wAt + k);
                DoubleVector gk = DoubleVector.fromArray(SPECIES, g, gAt + k);
                wk.sub(gk.add(wk.mul(lambda)).mul(lr)).intoArray(w, wAt + k);
            }
        } else {
            last = lastW.sub(lastG.mul(lr));
            for (int k = 0; k < tail; k += LANES) {
                DoubleVector wk = DoubleVector.fromArray(SPECIES, w, wAt + k);
                DoubleVector gk = DoubleVector.fromArray(SPECIES, g, gAt + k);
                wk.sub(gk.mul(lr)).intoArray(w, wAt + k);
            }
        }
        last.intoArray(w, wAt + tail);
    }

    /**
     * Sorts the entries of inputs {@code from ≤ i < to} into one list per input in {@code ws} (fitted to
     * {@code rows × (to − from)}), rows ascending as the scalar order requires, and returns how many there are:
     * list {@code i − from} is {@code columnRows}/{@code columnValues} over
     * {@code [columnStart[i − from], columnEnd[i − from])}.
     */
    private static int sortColumns(Workspace ws, int[] positions, double[] values, int[] starts, int[] counts,
            int in, int rows, int from, int to) {
        int[] first = ws.rowStart;
        int[] last = ws.rowEnd;
        for (int r = 0; r < rows; r++) {
            // A row's positions ascend: its entries in [from, to) are one run, found by binary search.
            int lo = starts[r];
            int hi = lo + counts[r];
            int k0 = from == 0 ? lo : firstAtLeast(positions, lo, hi, from);
            int k1 = to == in ? hi : firstAtLeast(positions, k0, hi, to);
            first[r] = k0;
            last[r] = k1;
        }
        return sortRuns(positions, values, rows, from, to - from, ws);
    }

    /**
     * Sorts the runs of entries {@code rowStart[r] ≤ k < rowEnd[r]} of each row of {@code ws} by
     * {@code positions[k] − shift} into one list per input, rows ascending, and returns how many there are: list
     * {@code i} is {@code columnRows}/{@code columnValues} over {@code [columnStart[i], columnEnd[i])}. An input
     * has at most one entry per row, so list {@code i} gets a bucket of {@code rows} places from
     * {@code i · rows}, and each entry is written straight to the end of its list: no counting pass and no
     * second copy, half the time of a counting sort.
     */
    private static int sortRuns(int[] positions, double[] values, int rows, int shift, int width, Workspace ws) {
        int[] first = ws.rowStart;
        int[] last = ws.rowEnd;
        int[] start = ws.columnStart;
        int[] end = ws.columnEnd;
        for (int i = 0; i < width; i++) {
            start[i] = i * rows;
            end[i] = i * rows;
        }
        int[] columnRows = ws.columnRows;
        double[] columnValues = ws.columnValues;
        int entries = 0;
        for (int r = 0; r < rows; r++) {
            int k0 = first[r];
            int k1 = last[r];
            for (int k = k0; k < k1; k++) {
                int at = end[positions[k] - shift]++;
                columnRows[at] = r;
                columnValues[at] = values[k];
            }
            entries += k1 - k0;
        }
        return entries;
    }

    /**
     * The first index {@code k} in {@code [lo, hi)} with {@code positions[k] ≥ key} ({@code hi} if none), for
     * positions that ascend strictly, as a row's do.
     */
    private static int firstAtLeast(int[] positions, int lo, int hi, int key) {
        int found = Arrays.binarySearch(positions, lo, hi, key);
        return found >= 0 ? found : -found - 1;
    }

    /**
     * The helper core for a product of {@code rows × in} inputs split into {@code parts} independent parts (rows
     * or inputs), or null when it is too small to be worth splitting.
     */
    private SecondCore splitCore(int parts, int rows, int in) {
        return parts >= 2 && (long) rows * in >= PARALLEL_INPUTS ? secondCore() : null;
    }

    /**
     * The helper core for {@link #denseColumns} over {@code in} inputs (split into two parts of at least four), or
     * null when the product is too small to be worth splitting.
     */
    private SecondCore denseSplitCore(int rows, int in, int out) {
        return in >= 2 * BLOCK && (long) rows * in * ((out + 7) / 8) >= PARALLEL_DENSE_BLOCKS ? secondCore() : null;
    }

    private SecondCore secondCore() {
        SecondCore core = second;
        if (core == null && Runtime.getRuntime().availableProcessors() >= 2) {
            synchronized (this) {
                core = second;
                if (core == null) {
                    core = new SecondCore();
                    second = core;
                }
            }
        }
        return core;
    }

    @Override
    public void sigmoid(double[] a, double[] z, int from, int to) {
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, a, i);
            one.div(one.add(exp(v.neg(), false))).intoArray(z, i);
        }
        super.sigmoid(a, z, i, to);
    }

    @Override
    public void tanh(double[] a, double[] z, int from, int to) {
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, a, i);
            DoubleVector t = exp(v.abs().mul(-2.0), true);
            DoubleVector magnitude = t.neg().div(t.add(2.0));
            magnitude.reinterpretAsLongs().and(~Long.MIN_VALUE).or(v.reinterpretAsLongs().and(Long.MIN_VALUE))
                    .reinterpretAsDoubles().intoArray(z, i);
        }
        super.tanh(a, z, i, to);
    }

    /**
     * {@link ActivationMath}'s {@code exp} (or, with {@code minusOne}, {@code expm1}) of each lane, by exactly its
     * operations, so each lane has the bits the scalar function gives.
     */
    private static DoubleVector exp(DoubleVector x, boolean minusOne) {
        DoubleVector clamped = x.max(ActivationMath.MIN).min(ActivationMath.MAX);
        DoubleVector shifted = clamped.fma(DoubleVector.broadcast(SPECIES, ActivationMath.LOG2E),
                DoubleVector.broadcast(SPECIES, ActivationMath.ROUND));
        DoubleVector n = shifted.sub(ActivationMath.ROUND);
        DoubleVector r = n.neg().fma(DoubleVector.broadcast(SPECIES, ActivationMath.LN2_HI), clamped);
        r = n.neg().fma(DoubleVector.broadcast(SPECIES, ActivationMath.LN2_LO), r);
        double[] c = ActivationMath.C;
        DoubleVector q = DoubleVector.broadcast(SPECIES, c[11]);
        for (int k = 10; k >= 0; k--) {
            q = r.fma(q, DoubleVector.broadcast(SPECIES, c[k]));
        }
        DoubleVector p = r.mul(r.fma(q, DoubleVector.broadcast(SPECIES, 1.0)));
        DoubleVector scale = shifted.reinterpretAsLongs().sub(ActivationMath.ROUND_BITS).add(1023)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector result = scale.fma(p, minusOne ? scale.sub(1.0) : scale);
        return result.blend(minusOne ? -1.0 : 0.0, x.compare(VectorOperators.LT, ActivationMath.MIN))
                .blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, ActivationMath.MAX))
                .blend(x, x.compare(VectorOperators.NE, x));
    }

    @Override
    public double fmaLoop(long iterations) {
        DoubleVector a0 = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector a1 = DoubleVector.broadcast(SPECIES, 1.1);
        DoubleVector a2 = DoubleVector.broadcast(SPECIES, 1.2);
        DoubleVector a3 = DoubleVector.broadcast(SPECIES, 1.3);
        DoubleVector a4 = DoubleVector.broadcast(SPECIES, 1.4);
        DoubleVector a5 = DoubleVector.broadcast(SPECIES, 1.5);
        DoubleVector a6 = DoubleVector.broadcast(SPECIES, 1.6);
        DoubleVector a7 = DoubleVector.broadcast(SPECIES, 1.7);
        DoubleVector m = DoubleVector.broadcast(SPECIES, 0.999_999);
        DoubleVector c = DoubleVector.broadcast(SPECIES, 1e-9);
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
        return 8 * LANES * 2;
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * Writes the positions {@code i} and values of the non-zero {@code x[from + i]}, {@code i < n}, to
     * {@code positions}/{@code values} from index {@code at}, ascending, and returns the index after the
     * last. A vector of zeros (most of an MNIST row's margins) costs one comparison.
     */
    private static int nonZeros(double[] x, int from, int n, int[] positions, double[] values, int at) {
        int c = at;
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            if (DoubleVector.fromArray(SPECIES, x, from + i).compare(VectorOperators.NE, 0.0).anyTrue()) {
                c = append(x, from, i, i + LANES, positions, values, c);
            }
        }
        return append(x, from, i, n, positions, values, c);
    }

    /**
     * Lists the non-zeros among {@code x[from + start … from + end)} without a branch per value: each is written
     * at the next place and kept only if it is not zero. A hidden layer's ReLU output is about half zeros in no
     * pattern, and a branch on each value was mispredicted half the time. Writes stay within the place the
     * values would take if all were non-zero.
     */
    private static int append(double[] x, int from, int start, int end, int[] positions, double[] values, int at) {
        int c = at;
        for (int i = start; i < end; i++) {
            double v = x[from + i];
            positions[c] = i;
            values[c] = v;
            c += v != 0 ? 1 : 0;
        }
        return c;
    }

    /**
     * {@code dest[destAt + o·out + j] += Σ_k values[k] · m[index[k]][j]} for each list {@code fromList ≤ o <
     * toList} (entries {@code start[o] ≤ k < ends[o]}, {@code index} ascending within a list), in list order, by
     * fused multiply-adds. A matrix {@code m} larger than the L2 cache is taken in blocks of rows that fit it, all
     * lists advancing through one block before the next, so that each row is loaded from memory about once
     * rather than once per entry; a smaller one (the common case) is walked in one pass per list, as splitting
     * the lists costs more than the L1 misses it saves.
     */
    private static void accumulate(int[] index, double[] values, int[] start, int[] ends, int[] cursor, int fromList,
            int toList, int mRows, double[] m, int out, double[] dest, int destAt) {
        int block = Math.max(8, L2_BYTES / (out * Double.BYTES));
        if (block >= mRows) {
            for (int o = fromList; o < toList; o++) {
                if (ends[o] > start[o]) {
                    passes(index, values, start[o], ends[o], m, out, dest, destAt + o * out);
                }
            }
            return;
        }
        System.arraycopy(start, fromList, cursor, fromList, toList - fromList);
        for (int k0 = 0; k0 < mRows; k0 += block) {
            int k1 = Math.min(k0 + block, mRows);
            for (int o = fromList; o < toList; o++) {
                int from = cursor[o];
                int to = from;
                int end = ends[o];
                while (to < end && index[to] < k1) {
                    to++;
                }
                if (to > from) {
                    passes(index, values, from, to, m, out, dest, destAt + o * out);
                    cursor[o] = to;
                }
            }
        }
    }

    /**
     * {@code dest[at + j] += Σ_{from ≤ k < to} values[k] · m[index[k]·out + j]} for every {@code j < out}, in
     * passes of up to thirteen vectors (a hidden layer of 50 in one pass of 256-bit vectors, seven of 512-bit
     * ones), eight or four. Passes never overlap one another, so each reads only sums it has not yet updated: every
     * pass but the last leaves at least one vector's outputs, and only the last has vectors that do not fit moved
     * back to end at {@code out}, so that some of its lanes are computed more than once, from the same inputs by
     * the same operations, and stored with the same values.
     */
    private static void passes(int[] index, double[] values, int from, int to, double[] m, int out, double[] dest,
            int at) {
        int last = out - LANES;
        int j = 0;
        while (true) {
            int left = out - j;
            if (left <= 4 * LANES) {
                narrow(index, values, from, to, m, out, dest, at, j, last);
                return;
            }
            if (left <= PASS) {
                pass(index, values, from, to, m, out, dest, at, j, last);
                return;
            }
            if (left <= WIDE) {
                wide(index, values, from, to, m, out, dest, at, j, last);
                return;
            }
            if (left >= WIDE + LANES) {
                wide(index, values, from, to, m, out, dest, at, j, last);
                j += WIDE;
            } else {
                pass(index, values, from, to, m, out, dest, at, j, last);
                j += PASS;
            }
        }
    }

    /**
     * Thirteen accumulators (with the broadcast input, fourteen of the sixteen 256-bit registers, or of the
     * thirty-two 512-bit ones): the vectors at {@code j0}, {@code j0 + LANES}, … each moved back to end by
     * {@code last} at the latest.
     */
    private static void wide(int[] index, double[] values, int from, int to, double[] m, int out, double[] dest,
            int at, int j0, int last) {
        int j1 = Math.min(j0 + LANES, last);
        int j2 = Math.min(j0 + 2 * LANES, last);
        int j3 = Math.min(j0 + 3 * LANES, last);
        int j4 = Math.min(j0 + 4 * LANES, last);
        int j5 = Math.min(j0 + 5 * LANES, last);
        int j6 = Math.min(j0 + 6 * LANES, last);
        int j7 = Math.min(j0 + 7 * LANES, last);
        int j8 = Math.min(j0 + 8 * LANES, last);
        int j9 = Math.min(j0 + 9 * LANES, last);
        int j10 = Math.min(j0 + 10 * LANES, last);
        int j11 = Math.min(j0 + 11 * LANES, last);
        int j12 = Math.min(j0 + 12 * LANES, last);
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, dest, at + j0);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, dest, at + j1);
        DoubleVector c2 = DoubleVector.fromArray(SPECIES, dest, at + j2);
        DoubleVector c3 = DoubleVector.fromArray(SPECIES, dest, at + j3);
        DoubleVector c4 = DoubleVector.fromArray(SPECIES, dest, at + j4);
        DoubleVector c5 = DoubleVector.fromArray(SPECIES, dest, at + j5);
        DoubleVector c6 = DoubleVector.fromArray(SPECIES, dest, at + j6);
        DoubleVector c7 = DoubleVector.fromArray(SPECIES, dest, at + j7);
        DoubleVector c8 = DoubleVector.fromArray(SPECIES, dest, at + j8);
        DoubleVector c9 = DoubleVector.fromArray(SPECIES, dest, at + j9);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, dest, at + j10);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, dest, at + j11);
        DoubleVector c12 = DoubleVector.fromArray(SPECIES, dest, at + j12);
        for (int k = from; k < to; k++) {
            DoubleVector v = DoubleVector.broadcast(SPECIES, values[k]);
            int o = index[k] * out;
            c0 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j0), c0);
            c1 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j1), c1);
            c2 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j2), c2);
            c3 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j3), c3);
            c4 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j4), c4);
            c5 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j5), c5);
            c6 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j6), c6);
            c7 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j7), c7);
            c8 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j8), c8);
            c9 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j9), c9);
            c10 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j10), c10);
            c11 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j11), c11);
            c12 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j12), c12);
        }
        c0.intoArray(dest, at + j0);
        c1.intoArray(dest, at + j1);
        c2.intoArray(dest, at + j2);
        c3.intoArray(dest, at + j3);
        c4.intoArray(dest, at + j4);
        c5.intoArray(dest, at + j5);
        c6.intoArray(dest, at + j6);
        c7.intoArray(dest, at + j7);
        c8.intoArray(dest, at + j8);
        c9.intoArray(dest, at + j9);
        c10.intoArray(dest, at + j10);
        c11.intoArray(dest, at + j11);
        c12.intoArray(dest, at + j12);
    }

    /** Eight accumulators, as in {@link #wide}. */
    private static void pass(int[] index, double[] values, int from, int to, double[] m, int out, double[] dest,
            int at, int j0, int last) {
        int j1 = Math.min(j0 + LANES, last);
        int j2 = Math.min(j0 + 2 * LANES, last);
        int j3 = Math.min(j0 + 3 * LANES, last);
        int j4 = Math.min(j0 + 4 * LANES, last);
        int j5 = Math.min(j0 + 5 * LANES, last);
        int j6 = Math.min(j0 + 6 * LANES, last);
        int j7 = Math.min(j0 + 7 * LANES, last);
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, dest, at + j0);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, dest, at + j1);
        DoubleVector c2 = DoubleVector.fromArray(SPECIES, dest, at + j2);
        DoubleVector c3 = DoubleVector.fromArray(SPECIES, dest, at + j3);
        DoubleVector c4 = DoubleVector.fromArray(SPECIES, dest, at + j4);
        DoubleVector c5 = DoubleVector.fromArray(SPECIES, dest, at + j5);
        DoubleVector c6 = DoubleVector.fromArray(SPECIES, dest, at + j6);
        DoubleVector c7 = DoubleVector.fromArray(SPECIES, dest, at + j7);
        for (int k = from; k < to; k++) {
            DoubleVector v = DoubleVector.broadcast(SPECIES, values[k]);
            int o = index[k] * out;
            c0 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j0), c0);
            c1 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j1), c1);
            c2 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j2), c2);
            c3 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j3), c3);
            c4 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j4), c4);
            c5 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j5), c5);
            c6 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j6), c6);
            c7 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j7), c7);
        }
        c0.intoArray(dest, at + j0);
        c1.intoArray(dest, at + j1);
        c2.intoArray(dest, at + j2);
        c3.intoArray(dest, at + j3);
        c4.intoArray(dest, at + j4);
        c5.intoArray(dest, at + j5);
        c6.intoArray(dest, at + j6);
        c7.intoArray(dest, at + j7);
    }

    /** Four accumulators, as in {@link #wide}. */
    private static void narrow(int[] index, double[] values, int from, int to, double[] m, int out, double[] dest,
            int at, int j0, int last) {
        int j1 = Math.min(j0 + LANES, last);
        int j2 = Math.min(j0 + 2 * LANES, last);
        int j3 = Math.min(j0 + 3 * LANES, last);
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, dest, at + j0);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, dest, at + j1);
        DoubleVector c2 = DoubleVector.fromArray(SPECIES, dest, at + j2);
        DoubleVector c3 = DoubleVector.fromArray(SPECIES, dest, at + j3);
        for (int k = from; k < to; k++) {
            DoubleVector v = DoubleVector.broadcast(SPECIES, values[k]);
            int o = index[k] * out;
            c0 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j0), c0);
            c1 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j1), c1);
            c2 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j2), c2);
            c3 = v.fma(DoubleVector.fromArray(SPECIES, m, o + j3), c3);
        }
        c0.intoArray(dest, at + j0);
        c1.intoArray(dest, at + j1);
        c2.intoArray(dest, at + j2);
        c3.intoArray(dest, at + j3);
    }

    /**
     * Rows shared out between the two threads of a split product: each thread claims a chunk, computes it and
     * claims the next until none is left. Chunks shrink as rows run out (guided scheduling): the first are
     * {@code rows / 4} long, so that each keeps a block of the weights in cache over many rows, the last are a
     * few rows long, so that neither thread waits long for the other when one started late or runs slower (the
     * helper reads rows that the calling thread has just written). Which thread computes a row does not change
     * the row.
     */
    private abstract static class Chunks implements SecondCore.Half {
        private static final int SMALLEST = 4;
        private final AtomicInteger next = new AtomicInteger();
        private int rows;

        final void reset(int rows) {
            this.rows = rows;
            next.set(0);
        }

        @Override
        public final void run() {
            while (true) {
                int from = next.get();
                if (from >= rows) {
                    return;
                }
                int to = Math.min(rows, from + Math.max(SMALLEST, (rows - from) / 4));
                if (next.compareAndSet(from, to)) {
                    rows(from, to);
                }
            }
        }

        /** Computes rows {@code [from, to)}. */
        abstract void rows(int from, int to);
    }

    /** The shared work of a split {@link #affine} call: its arguments, reused from call to call. */
    private static final class AffineHalf extends Chunks {
        private double[] x;
        private int in;
        private double[] w;
        private double[] b;
        private int out;
        private double[] a;
        private boolean dense;

        void set(double[] x, int rows, int in, double[] w, double[] b, int out, double[] a, boolean dense) {
            this.x = x;
            this.in = in;
            this.w = w;
            this.b = b;
            this.out = out;
            this.a = a;
            this.dense = dense;
            reset(rows);
        }

        @Override
        void rows(int from, int to) {
            affineRows(x, from, to, in, w, b, out, a, dense);
        }
    }

    /** The second half of a {@link #transposeTimes} call: its arguments, reused from call to call. */
    private static final class TransposeHalf implements SecondCore.Half {
        private double[] x;
        private int rows;
        private int in;
        private int from;
        private int to;
        private double[] d;
        private int out;
        private double[] dw;
        private boolean dense;

        void set(double[] x, int rows, int in, int from, int to, double[] d, int out, double[] dw, boolean dense) {
            this.x = x;
            this.rows = rows;
            this.in = in;
            this.from = from;
            this.to = to;
            this.d = d;
            this.out = out;
            this.dw = dw;
            this.dense = dense;
        }

        @Override
        public void run() {
            transposeColumns(x, rows, in, from, to, d, out, dw, dense);
        }
    }

    /** The second half of a {@link #timesTranspose} call: its arguments, reused from call to call. */
    private static final class TimesTransposeHalf implements SecondCore.Half {
        private double[] d;
        private int from;
        private int to;
        private int out;
        private double[] w;
        private int in;
        private double[] dx;

        void set(double[] d, int from, int to, int out, double[] w, int in, double[] dx) {
            this.d = d;
            this.from = from;
            this.to = to;
            this.out = out;
            this.w = w;
            this.in = in;
            this.dx = dx;
        }

        @Override
        public void run() {
            transposedRows(d, from, to, out, w, in, dx);
        }
    }

    /** The shared work of a split {@link #affineSparse} call: its arguments, reused from call to call. */
    private static final class AffineSparseHalf extends Chunks {
        private int[] positions;
        private double[] values;
        private int[] starts;
        private int[] counts;
        private int in;
        private double[] w;
        private double[] b;
        private int out;
        private double[] a;

        void set(int[] positions, double[] values, int[] starts, int[] counts, int rows, int in, double[] w,
                double[] b, int out, double[] a) {
            this.positions = positions;
            this.values = values;
            this.starts = starts;
            this.counts = counts;
            this.in = in;
            this.w = w;
            this.b = b;
            this.out = out;
            this.a = a;
            reset(rows);
        }

        @Override
        void rows(int from, int to) {
            affineSparseRows(positions, values, starts, counts, from, to, in, w, b, out, a);
        }
    }

    /** The second half of a {@link #splitColumns} call: its arguments, reused from call to call. */
    private static final class ColumnsHalf implements SecondCore.Half {
        private int[] positions;
        private double[] values;
        private int[] starts;
        private int[] counts;
        private int in;
        private int rows;
        private int from;
        private int to;
        private double[] d;
        private int out;
        private double[] target;
        private boolean sgd;
        private double lr;
        private double lambda;
        /** The number of entries the last {@link #run} had, and the time it took. */
        private int entries;
        private long nanos;

        void set(int[] positions, double[] values, int[] starts, int[] counts, int in, int rows, int from, int to,
                double[] d, int out, double[] target, boolean sgd, double lr, double lambda) {
            this.positions = positions;
            this.values = values;
            this.starts = starts;
            this.counts = counts;
            this.in = in;
            this.rows = rows;
            this.from = from;
            this.to = to;
            this.d = d;
            this.out = out;
            this.target = target;
            this.sgd = sgd;
            this.lr = lr;
            this.lambda = lambda;
        }

        @Override
        public void run() {
            long started = System.nanoTime();
            entries = sparseColumns(positions, values, starts, counts, in, rows, from, to, d, out, target, sgd, lr,
                    lambda);
            nanos = System.nanoTime() - started;
        }
    }

    /** The second half of an {@link #inTwoHalves} call. */
    private static final class RangeHalf implements SecondCore.Half {
        private Kernels.Range task;
        private int from;
        private int to;
        /** The time the last {@link #run} took. */
        private long nanos;

        void set(Kernels.Range task, int from, int to) {
            this.task = task;
            this.from = from;
            this.to = to;
        }

        @Override
        public void run() {
            long started = System.nanoTime();
            task.run(from, to);
            nanos = System.nanoTime() - started;
        }
    }

    /** One thread's buffers for listing non-zeros, grown to the largest call seen and then reused. */
    private static final class Workspace {
        int[] positions = new int[0];
        double[] values = new double[0];
        int[] columnRows = new int[0];
        double[] columnValues = new double[0];
        int[] rowStart = new int[0];
        int[] rowEnd = new int[0];
        int[] columnStart = new int[0];
        int[] columnEnd = new int[0];
        int[] cursor = new int[0];
        double[] transposed = new double[0];
        int[] ascending = new int[0];
        double[] row = new double[0];
        double[] gradient = new double[0];
        /** The two sums {@link #scaledSums} returns. */
        final double[] sums = new double[2];

        /** A buffer of at least {@code n} doubles for a chunk of gradient rows. */
        double[] gradient(int n) {
            if (gradient.length < n) {
                gradient = new double[n];
            }
            return gradient;
        }

        /** {@code wᵀ} of the {@code in × out} matrix {@code w}, row-major {@code out × in}, in a reused buffer. */
        double[] transposed(double[] w, int in, int out) {
            if (transposed.length < in * out) {
                transposed = new double[in * out];
            }
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    transposed[j * in + i] = w[i * out + j];
                }
            }
            return transposed;
        }

        /** At least {@code n} positions {@code 0, 1, 2, …}: a list of every entry of a row. */
        int[] ascending(int n) {
            if (ascending.length < n) {
                ascending = new int[n];
                Arrays.setAll(ascending, k -> k);
            }
            return ascending;
        }

        /** A buffer of at least {@code n} doubles for one row of a matrix. */
        double[] row(int n) {
            if (row.length < n) {
                row = new double[n];
            }
            return row;
        }

        /** Room for the non-zeros of {@code rows × in} inputs, listed by row or by column. */
        Workspace fit(int rows, int in) {
            int entries = rows * in;
            if (positions.length < entries) {
                positions = new int[entries];
                values = new double[entries];
                columnRows = new int[entries];
                columnValues = new double[entries];
            }
            if (rowStart.length < rows + 1) {
                rowStart = new int[rows + 1];
                rowEnd = new int[rows + 1];
            }
            int lists = Math.max(rows, in) + 1;
            if (columnStart.length < lists) {
                columnStart = new int[lists];
                columnEnd = new int[lists];
                cursor = new int[lists];
            }
            return this;
        }
    }
}
