package dev.scratchnet.runtime.internal;

import dev.scratchnet.annotations.ActivationFunction;
import org.jspecify.annotations.Nullable;

/**
 * A network's layers and the values of one forward pass over a batch, as a model cached them: what the numerical
 * gradient's kernels ({@link Differences}, {@link RowLoss}, {@link LossSeries}) read. Layers are counted from 0 here.
 */
final class CachedPass {
    private static final double[] NONE = new double[0];

    final AffineKernel[] layers;
    final ActivationFunction[] activations;
    final LossKernel loss;
    /** Whether the loss is the softmax's cross-entropy, whose last layer's activation is the softmax. */
    final boolean softmax;
    final int last;
    /** {@code |W|} of every layer but the first, refreshed for each pass: what bounds a change's reach. */
    final double[][] absW;

    /** The pass: its inputs, targets, each row's loss, and each layer's pre-activations {@code a} and outputs {@code z}. */
    @Nullable InputRows x;
    double[] t = NONE;
    double[] rowLoss = NONE;
    int rows;
    final double[][] a;
    final double[][] z;

    CachedPass(AffineKernel[] layers, ActivationFunction[] activations, LossKernel loss) {
        this.layers = layers;
        this.activations = activations;
        this.loss = loss;
        this.softmax = loss.isSoftmax();
        this.last = layers.length - 1;
        this.absW = new double[layers.length][];
        for (int k = 1; k < layers.length; k++) {
            absW[k] = new double[layers[k].getW().length];
        }
        this.a = new double[layers.length][];
        this.z = new double[layers.length][];
        clear();
    }

    int units(int k) {
        return layers[k].getUnits();
    }

    /** The activation layer {@code k} applies itself: the softmax of the last layer is the loss's. */
    ActivationFunction activation(int k) {
        ActivationFunction f = activations[k];
        return f == ActivationFunction.SOFTMAX ? ActivationFunction.IDENTITY : f;
    }

    /** Takes |W| of the layers' current weights, which the last pass used. */
    void refreshAbsoluteWeights() {
        for (int k = 1; k < layers.length; k++) {
            double[] w = layers[k].getW();
            double[] abs = absW[k];
            for (int p = 0; p < w.length; p++) {
                abs[p] = Math.abs(w[p]);
            }
        }
    }

    void clear() {
        x = null;
        t = NONE;
        rowLoss = NONE;
        rows = 0;
        for (int k = 0; k < layers.length; k++) {
            a[k] = NONE;
            z[k] = NONE;
        }
    }
}
