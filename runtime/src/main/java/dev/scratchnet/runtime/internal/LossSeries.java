package dev.scratchnet.runtime.internal;

import dev.scratchnet.annotations.ActivationFunction;
import java.util.Arrays;

/**
 * The Taylor series of one row's loss in one unit's pre-activation: {@code L(a + δ) − L(a) = Σ c_d δ^d}, d = 1…K,
 * propagated through the rest of the network degree by degree (Taylor mode). Perturbing a weight into unit
 * {@code j} moves that unit by {@code δ = Δ · input} and nothing else, so once the series of a row and unit is known,
 * each weight's loss change is a polynomial of degree K in its own {@code δ}, instead of a recomputation of every
 * later layer.
 *
 * <p>How the series travel: the unit's output changes by the series of its activation, the next layer's
 * pre-activations by that times the unit's outgoing weights, each later layer's by its weights times the
 * previous layer's output series (one product per degree), and every activation's series follows from its
 * derivative's identity ({@code tanh' = 1 − tanh²}, {@code σ' = σ(1 − σ)}) by the usual recurrences; the softmax's
 * cross-entropy is {@code −Σ t·log(1 + y·(ρ − 1)/(y + 1e-7))} with {@code ρ} the ratio of the new probability to the
 * old, and the squared error {@code Σ (y − t)·v + v²/2} for an output change {@code v}.
 *
 * <p>Why the truncation is below {@code 1e-20}: every function on the way is analytic in {@code δ} near 0 (a ReLU
 * whose input cannot reach 0 is the identity or 0), so by Cauchy's estimate, if the loss change is at most
 * {@code M} in absolute value on the complex disc {@code |δ| ≤ R}, the terms beyond degree K sum to at most
 * {@code M·q^(K+1)/(1 − q)} for {@code |δ| ≤ qR}. {@code M} is bounded layer by layer on the disc {@code R = ρ/q}
 * for the row's largest step {@code ρ} ({@code q = 2⁻¹⁶} where the bounds hold on that disc, else {@code 2⁻¹⁰}):
 * {@code |tanh(a + w) − tanh(a)| ≤ (1 − T²)·tan|w| / (1 − |T|·tan|w|)} (tanh's Taylor coefficients are tan's up to
 * sign), the sigmoid likewise through {@code σ(x) = (1 + tanh(x/2))/2}, {@code |e^w − 1| ≤ e^|w| − 1} and
 * {@code |log(1 + w)| ≤ −log(1 − |w|)}, with each layer's change bounded by {@code |W|} times the previous one's;
 * {@code tan x ≤ x/(1 − x²/2)} and {@code e^x − 1 ≤ x/(1 − x/2)} hold term by term. K is then the least degree
 * whose bound is below {@code 1e-20}. A ReLU is trusted only where its input's
 * change on the real steps, at most its bound on the disc times {@code |δ|/R} by Schwarz's lemma, stays short of its
 * distance to 0; where any bound fails to hold the series is not used and the caller recomputes the row exactly.
 *
 * <p>Holds the series of one row and unit at a time, so each thread needs its own.
 */
final class LossSeries {
    /** The highest degree used. */
    static final int MAX_DEGREE = 8;
    /** Returned when the row's loss does not change for any step within the radius (a ReLU that stays off). */
    static final int UNCHANGED = 0;
    /** Returned when the series cannot be shown accurate: the row must be recomputed exactly. */
    static final int EXACT = -1;

    /** The largest truncation error of one evaluation, so that a difference of two is at most {@code 1e-20}. */
    private static final double TAIL = 0.5e-20;
    /**
     * The ratios {@code q = ρ/R} tried, in order: the larger disc first, where the bounds hold on it (a network of
     * small weights, such as the book's at the start), since each degree's bound is then 2¹⁶ times below the one
     * before and fewer degrees are needed; the smaller wherever they do not.
     */
    private static final double[] RATIOS = {0x1p-16, 0x1p-10};
    /** The largest argument change of tan or exp that a bound takes: well inside where the bounds hold. */
    private static final double LIMIT = 0.5;
    /** {@code 1/d}, for the recurrences' divisions. */
    private static final double[] RECIPROCAL = new double[MAX_DEGREE + 1];

    static {
        for (int d = 1; d <= MAX_DEGREE; d++) {
            RECIPROCAL[d] = 1.0 / d;
        }
    }

    private final CachedPass pass;
    /** Per layer, bounds on the disc: {@code |pre-activation change|}, then {@code |output change|}. */
    private final double[][] change;
    private final double[][] reach;
    /** Per layer, the series of the pre-activations' and outputs' changes: degree d of unit m at {@code (d−1)·units + m}. */
    private final double[][] pre;
    private final double[][] out;
    /** The perturbed unit's output change. */
    private final double[] own = new double[MAX_DEGREE];
    /** A pre-activation moved by δ itself. */
    private final double[] step = new double[MAX_DEGREE];
    /** An activation's value and derivative as series, degrees 0…K. */
    private final double[] value = new double[MAX_DEGREE + 1];
    private final double[] slope = new double[MAX_DEGREE + 1];
    /** An activation's input series with degree d scaled by d. */
    private final double[] scaled = new double[MAX_DEGREE + 1];
    /** The softmax's {@code e^v − 1} per output, their sum weighted by the probabilities, and one target's terms. */
    private final double[] exps;
    private final double[] weighted = new double[MAX_DEGREE + 1];
    private final double[] ratio = new double[MAX_DEGREE + 1];
    private final double[] logs = new double[MAX_DEGREE + 1];

    LossSeries(CachedPass pass) {
        this.pass = pass;
        int layers = pass.layers.length;
        change = new double[layers][];
        reach = new double[layers][];
        pre = new double[layers][];
        out = new double[layers][];
        for (int k = 0; k < layers; k++) {
            int units = pass.units(k);
            change[k] = new double[units];
            reach[k] = new double[units];
            pre[k] = new double[MAX_DEGREE * units];
            out[k] = new double[MAX_DEGREE * units];
        }
        exps = new double[MAX_DEGREE * pass.units(pass.last)];
        step[0] = 1.0;
    }

    /**
     * Writes the coefficients {@code c_1 … c_K} of row {@code r}'s loss change in the pre-activation of unit
     * {@code j} of layer {@code k} to {@code c[at … at + K)}, accurate for steps {@code |δ| ≤ rho}, and returns K; or
     * returns {@link #UNCHANGED} or {@link #EXACT}.
     */
    int series(int k, int r, int j, double rho, double[] c, int at) {
        int units = pass.units(k);
        double a = pass.a[k][r * units + j];
        double z = pass.z[k][r * units + j];
        ActivationFunction f = pass.activation(k);
        for (double q : RATIOS) {
            double ownReach = reach(f, a, z, rho / q, q);
            if (ownReach == 0.0) {
                return UNCHANGED;
            }
            if (Double.isNaN(ownReach) || !boundOutputs(k, r, j, ownReach, q)) {
                continue;
            }
            int degree = degree(pass.softmax ? softmaxBound(r) : squaresBound(r), q);
            if (degree != EXACT) {
                return degree == UNCHANGED ? UNCHANGED : coefficients(k, r, j, f, z, ownReach, degree, c, at);
            }
        }
        return EXACT;
    }

    /** The coefficients of {@link #series}, once the degree is known. */
    private int coefficients(int k, int r, int j, ActivationFunction f, double z, double ownReach, int degree,
            double[] c, int at) {
        activation(f, z, ownReach, step, 0, 1, 1, degree, own, 0);
        boolean linear = f != ActivationFunction.TANH && f != ActivationFunction.SIGMOID;
        carryToOutputs(k, r, j, degree, linear ? 1 : degree);
        Arrays.fill(c, at, at + degree, 0.0);
        if (pass.softmax) {
            softmaxSeries(r, degree, c, at);
        } else {
            squaresSeries(r, degree, c, at);
        }
        return degree;
    }

    /** {@code Σ c_d δ^d}, d = 1…K, for coefficients at {@code c[at …]}. */
    static double polynomial(double[] c, int at, int degree, double delta) {
        double p = c[at + degree - 1];
        for (int d = degree - 2; d >= 0; d--) {
            p = Math.fma(delta, p, c[at + d]);
        }
        return delta * p;
    }

    /**
     * The least degree whose truncation bound, for a loss change of at most {@code bound} on the disc of radius
     * {@code ρ/q}, is below {@link #TAIL}.
     */
    private static int degree(double bound, double q) {
        if (bound == 0.0) {
            return UNCHANGED;
        }
        double tail = bound * q * q / (1 - q);
        for (int d = 1; d <= MAX_DEGREE; d++) {
            if (tail <= TAIL) {
                return d;
            }
            tail *= q;
        }
        return EXACT;
    }

    /**
     * Bounds the last layer's output changes on the disc, layer by layer from unit {@code j} of layer {@code k}, whose
     * output changes by at most {@code ownReach}; false where a bound fails.
     */
    private boolean boundOutputs(int k, int r, int j, double ownReach, double q) {
        int last = pass.last;
        if (k == last) {
            Arrays.fill(reach[last], 0.0);
            reach[last][j] = ownReach;
            return true;
        }
        double[] w = pass.layers[k + 1].getW();
        int next = pass.units(k + 1);
        for (int m = 0; m < next; m++) {
            change[k + 1][m] = Math.abs(w[j * next + m]) * ownReach;
        }
        for (int l = k + 1; l <= last; l++) {
            if (l > k + 1) {
                times(reach[l - 1], 1, pass.units(l - 1), pass.absW[l], pass.units(l), change[l]);
            }
            if (!reachOfLayer(l, r, q)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The series of the last layer's output changes, layer by layer from unit {@code j} of layer {@code k}, whose own
     * are {@link #own}: δ itself when its activation is linear there, and then the next layer's too, in which case
     * their activations' series take one term each.
     */
    private void carryToOutputs(int k, int r, int j, int degree, int ownTerms) {
        int last = pass.last;
        if (k == last) {
            int units = pass.units(last);
            Arrays.fill(out[last], 0, degree * units, 0.0);
            for (int d = 0; d < degree; d++) {
                out[last][d * units + j] = own[d];
            }
            return;
        }
        double[] w = pass.layers[k + 1].getW();
        int next = pass.units(k + 1);
        for (int d = 0; d < degree; d++) {
            for (int m = 0; m < next; m++) {
                pre[k + 1][d * next + m] = w[j * next + m] * own[d];
            }
        }
        for (int l = k + 1; l <= last; l++) {
            if (l > k + 1) {
                times(out[l - 1], degree, pass.units(l - 1), pass.layers[l].getW(), pass.units(l), pre[l]);
            }
            outputsOfLayer(l, r, l == k + 1 ? ownTerms : degree, degree);
        }
    }

    /** Bounds the output changes of layer {@code l} from its pre-activation changes; false where a bound fails. */
    private boolean reachOfLayer(int l, int r, double q) {
        int units = pass.units(l);
        ActivationFunction f = pass.activation(l);
        double[] a = pass.a[l];
        double[] z = pass.z[l];
        for (int m = 0; m < units; m++) {
            double bound = reach(f, a[r * units + m], z[r * units + m], change[l][m], q);
            if (Double.isNaN(bound)) {
                return false;
            }
            reach[l][m] = bound;
        }
        return true;
    }

    /**
     * The largest {@code |f(a + w) − f(a)|} over complex {@code |w| ≤ b}, for the unit of pre-activation {@code a}
     * and output {@code z}; NaN where the bound does not hold or a ReLU's input could reach 0 on the real steps, where
     * it changes by at most {@code b·q}.
     */
    private static double reach(ActivationFunction f, double a, double z, double b, double q) {
        if (b == 0.0) {
            return 0.0;
        }
        switch (f) {
            case RELU -> {
                double real = b * q;
                return a > real ? b : a < -real ? 0.0 : Double.NaN;
            }
            case TANH -> {
                double t = tanBound(b);
                return t <= LIMIT ? (1 - z) * (1 + z) * t / (1 - Math.abs(z) * t) : Double.NaN;
            }
            case SIGMOID -> {
                double t = tanBound(b / 2);
                return t <= LIMIT ? 2 * z * (1 - z) * t / (1 - Math.abs(2 * z - 1) * t) : Double.NaN;
            }
            default -> {
                return b;
            }
        }
    }

    /** {@code x / (1 − x²/2)}: at least {@code tan x} for {@code 0 ≤ x < √2}, term by term; NaN beyond {@link #LIMIT}. */
    private static double tanBound(double x) {
        return x <= LIMIT ? x / (1 - x * x / 2) : Double.NaN;
    }

    /** {@code x / (1 − x/2)}: at least {@code e^x − 1} for {@code 0 ≤ x < 2}, term by term; NaN beyond {@link #LIMIT}. */
    private static double expBound(double x) {
        return x <= LIMIT ? x / (1 - x / 2) : Double.NaN;
    }

    /** The largest change of the cross-entropy after the softmax, from the bounds on the logits' changes; NaN if none holds. */
    private double softmaxBound(int r) {
        int n = pass.units(pass.last);
        int row = r * n;
        double[] y = pass.z[pass.last];
        double s = 0.0;
        double moved = 0.0;
        for (int m = 0; m < n; m++) {
            s += y[row + m];
            moved += y[row + m] * expBound(reach[pass.last][m]);
        }
        if (!(moved <= s / 2)) {
            return Double.NaN;
        }
        double bound = 0.0;
        for (int m = 0; m < n; m++) {
            double t = pass.t[row + m];
            if (t != 0.0) {
                double ym = y[row + m];
                double u = ym / (ym + LossKernel.DELTA) * (s * expBound(reach[pass.last][m]) + moved) / (s - moved);
                if (!(u <= LIMIT)) {
                    return Double.NaN;
                }
                bound += Math.abs(t) * u / (1 - u);
            }
        }
        return bound;
    }

    /** The largest change of the squared error, from the bounds on the outputs' changes. */
    private double squaresBound(int r) {
        int n = pass.units(pass.last);
        int row = r * n;
        double[] y = pass.z[pass.last];
        double bound = 0.0;
        for (int m = 0; m < n; m++) {
            double v = reach[pass.last][m];
            bound += Math.abs(y[row + m] - pass.t[row + m]) * v + 0.5 * v * v;
        }
        return bound;
    }

    /** The series of layer {@code l}'s output changes from those of its pre-activations, none above degree {@code terms}. */
    private void outputsOfLayer(int l, int r, int terms, int degree) {
        int units = pass.units(l);
        ActivationFunction f = pass.activation(l);
        double[] z = pass.z[l];
        for (int m = 0; m < units; m++) {
            activation(f, z[r * units + m], reach[l][m], pre[l], m, units, terms, degree, out[l], m);
        }
    }

    /**
     * The series of {@code f(a + u) − f(a)} from the series of {@code u} (degree d at {@code u[uAt + (d−1)·stride]},
     * none above {@code terms}) into {@code v} likewise, for a unit of output {@code z} whose change is bounded by
     * {@code bound} (0: none; a ReLU with a non-zero bound is on).
     */
    private void activation(ActivationFunction f, double z, double bound, double[] u, int uAt, int stride, int terms,
            int degree, double[] v, int vAt) {
        if (bound == 0.0) {
            for (int d = 0; d < degree; d++) {
                v[vAt + d * stride] = 0.0;
            }
            return;
        }
        if (f != ActivationFunction.TANH && f != ActivationFunction.SIGMOID) {
            for (int d = 0; d < degree; d++) {
                v[vAt + d * stride] = u[uAt + d * stride];
            }
            return;
        }
        // f' = 1 − f² for tanh and f(1 − f) for the sigmoid, so with F = f(a + u): d·F_d = Σ i·u_i·f'_(d−i), and the
        // derivative's own series follows from F's: f'_d = lin·F_d − Σ_(0<i<d) F_i·F_(d−i).
        boolean tanh = f == ActivationFunction.TANH;
        int n = Math.min(terms, degree);
        for (int i = 1; i <= n; i++) {
            scaled[i] = i * u[uAt + (i - 1) * stride];
        }
        value[0] = z;
        slope[0] = tanh ? (1 - z) * (1 + z) : z * (1 - z);
        double lin = tanh ? -2 * z : 1 - 2 * z;
        for (int d = 1; d <= degree; d++) {
            double sum = 0.0;
            for (int i = 1, top = Math.min(d, n); i <= top; i++) {
                sum = Math.fma(scaled[i], slope[d - i], sum);
            }
            double fd = sum * RECIPROCAL[d];
            value[d] = fd;
            double squares = 0.0;
            for (int i = 1; i < d; i++) {
                squares = Math.fma(value[i], value[d - i], squares);
            }
            slope[d] = lin * fd - squares;
            v[vAt + (d - 1) * stride] = fd;
        }
    }

    /**
     * The softmax's cross-entropy change: with {@code E_m = e^(v_m) − 1}, {@code S = Σ y_m} and {@code W = Σ y_m·E_m},
     * the probability of output m moves by the factor {@code ρ_m = 1 + (S·E_m − W)/(S + W)}, and the row's loss by
     * {@code −Σ t_m·log(1 + y_m/(y_m + 1e-7)·(ρ_m − 1))}.
     */
    private void softmaxSeries(int r, int degree, double[] c, int at) {
        int n = pass.units(pass.last);
        int row = r * n;
        double[] y = pass.z[pass.last];
        double[] v = out[pass.last];
        double s = 0.0;
        for (int m = 0; m < n; m++) {
            s += y[row + m];
        }
        Arrays.fill(weighted, 0.0);
        for (int m = 0; m < n; m++) {
            if (reach[pass.last][m] == 0.0) {
                for (int d = 0; d < degree; d++) {
                    exps[d * n + m] = 0.0;
                }
                continue;
            }
            // e = exp(v): d·e_d = Σ i·v_i·e_(d−i), e_0 = 1
            value[0] = 1.0;
            for (int d = 1; d <= degree; d++) {
                double sum = 0.0;
                for (int i = 1; i <= d; i++) {
                    sum = Math.fma(i * v[(i - 1) * n + m], value[d - i], sum);
                }
                value[d] = sum * RECIPROCAL[d];
                exps[(d - 1) * n + m] = value[d];
                weighted[d] = Math.fma(y[row + m], value[d], weighted[d]);
            }
        }
        for (int m = 0; m < n; m++) {
            double t = pass.t[row + m];
            if (t == 0.0) {
                continue;
            }
            double share = y[row + m] / (y[row + m] + LossKernel.DELTA);
            for (int d = 1; d <= degree; d++) {
                // ρ − 1 = N/D with N = S·E_m − W and D = S + W
                double sum = s * exps[(d - 1) * n + m] - weighted[d];
                for (int i = 1; i < d; i++) {
                    sum = Math.fma(-weighted[i], ratio[d - i], sum);
                }
                ratio[d] = sum / s;
                // log(1 + X), X = share·(ρ − 1): G_d = X_d − (Σ i·G_i·X_(d−i))/d
                double x = share * ratio[d];
                double products = 0.0;
                for (int i = 1; i < d; i++) {
                    products = Math.fma(i * logs[i], share * ratio[d - i], products);
                }
                logs[d] = Math.fma(-products, RECIPROCAL[d], x);
                c[at + d - 1] = Math.fma(-t, logs[d], c[at + d - 1]);
            }
        }
    }

    /** The squared error's change: {@code Σ_m (y_m − t_m)·v_m + v_m²/2}. */
    private void squaresSeries(int r, int degree, double[] c, int at) {
        int n = pass.units(pass.last);
        int row = r * n;
        double[] y = pass.z[pass.last];
        double[] v = out[pass.last];
        for (int m = 0; m < n; m++) {
            if (reach[pass.last][m] == 0.0) {
                continue;
            }
            double residual = y[row + m] - pass.t[row + m];
            for (int d = 1; d <= degree; d++) {
                double squares = 0.0;
                for (int i = 1; i < d; i++) {
                    squares = Math.fma(v[(i - 1) * n + m], v[(d - i - 1) * n + m], squares);
                }
                c[at + d - 1] += Math.fma(residual, v[(d - 1) * n + m], 0.5 * squares);
            }
        }
    }

    /**
     * {@code u = v · w} for {@code rows} rows of series (or bounds) {@code v} of {@code n} values and {@code w} of
     * {@code n × next}: one layer's change carried to the next layer's pre-activations.
     */
    private static void times(double[] v, int rows, int n, double[] w, int next, double[] u) {
        Arrays.fill(u, 0, rows * next, 0.0);
        for (int m = 0; m < n; m++) {
            int wRow = m * next;
            for (int d = 0; d < rows; d++) {
                double factor = v[d * n + m];
                if (factor != 0.0) {
                    int uRow = d * next;
                    for (int p = 0; p < next; p++) {
                        u[uRow + p] = Math.fma(factor, w[wRow + p], u[uRow + p]);
                    }
                }
            }
        }
    }
}
