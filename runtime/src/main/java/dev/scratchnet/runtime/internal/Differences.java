package dev.scratchnet.runtime.internal;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.runtime.Batch;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The book's numerical gradient, {@code (L(w + h) − L(w − h)) / 2h} with {@code h = 1e-4}, for every parameter of a
 * network of dense layers, computed from a forward pass's cached values rather than by rerunning it. Generated models
 * and the DSL's {@code SequentialNetwork} both compute it here, so they give the same values bit for bit.
 *
 * <p>Perturbing {@code W[i][j]} moves only unit {@code j}'s pre-activation, by {@code δ = Δ·in[r][i]} in row
 * {@code r} ({@code Δ = (w ± h) − w}, the change the generic difference really makes to the parameter), so a row
 * whose input {@code i} is 0 keeps its loss and is skipped. For the others: in a softmax network, the last two
 * layers' differences come from series of the softmax ({@link SoftmaxDifferences}); every other layer's from the
 * Taylor series of each row's loss in each unit's pre-activation ({@link LossSeries}), one per row and unit, in which
 * each weight's difference is a short polynomial. Where a series cannot be shown accurate to {@code 1e-20} (a ReLU
 * that a step could switch, a change too large for the bounds), the row is recomputed from that unit on, exactly
 * ({@link RowLoss}). The result is the one the generic difference gives, to far below 1e-9. Both cores
 * ({@link Kernels#inTwoHalves}) take a layer's units a few at a time until none are left, as each is free: how
 * long a unit takes varies (a ReLU that is off in a row costs nothing there), and so does either core's speed on a
 * shared machine. Each difference is summed over the rows in row order by one thread, so the split changes no bit.
 *
 * <p>Use, after a forward pass over a batch: {@link #begin}, {@link #layer} for every layer, {@link #parameters} for
 * each layer wanted, {@link #end}. Not thread-safe: one per model.
 */
public final class Differences {
    /** The step of the central difference, as in the book. */
    public static final double H = 1e-4;
    /**
     * The largest {@code |(w ± h) − w|} of a weight below {@code 2³¹·h} in magnitude, with room for rounding
     * {@code δ = Δ·input}: the steps that a row's series must cover. A larger step is recomputed exactly.
     */
    private static final double STEP = H * (1 + 0x1p-18);

    /** Units a core takes at a time. */
    private static final int CHUNK = 4;

    private static final double[] NONE = new double[0];
    private static final int[] NO_POSITIONS = new int[0];

    private final CachedPass pass;
    private final @Nullable SoftmaxDifferences softmax;
    /** Work of the two halves of a layer's units: the calling thread's, and the second core's. */
    private final Work[] work;
    private final boolean[] given;
    private final Kernels.Range bothCores = this::claimUnits;
    /** The next chunk of units a core may take. */
    private final AtomicInteger nextChunk = new AtomicInteger();
    /** The layer whose parameters {@link #units} computes, and where. */
    private int layer;
    private double[] gW = NONE;
    private double[] gb = NONE;
    /** The batch's non-zero inputs, for the first layer. */
    private int[] positions = NO_POSITIONS;
    private double[] values = NONE;
    private int[] starts = NO_POSITIONS;
    private int[] counts = NO_POSITIONS;

    /**
     * The differences of the network whose layers are {@code layers}, in order, with {@code activations} (the last
     * layer's IDENTITY or SOFTMAX under the softmax's cross-entropy), ending in {@code lastLayer}.
     */
    public Differences(LossKernel lastLayer, List<AffineKernel> layers, List<ActivationFunction> activations) {
        if (layers.isEmpty() || layers.size() != activations.size()) {
            throw new IllegalArgumentException("one activation per layer, and at least one layer: got " + layers.size()
                    + " layers and " + activations.size() + " activations");
        }
        for (int k = 0; k < layers.size(); k++) {
            ActivationFunction f = activations.get(k);
            if (f == ActivationFunction.STEP || f == ActivationFunction.SOFTMAX && k < layers.size() - 1) {
                throw new IllegalArgumentException("layer " + (k + 1) + ": " + f + " has no numerical gradient here; use"
                        + " RELU, SIGMOID, TANH or IDENTITY");
            }
            if (k > 0 && layers.get(k).getInputs() != layers.get(k - 1).getUnits()) {
                throw new IllegalArgumentException("layer " + (k + 1) + " takes " + layers.get(k).getInputs()
                        + " inputs, but layer " + k + " has " + layers.get(k - 1).getUnits() + " units");
            }
        }
        if (lastLayer.getWidth() != layers.get(layers.size() - 1).getUnits()) {
            throw new IllegalArgumentException("the loss takes " + lastLayer.getWidth() + " outputs, but the last layer"
                    + " has " + layers.get(layers.size() - 1).getUnits() + " units");
        }
        this.pass = new CachedPass(layers.toArray(new AffineKernel[0]), activations.toArray(new ActivationFunction[0]),
                lastLayer);
        this.work = new Work[] {new Work(pass), new Work(pass)};
        this.given = new boolean[layers.size()];
        int last = pass.last;
        RowLoss exact = work[0].exact;
        if (!pass.softmax) {
            softmax = null;
        } else if (last == 0) {
            softmax = new SoftmaxDifferences(pass.layers[0], (r, j, a) -> exact.loss(0, r, j, a));
        } else {
            softmax = new SoftmaxDifferences(pass.layers[last - 1], pass.activation(last - 1), pass.layers[last],
                    (r, j, a) -> exact.loss(last - 1, r, j, a), (r, j, a) -> exact.loss(last, r, j, a));
        }
    }

    /** Starts from a forward pass over {@code batch} whose rows' losses are {@code rowLoss}. */
    public void begin(Batch batch, double[] rowLoss) {
        pass.x = InputRows.of(batch);
        pass.t = batch.getT();
        pass.rows = batch.getSize();
        pass.rowLoss = rowLoss;
        pass.refreshAbsoluteWeights();
        Arrays.fill(given, false);
    }

    /**
     * The pass's values of layer {@code k} (from 1): its pre-activations {@code a} and its outputs {@code z} (the
     * same array for IDENTITY; the softmax's probabilities for the last layer of a softmax network).
     */
    public void layer(int k, double[] a, double[] z) {
        int l = index(k);
        long size = (long) pass.rows * pass.units(l);
        if (a.length < size || z.length < size) {
            throw new IllegalArgumentException("layer " + k + " of a pass over " + pass.rows + " rows needs " + size
                    + " values, got " + a.length + " and " + z.length);
        }
        pass.a[l] = a;
        pass.z[l] = z;
        given[l] = true;
    }

    /** {@code (L(p + h) − L(p − h)) / 2h} for every weight of layer {@code k} (from 1) into {@code gW}, every bias into {@code gb}. */
    public void parameters(int k, double[] gW, double[] gb) {
        int l = index(k);
        for (int m = 0; m < given.length; m++) {
            if (!given[m]) {
                throw new IllegalStateException("layer " + (m + 1) + "'s values were not given since begin");
            }
        }
        AffineKernel kernel = pass.layers[l];
        int weights = kernel.getInputs() * kernel.getUnits();
        SoftmaxDifferences series = softmax;
        if (series != null && l >= pass.last - 1) {
            series.begin(pass.z[pass.last], pass.t, pass.rows);
            double[] in = l == 0 ? input().dense() : pass.z[l - 1];
            if (l == pass.last) {
                series.outputWeights(in, pass.a[l], gW);
                series.outputBiases(pass.a[l], gb);
            } else {
                series.hiddenWeights(in, pass.a[l], pass.z[l], gW);
                series.hiddenBiases(pass.a[l], pass.z[l], gb);
            }
            series.end();
            return;
        }
        Arrays.fill(gW, 0, weights, 0.0);
        Arrays.fill(gb, 0, kernel.getUnits(), 0.0);
        if (l == 0) {
            InputRows x = input();
            positions = x.positions();
            values = x.values();
            starts = x.starts();
            counts = x.counts();
        }
        layer = l;
        this.gW = gW;
        this.gb = gb;
        try {
            nextChunk.set(0);
            Kernels.inTwoHalves(work.length, bothCores);
        } finally {
            this.gW = NONE;
            this.gb = NONE;
            positions = NO_POSITIONS;
            values = NONE;
            starts = NO_POSITIONS;
            counts = NO_POSITIONS;
        }
        scale(gW, weights, pass.rows);
        scale(gb, kernel.getUnits(), pass.rows);
    }

    /** Drops the references {@link #begin} and {@link #layer} took. */
    public void end() {
        pass.clear();
        Arrays.fill(given, false);
    }

    private int index(int k) {
        if (k < 1 || k > pass.layers.length) {
            throw new IllegalArgumentException("layers are numbered from 1 to " + pass.layers.length + ", got " + k);
        }
        return k - 1;
    }

    private InputRows input() {
        InputRows x = pass.x;
        if (x == null) {
            throw new IllegalStateException("no pass: call begin first");
        }
        return x;
    }

    /**
     * The share of core {@code from} (0 or 1; both when {@code inTwoHalves} runs them on one thread): chunks of
     * units, with that core's own work, until none are left.
     */
    private void claimUnits(int from, int to) {
        Work w = work[from];
        int units = pass.units(layer);
        for (int chunk = nextChunk.getAndIncrement(); chunk * CHUNK < units; chunk = nextChunk.getAndIncrement()) {
            units(w, chunk * CHUNK, Math.min(units, (chunk + 1) * CHUNK));
        }
    }

    /** Units {@code [from, to)} of {@link #layer}: every row's series of those units, then each parameter's difference. */
    private void units(Work w, int from, int to) {
        int l = layer;
        int units = pass.units(l);
        double[] weights = pass.layers[l].getW();
        double[] biases = pass.layers[l].getB();
        for (int r = 0; r < pass.rows; r++) {
            int n = l == 0 ? w.list(positions, values, starts[r], counts[r]) : w.list(pass.z[l - 1], r, pass.units(l - 1));
            double largest = 1.0;
            for (int e = 0; e < n; e++) {
                largest = Math.max(largest, Math.abs(w.values[e]));
            }
            double rho = STEP * largest;
            for (int j = from; j < to; j++) {
                w.degrees[j] = w.series.series(l, r, j, rho, w.coefficients, j * LossSeries.MAX_DEGREE);
            }
            for (int e = 0; e < n; e++) {
                int row = w.positions[e] * units;
                double x = w.values[e];
                for (int j = from; j < to; j++) {
                    gW[row + j] += w.difference(l, r, j, weights[row + j], x, rho);
                }
            }
            for (int j = from; j < to; j++) {
                gb[j] += w.difference(l, r, j, biases[j], 1.0, rho);
            }
        }
    }

    private static void scale(double[] g, int n, int rows) {
        for (int p = 0; p < n; p++) {
            g[p] = g[p] / rows / (2 * H);
        }
    }

    /** What one thread needs for its units: a row's non-zero inputs, each unit's series, and exact recomputation. */
    private static final class Work {
        final CachedPass pass;
        final LossSeries series;
        final RowLoss exact;
        final int[] positions;
        final double[] values;
        /** Per unit: the degree of its series (or {@link LossSeries#UNCHANGED}, {@link LossSeries#EXACT}) and its coefficients. */
        final int[] degrees;
        final double[] coefficients;

        Work(CachedPass pass) {
            this.pass = pass;
            this.series = new LossSeries(pass);
            this.exact = new RowLoss(pass);
            int widest = 0;
            int inputs = 0;
            for (AffineKernel layer : pass.layers) {
                widest = Math.max(widest, layer.getUnits());
                inputs = Math.max(inputs, layer.getInputs());
            }
            this.positions = new int[inputs];
            this.values = new double[inputs];
            this.degrees = new int[widest];
            this.coefficients = new double[widest * LossSeries.MAX_DEGREE];
        }

        /** Lists the non-zero inputs of {@code width} at row {@code r} of {@code in}; returns how many. */
        int list(double[] in, int r, int width) {
            int n = 0;
            for (int i = 0; i < width; i++) {
                double v = in[r * width + i];
                if (v != 0.0) {
                    positions[n] = i;
                    values[n++] = v;
                }
            }
            return n;
        }

        /** Copies a row's listed non-zero inputs; returns how many. */
        int list(int[] at, double[] v, int start, int count) {
            System.arraycopy(at, start, positions, 0, count);
            System.arraycopy(v, start, values, 0, count);
            return count;
        }

        /** {@code L(p + h) − L(p − h)} of row {@code r} for the parameter {@code p} into unit {@code j}, whose input is {@code x}. */
        double difference(int l, int r, int j, double p, double x, double rho) {
            double up = ((p + H) - p) * x;
            double down = ((p - H) - p) * x;
            int degree = degrees[j];
            if (degree >= 0 && Math.abs(up) <= rho && Math.abs(down) <= rho) {
                if (degree == LossSeries.UNCHANGED) {
                    return 0.0;
                }
                int at = j * LossSeries.MAX_DEGREE;
                return LossSeries.polynomial(coefficients, at, degree, up)
                        - LossSeries.polynomial(coefficients, at, degree, down);
            }
            double a = pass.a[l][r * pass.units(l) + j];
            return exact.loss(l, r, j, a + up) - exact.loss(l, r, j, a + down);
        }
    }
}
