package dev.scratchnet.runtime.internal;

import dev.scratchnet.annotations.ActivationFunction;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Central differences {@code (L(w + h) − L(w − h)) / 2h} of a softmax-with-loss network's mean loss, for the
 * weights of the output layer and of the layer just before it, without recomputing a softmax per perturbed
 * sample.
 *
 * <p>Perturbing a weight moves the logits of one row by {@code δ_m = Δ · v_m} for a small {@code Δ}. With the
 * row's probabilities {@code y} and one-hot label {@code ℓ}, the new probability of the label is
 * {@code y_ℓ (1 + ε_ℓ) / (S + D)} where {@code ε_m = expm1(δ_m)}, {@code S = Σ y_m} and {@code D = Σ y_m ε_m}.
 * {@code D} is a power series in {@code Δ} whose coefficients are the moments {@code Σ y_m v_m^k / k!},
 * computed once per row and unit; {@code expm1} and {@code log1p} of small arguments are short Taylor
 * polynomials. The loss difference is then formed directly as {@code −log1p((y⁺ − y⁻) / (y⁻ + 1e-7))}, with
 * {@code y⁺ − y⁻} written so that nothing cancels: it is accurate to a few units in the last place of the
 * difference itself, better than the two full losses that the generic difference subtracts.
 *
 * <p>The series are used only where their truncation error is below {@code 1e-20}: {@code |δ_m| ≤ 2⁻⁸}
 * and {@code |u| ≤ 2⁻⁷}. Any element outside that, and every row whose target is not one-hot, is recomputed
 * exactly through a {@link UnitLoss}. One code path serves both kernel implementations, so results
 * do not depend on which is active.
 *
 * <p>Use: {@link #begin} with the forward pass's probabilities, then the differences of each parameter, then
 * {@link #end}. Not thread-safe: one per model.
 */
final class SoftmaxDifferences {
    /** Largest {@code |δ|} at which the degree-6 series of {@code expm1} and of {@code D} are exact to 1e-20. */
    private static final double SERIES_LIMIT = 0x1p-8;
    /** Largest {@code |u|} at which the degree-8 series of {@code log1p} is exact to 1e-20. */
    private static final double LOG_LIMIT = 0x1p-7;
    /** The cross-entropy's guard against {@code log(0)}, as in the book and {@code Functions}. */
    private static final double DELTA = LossKernel.DELTA;

    /** Per unit of a row: six series coefficients, the label's weight, the largest |weight|, two activation terms. */
    private static final int PER_UNIT = 10;

    private static final ThreadLocal<int[]> NON_ZEROS = ThreadLocal.withInitial(() -> new int[0]);
    private static final ThreadLocal<double[]> UNIT_TERMS = ThreadLocal.withInitial(() -> new double[0]);

    private static final double[] NONE = new double[0];

    private final @Nullable AffineKernel hidden;
    private final ActivationFunction activation;
    private final AffineKernel output;
    private final UnitLoss hiddenLoss;
    private final UnitLoss outputLoss;
    /** The forward pass's probabilities and the targets, between {@link #begin} and {@link #end}. */
    private double[] y = NONE;
    private double[] t = NONE;
    private int rows;
    /** A column of ones: the input a bias multiplies. */
    private double[] ones = NONE;

    /**
     * The differences for the last two layers of a softmax-with-loss network: {@code hidden}, whose activation is
     * {@code f}, and {@code output}. {@code hiddenLoss} and {@code outputLoss} recompute a row's loss exactly with one
     * unit of that layer changed, where the series do not apply.
     */
    SoftmaxDifferences(AffineKernel hidden, ActivationFunction f, AffineKernel output, UnitLoss hiddenLoss,
            UnitLoss outputLoss) {
        if (f == ActivationFunction.STEP || f == ActivationFunction.SOFTMAX) {
            throw new IllegalArgumentException(f + " is not a hidden activation with a gradient; use RELU, SIGMOID, TANH"
                    + " or IDENTITY");
        }
        this.hidden = hidden;
        this.activation = f;
        this.output = output;
        this.hiddenLoss = hiddenLoss;
        this.outputLoss = outputLoss;
    }

    /** The differences for a softmax-with-loss network of one layer, {@code output}. */
    SoftmaxDifferences(AffineKernel output, UnitLoss outputLoss) {
        this.hidden = null;
        this.activation = ActivationFunction.IDENTITY;
        this.output = output;
        this.hiddenLoss = outputLoss;
        this.outputLoss = outputLoss;
    }

    /** Starts from a forward pass over {@code rows} rows: its probabilities {@code y} and the targets {@code t}. */
    void begin(double[] y, double[] t, int rows) {
        this.y = y;
        this.t = t;
        this.rows = rows;
        if (ones.length < rows) {
            ones = new double[rows];
            Arrays.fill(ones, 1.0);
        }
    }

    /** Drops the references {@link #begin} took. */
    void end() {
        y = NONE;
        t = NONE;
    }

    /**
     * {@code g[i][j] = (L(W_ij + h) − L(W_ij − h)) / 2h} for the hidden layer's weights, with {@code in} its input
     * rows, {@code a} its pre-activations and {@code z} its activations.
     */
    void hiddenWeights(double[] in, double[] a, double[] z, double[] g) {
        AffineKernel layer = hiddenLayer();
        hidden(in, rows, layer.getInputs(), layer.getW(), a, z, g);
    }

    /** As {@link #hiddenWeights}, for the hidden layer's biases: weights whose input is always 1. */
    void hiddenBiases(double[] a, double[] z, double[] g) {
        hidden(ones, rows, 1, hiddenLayer().getB(), a, z, g);
    }

    /** As {@link #hiddenWeights}, for the output layer's weights; {@code logits} are its pre-activations. */
    void outputWeights(double[] in, double[] logits, double[] g) {
        output(in, rows, output.getInputs(), output.getW(), logits, g);
    }

    /** As {@link #outputWeights}, for the output layer's biases. */
    void outputBiases(double[] logits, double[] g) {
        output(ones, rows, 1, output.getB(), logits, g);
    }

    private AffineKernel hiddenLayer() {
        if (hidden == null) {
            throw new IllegalStateException("a network of one layer has no hidden layer");
        }
        return hidden;
    }

    private void hidden(double[] x, int rows, int in, double[] w, double[] a, double[] z, double[] g) {
        hidden(x, rows, in, w, Differences.H, a, z, activation, hiddenLayer().getUnits(), output.getW(), y, t,
                output.getUnits(), hiddenLoss, g);
    }

    private void output(double[] z, int rows, int units, double[] w, double[] logits, double[] g) {
        output(z, rows, units, w, Differences.H, logits, y, t, output.getUnits(), outputLoss, g);
    }

    private static void hidden(double[] x, int rows, int in, double[] w, double h, double[] a, double[] z,
            ActivationFunction f, int units, double[] wOut, double[] y, double[] t, int outputs, UnitLoss exact,
            double[] g) {
        Arrays.fill(g, 0, in * units, 0.0);
        int[] nz = nonZeroBuffer(in);
        double[] terms = termBuffer(units * PER_UNIT);
        for (int r = 0; r < rows; r++) {
            int xRow = r * in;
            int uRow = r * units;
            int yRow = r * outputs;
            int n = 0;
            for (int i = 0; i < in; i++) {
                if (x[xRow + i] != 0) {
                    nz[n++] = i;
                }
            }
            int label = oneHotLabel(t, yRow, outputs);
            if (label < 0) {
                for (int k = 0; k < n; k++) {
                    int i = nz[k];
                    double input = x[xRow + i];
                    for (int j = 0; j < units; j++) {
                        double wij = w[i * units + j];
                        double aj = a[uRow + j];
                        g[i * units + j] += exact.loss(r, j, aj + ((wij + h) - wij) * input)
                                - exact.loss(r, j, aj + ((wij - h) - wij) * input);
                    }
                }
                continue;
            }
            double s = 0.0;
            for (int m = 0; m < outputs; m++) {
                s += y[yRow + m];
            }
            double yl = y[yRow + label];
            for (int j = 0; j < units; j++) {
                unitTerms(wOut, j, outputs, y, yRow, label, f, a[uRow + j], z[uRow + j], terms, j * PER_UNIT);
            }
            for (int k = 0; k < n; k++) {
                int i = nz[k];
                double input = x[xRow + i];
                for (int j = 0; j < units; j++) {
                    double wij = w[i * units + j];
                    double aj = a[uRow + j];
                    double up = ((wij + h) - wij) * input;
                    double down = ((wij - h) - wij) * input;
                    double diff = hiddenDifference(f, aj, z[uRow + j], up, down, terms, j * PER_UNIT, s, yl);
                    if (Double.isNaN(diff)) {
                        diff = exact.loss(r, j, aj + up) - exact.loss(r, j, aj + down);
                    }
                    g[i * units + j] += diff;
                }
            }
        }
        scale(g, in * units, rows, h);
    }

    private static void output(double[] z, int rows, int units, double[] w, double h, double[] logits, double[] y,
            double[] t, int outputs, UnitLoss exact, double[] g) {
        Arrays.fill(g, 0, units * outputs, 0.0);
        for (int r = 0; r < rows; r++) {
            int zRow = r * units;
            int yRow = r * outputs;
            int label = oneHotLabel(t, yRow, outputs);
            double s = 0.0;
            for (int m = 0; m < outputs; m++) {
                s += y[yRow + m];
            }
            double rest = 0.0;
            for (int m = 0; m < outputs; m++) {
                if (m != label) {
                    rest += y[yRow + m];
                }
            }
            for (int j = 0; j < units; j++) {
                double input = z[zRow + j];
                if (input == 0) {
                    continue;
                }
                for (int m = 0; m < outputs; m++) {
                    double wjm = w[j * outputs + m];
                    double up = ((wjm + h) - wjm) * input;
                    double down = ((wjm - h) - wjm) * input;
                    double diff = label < 0 ? Double.NaN : outputDifference(up, down, y[yRow + label], y[yRow + m],
                            m == label, s, rest);
                    if (Double.isNaN(diff)) {
                        double logit = logits[yRow + m];
                        diff = exact.loss(r, m, logit + up) - exact.loss(r, m, logit + down);
                    }
                    g[j * outputs + m] += diff;
                }
            }
        }
        scale(g, units * outputs, rows, h);
    }

    /** The index of the row's single target of exactly 1 (all others 0), or −1 when the target is not one-hot. */
    private static int oneHotLabel(double[] t, int at, int outputs) {
        int label = -1;
        for (int m = 0; m < outputs; m++) {
            double v = t[at + m];
            if (v == 1.0 && label < 0) {
                label = m;
            } else if (v != 0.0) {
                return -1;
            }
        }
        return label;
    }

    /**
     * Fills the series coefficients {@code Σ_m y_m v_m^k / k!} (k = 1…6) of unit {@code j}, whose outgoing
     * weights are {@code v_m = wOut[j][m]}, its weight to the label, its largest |weight|, and two terms of
     * its activation's exact difference formula.
     */
    private static void unitTerms(double[] wOut, int j, int outputs, double[] y, int yRow, int label,
            ActivationFunction f, double a, double z, double[] terms, int at) {
        double m1 = 0.0, m2 = 0.0, m3 = 0.0, m4 = 0.0, m5 = 0.0, m6 = 0.0;
        double largest = 0.0;
        int row = j * outputs;
        for (int m = 0; m < outputs; m++) {
            double v = wOut[row + m];
            double p = y[yRow + m];
            double v2 = v * v;
            double v3 = v2 * v;
            m1 = Math.fma(p, v, m1);
            m2 = Math.fma(p, v2, m2);
            m3 = Math.fma(p, v3, m3);
            m4 = Math.fma(p, v2 * v2, m4);
            m5 = Math.fma(p, v2 * v3, m5);
            m6 = Math.fma(p, v3 * v3, m6);
            largest = Math.max(largest, Math.abs(v));
        }
        terms[at] = m1;
        terms[at + 1] = m2 / 2;
        terms[at + 2] = m3 / 6;
        terms[at + 3] = m4 / 24;
        terms[at + 4] = m5 / 120;
        terms[at + 5] = m6 / 720;
        terms[at + 6] = wOut[row + label];
        terms[at + 7] = largest;
        switch (f) {
            case SIGMOID -> {
                // σ(a) and 1 − σ(a) from e^−|a| ≤ 1, so neither overflows nor loses digits to cancellation.
                double e = ActivationMath.exp(-Math.abs(a));
                double small = e / (1 + e);
                double large = 1 / (1 + e);
                terms[at + 8] = a >= 0 ? large : small;
                terms[at + 9] = a >= 0 ? small : large;
            }
            case TANH -> {
                terms[at + 8] = z;
                terms[at + 9] = (1 - z) * (1 + z);
            }
            default -> {
                terms[at + 8] = 0.0;
                terms[at + 9] = 0.0;
            }
        }
    }

    /**
     * {@code L(unit moved by up) − L(unit moved by down)} for one row, or NaN where the series do not apply
     * (the caller then recomputes exactly).
     */
    private static double hiddenDifference(ActivationFunction f, double a, double z, double up, double down,
            double[] terms, int at, double s, double yl) {
        double zUp = activationChange(f, a, z, up, terms, at);
        double zDown = activationChange(f, a, z, down, terms, at);
        if (zUp == 0.0 && zDown == 0.0) {
            // The unit's output is unchanged either way (e.g. ReLU stays off), and so is the loss.
            return 0.0;
        }
        double largest = terms[at + 7];
        if (!(Math.abs(zUp) * largest <= SERIES_LIMIT && Math.abs(zDown) * largest <= SERIES_LIMIT)) {
            return Double.NaN;
        }
        double sumUp = series(zUp, terms, at);
        double sumDown = series(zDown, terms, at);
        double vl = terms[at + 6];
        double eUp = expm1(zUp * vl);
        double eDown = expm1(zDown * vl);
        double n = s * (eUp - eDown) + (sumDown - sumUp) + eUp * sumDown - eDown * sumUp;
        double u = yl * n / ((s + sumUp) * (yl * (1 + eDown) + DELTA * (s + sumDown)));
        return -log1p(u);
    }

    private static double outputDifference(double up, double down, double yl, double ym, boolean isLabel, double s,
            double rest) {
        if (!(Math.abs(up) <= SERIES_LIMIT && Math.abs(down) <= SERIES_LIMIT)) {
            return Double.NaN;
        }
        double eUp = expm1(up);
        double eDown = expm1(down);
        double u;
        if (isLabel) {
            u = yl * (eUp - eDown) * rest / ((s + yl * eUp) * (yl * (1 + eDown) + DELTA * (s + yl * eDown)));
        } else {
            u = yl * ym * (eDown - eUp) / ((s + ym * eUp) * (yl + DELTA * (s + ym * eDown)));
        }
        return -log1p(u);
    }

    /**
     * {@code act(a + d) − act(a)} computed without cancellation for sigmoid and tanh; NaN when {@code d} is too
     * large for the series. ReLU and identity subtract as the exact recomputation ({@link RowLoss}) does.
     */
    private static double activationChange(ActivationFunction f, double a, double z, double d, double[] terms, int at) {
        switch (f) {
            case RELU -> {
                double v = a + d;
                return (v > 0.0 ? v : 0.0) - z;
            }
            case SIGMOID -> {
                if (!(Math.abs(d) <= SERIES_LIMIT)) {
                    return Double.NaN;
                }
                // σ(a + d) − σ(a) = −σ(a)·(1 − σ(a))·E / (1 + (1 − σ(a))·E), E = e^−d − 1
                double sigma = terms[at + 8];
                double rest = terms[at + 9];
                double e = expm1(-d);
                return -sigma * rest * e / (1 + rest * e);
            }
            case TANH -> {
                if (!(Math.abs(d) <= SERIES_LIMIT)) {
                    return Double.NaN;
                }
                // tanh(a + d) − tanh(a) = (1 − T²)·tanh(d) / (1 + T·tanh(d)), T = tanh(a)
                double th = tanh(d);
                return terms[at + 9] * th / (1 + terms[at + 8] * th);
            }
            default -> {
                return (a + d) - z;
            }
        }
    }

    /** {@code Σ_k c_k d^k} (k = 1…6) with the unit's coefficients: {@code Σ_m y_m (e^{d·v_m} − 1)}. */
    private static double series(double d, double[] c, int at) {
        double p = Math.fma(d, c[at + 5], c[at + 4]);
        p = Math.fma(d, p, c[at + 3]);
        p = Math.fma(d, p, c[at + 2]);
        p = Math.fma(d, p, c[at + 1]);
        p = Math.fma(d, p, c[at]);
        return d * p;
    }

    /** {@code e^d − 1} for {@code |d| ≤ 2⁻⁸} by its Taylor polynomial of degree 6. */
    private static double expm1(double d) {
        double p = Math.fma(d, 1.0 / 720, 1.0 / 120);
        p = Math.fma(d, p, 1.0 / 24);
        p = Math.fma(d, p, 1.0 / 6);
        p = Math.fma(d, p, 0.5);
        p = Math.fma(d, p, 1.0);
        return d * p;
    }

    /** {@code tanh(d)} for {@code |d| ≤ 2⁻⁸} by its Taylor polynomial of degree 7. */
    private static double tanh(double d) {
        double d2 = d * d;
        double p = Math.fma(d2, -17.0 / 315, 2.0 / 15);
        p = Math.fma(d2, p, -1.0 / 3);
        p = Math.fma(d2, p, 1.0);
        return d * p;
    }

    /** {@code log(1 + u)} by its Taylor polynomial of degree 8, or NaN when {@code |u| > 2⁻⁷}. */
    private static double log1p(double u) {
        if (!(Math.abs(u) <= LOG_LIMIT)) {
            return Double.NaN;
        }
        double p = Math.fma(u, -1.0 / 8, 1.0 / 7);
        p = Math.fma(u, p, -1.0 / 6);
        p = Math.fma(u, p, 1.0 / 5);
        p = Math.fma(u, p, -1.0 / 4);
        p = Math.fma(u, p, 1.0 / 3);
        p = Math.fma(u, p, -0.5);
        p = Math.fma(u, p, 1.0);
        return u * p;
    }

    private static void scale(double[] g, int n, int rows, double h) {
        for (int p = 0; p < n; p++) {
            g[p] = g[p] / rows / (2 * h);
        }
    }

    private static int[] nonZeroBuffer(int n) {
        int[] b = NON_ZEROS.get();
        if (b.length < n) {
            b = new int[n];
            NON_ZEROS.set(b);
        }
        return b;
    }

    private static double[] termBuffer(int n) {
        double[] b = UNIT_TERMS.get();
        if (b.length < n) {
            b = new double[n];
            UNIT_TERMS.set(b);
        }
        return b;
    }
}
