package dev.scratchnet.runtime.internal;

import dev.scratchnet.annotations.LossFunction;

/**
 * The book's last layer, over rows {@code [from, to)} of {@code width} outputs: {@code SoftmaxWithLoss} (softmax,
 * then cross-entropy) or {@code IdentityWithLoss} (the mean squared error of the outputs). Each row's loss is kept
 * apart and the batch loss is their mean in row order ({@link #mean}), so a row's loss does not depend on which
 * core computed it, and a model can recompute one row's loss ({@link #rowLoss}) exactly as the batch pass did.
 * Generated models and the DSL's loss layers both compute with it.
 */
public abstract sealed class LossKernel {
    /** The guard against {@code log(0)} in the cross-entropy, as in the book. */
    public static final double DELTA = 1e-7;

    final int width;

    private LossKernel(int width) {
        if (width <= 0) {
            throw new IllegalArgumentException("a loss needs at least one output, got " + width);
        }
        this.width = width;
    }

    /** The last layer of a network trained on {@code loss} with {@code width} outputs. */
    public static LossKernel of(LossFunction loss, int width) {
        return loss == LossFunction.MEAN_SQUARED_ERROR ? new SquaredError(width) : new SoftmaxCrossEntropy(width);
    }

    public int getWidth() {
        return width;
    }

    /** Whether this is the softmax's cross-entropy, whose outputs are probabilities; else the squared error. */
    boolean isSoftmax() {
        return this instanceof SoftmaxCrossEntropy;
    }

    /**
     * Rows {@code [from, to)}: the outputs {@code y} of the scores {@code a} (the softmax's probabilities, or
     * {@code a} itself, when {@code y} may be the same array), and each row's loss against {@code t} into
     * {@code rowLoss}.
     */
    public abstract void forward(double[] a, double[] t, double[] y, double[] rowLoss, int from, int to);

    /** Rows {@code [from, to)} of the outputs {@code y} alone, for predictions. */
    public abstract void outputs(double[] a, double[] y, int from, int to);

    /**
     * Rows {@code [from, to)} of the gradient with respect to the scores of a batch of {@code rows} rows:
     * {@code d = (y − t) / rows}, for both losses.
     */
    public void backward(double[] y, double[] t, int rows, double[] d, int from, int to) {
        for (int i = from * width, end = to * width; i < end; i++) {
            d[i] = (y[i] - t[i]) / rows;
        }
    }

    /** Row {@code r}'s loss when its scores are {@code s[0 … width)}: the value {@link #forward} gives for them. */
    public abstract double rowLoss(double[] s, double[] t, int r);

    /** The batch loss: the mean of the first {@code rows} row losses, summed in row order. */
    public static double mean(double[] rowLoss, int rows) {
        double sum = 0.0;
        for (int r = 0; r < rows; r++) {
            sum += rowLoss[r];
        }
        return sum / rows;
    }

    /** The fraction of {@code rows} rows whose largest score (the first, on ties) is at the row's label. */
    public static double accuracy(double[] scores, int[] labels, int rows, int width) {
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * width;
            int best = 0;
            for (int j = 1; j < width; j++) {
                if (scores[row + j] > scores[row + best]) {
                    best = j;
                }
            }
            if (best == labels[r]) {
                correct++;
            }
        }
        return (double) correct / rows;
    }

    /** Softmax with the row's largest score subtracted against overflow, then {@code −Σ t·log(y + 1e-7)}. */
    private static final class SoftmaxCrossEntropy extends LossKernel {
        SoftmaxCrossEntropy(int width) {
            super(width);
        }

        @Override
        public void forward(double[] a, double[] t, double[] y, double[] rowLoss, int from, int to) {
            outputs(a, y, from, to);
            for (int r = from; r < to; r++) {
                int row = r * width;
                double loss = 0.0;
                for (int j = 0; j < width; j++) {
                    // A zero target contributes exactly nothing: its logarithm is not taken.
                    double tj = t[row + j];
                    if (tj != 0.0) {
                        loss -= tj * Math.log(y[row + j] + DELTA);
                    }
                }
                rowLoss[r] = loss;
            }
        }

        @Override
        public void outputs(double[] a, double[] y, int from, int to) {
            for (int r = from; r < to; r++) {
                int row = r * width;
                double max = a[row];
                for (int j = 1; j < width; j++) {
                    max = Math.max(max, a[row + j]);
                }
                double sum = 0.0;
                for (int j = 0; j < width; j++) {
                    double e = Math.exp(a[row + j] - max);
                    y[row + j] = e;
                    sum += e;
                }
                for (int j = 0; j < width; j++) {
                    y[row + j] /= sum;
                }
            }
        }

        @Override
        public double rowLoss(double[] s, double[] t, int r) {
            double max = s[0];
            for (int j = 1; j < width; j++) {
                max = Math.max(max, s[j]);
            }
            double sum = 0.0;
            for (int j = 0; j < width; j++) {
                sum += Math.exp(s[j] - max);
            }
            double loss = 0.0;
            int row = r * width;
            for (int j = 0; j < width; j++) {
                double tj = t[row + j];
                if (tj != 0.0) {
                    loss -= tj * Math.log(Math.exp(s[j] - max) / sum + DELTA);
                }
            }
            return loss;
        }
    }

    /** {@code ½·Σ (y − t)²} of the outputs as they are. */
    private static final class SquaredError extends LossKernel {
        SquaredError(int width) {
            super(width);
        }

        @Override
        public void forward(double[] a, double[] t, double[] y, double[] rowLoss, int from, int to) {
            outputs(a, y, from, to);
            for (int r = from; r < to; r++) {
                rowLoss[r] = squares(a, r * width, t, r * width);
            }
        }

        @Override
        public void outputs(double[] a, double[] y, int from, int to) {
            if (y != a) {
                System.arraycopy(a, from * width, y, from * width, (to - from) * width);
            }
        }

        @Override
        public double rowLoss(double[] s, double[] t, int r) {
            return squares(s, 0, t, r * width);
        }

        private double squares(double[] y, int at, double[] t, int tAt) {
            double loss = 0.0;
            for (int j = 0; j < width; j++) {
                double e = y[at + j] - t[tAt + j];
                loss += e * e;
            }
            return 0.5 * loss;
        }
    }
}
