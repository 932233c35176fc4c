package dev.scratchnet.runtime.internal;

import dev.scratchnet.annotations.ActivationFunction;

/**
 * One row's loss when one unit's pre-activation is replaced, the rest of that row's forward pass recomputed by the
 * kernels the batch pass used: the exact value that the numerical gradient's series fall back to. Moving unit
 * {@code j} by {@code dz} moves the next layer's pre-activations by {@code dz · W[j]} ({@link AffineKernel#shift});
 * every later layer is recomputed for the row, and a unit whose output does not change leaves the row's cached loss.
 * Holds one row of work per layer, so each thread needs its own.
 */
final class RowLoss {
    private final CachedPass pass;
    /** One row's perturbed pre-activations and outputs of each layer. */
    private final double[][] s;
    private final double[][] u;

    RowLoss(CachedPass pass) {
        this.pass = pass;
        this.s = new double[pass.layers.length][];
        this.u = new double[pass.layers.length][];
        for (int k = 0; k < s.length; k++) {
            s[k] = new double[pass.units(k)];
            u[k] = new double[pass.units(k)];
        }
    }

    /** The loss of row {@code r} when unit {@code j} of layer {@code k} has pre-activation {@code a}. */
    double loss(int k, int r, int j, double a) {
        int units = pass.units(k);
        if (k == pass.last) {
            System.arraycopy(pass.a[k], r * units, s[k], 0, units);
            s[k][j] = a;
            return lastLoss(r);
        }
        double dz = Activations.apply(pass.activation(k), a) - pass.z[k][r * units + j];
        if (dz == 0.0) {
            return pass.rowLoss[r];
        }
        pass.layers[k + 1].shift(pass.a[k + 1], r, j, dz, s[k + 1]);
        for (int l = k + 1; l < pass.last; l++) {
            Activations.forward(pass.activation(l), s[l], u[l], 0, 1, pass.units(l));
            pass.layers[l + 1].forward(u[l], 0, 1, s[l + 1]);
        }
        return lastLoss(r);
    }

    /** Row {@code r}'s loss from the last layer's perturbed pre-activations. */
    private double lastLoss(int r) {
        int l = pass.last;
        ActivationFunction f = pass.activation(l);
        if (f == ActivationFunction.IDENTITY) {
            return pass.loss.rowLoss(s[l], pass.t, r);
        }
        Activations.forward(f, s[l], u[l], 0, 1, pass.units(l));
        return pass.loss.rowLoss(u[l], pass.t, r);
    }
}
