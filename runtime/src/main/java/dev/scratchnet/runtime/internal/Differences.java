package dev.scratchnet.runtime.internal;

import java.util.Arrays;

/**
 * The book's numerical gradient, {@code (L(w + h) − L(w − h)) / 2h} with {@code h = 1e-4}, for one layer's
 * parameters, computed from a forward pass's cached values rather than by rerunning it: perturbing {@code W[i][j]}
 * moves only unit {@code j}'s pre-activation, by {@code Δ·in[r][i]} in row {@code r} ({@code Δ = (w ± h) − w}, the
 * change the generic difference really makes to the parameter), so a row whose input {@code i} is 0 keeps its loss
 * and is skipped, and the others are recomputed from that unit on by the model's {@link UnitLoss}. The result is
 * the one the generic difference gives, to far below 1e-9.
 */
public final class Differences {
    /** The step of the central difference, as in the book. */
    public static final double H = 1e-4;

    private Differences() {}

    /**
     * The differences for {@code layer}'s weights into {@code g}: {@code in} holds the layer's input rows
     * ({@code rows × inputs}), {@code a} its pre-activations ({@code rows × units}).
     */
    public static void weights(double[] in, int rows, AffineKernel layer, double[] a, UnitLoss loss, double[] g) {
        int inputs = layer.getInputs();
        int units = layer.getUnits();
        double[] w = layer.getW();
        Arrays.fill(g, 0, inputs * units, 0.0);
        for (int i = 0; i < inputs; i++) {
            int row = i * units;
            for (int r = 0; r < rows; r++) {
                double input = in[r * inputs + i];
                if (input == 0.0) {
                    continue;
                }
                for (int j = 0; j < units; j++) {
                    double wij = w[row + j];
                    double aj = a[r * units + j];
                    g[row + j] += loss.loss(r, j, aj + ((wij + H) - wij) * input)
                            - loss.loss(r, j, aj + ((wij - H) - wij) * input);
                }
            }
        }
        for (int p = 0; p < inputs * units; p++) {
            g[p] = g[p] / rows / (2 * H);
        }
    }

    /** The differences for {@code layer}'s biases into {@code g}: perturbing {@code b[j]} moves unit {@code j} in every row. */
    public static void biases(int rows, AffineKernel layer, double[] a, UnitLoss loss, double[] g) {
        int units = layer.getUnits();
        double[] b = layer.getB();
        for (int j = 0; j < units; j++) {
            double bj = b[j];
            double up = (bj + H) - bj;
            double down = (bj - H) - bj;
            double sum = 0.0;
            for (int r = 0; r < rows; r++) {
                double aj = a[r * units + j];
                sum += loss.loss(r, j, aj + up) - loss.loss(r, j, aj + down);
            }
            g[j] = sum / rows / (2 * H);
        }
    }
}
