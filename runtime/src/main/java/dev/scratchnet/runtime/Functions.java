package dev.scratchnet.runtime;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.runtime.internal.Activations;
import java.util.function.DoubleUnaryOperator;

/**
 * The activation and loss functions of chapters 3 and 4 of <i>Deep Learning from Scratch</i>
 * ({@code common/functions.py}): each on a scalar, on a {@code double[]} (returning a new array) and on a
 * {@link Matrix} of rows, plus the allocation-free kernel {@link #softmaxRowsInPlace} for code that owns
 * its buffers.
 *
 * <p>Losses over a {@link Matrix} are averaged over its rows (the batch), as the book's batch
 * {@code cross_entropy_error} divides by {@code batch_size}; the {@code double[]} overloads are one sample.
 */
public final class Functions {
    /** Added to {@code y} inside the logarithm of cross-entropy so that {@code y = 0} gives a finite loss (the book's {@code delta}). */
    public static final double CROSS_ENTROPY_DELTA = 1e-7;

    private Functions() {}

    /** {@code x > 0 ? 1 : 0}: the perceptron's activation. */
    public static double step(double x) {
        return x > 0 ? 1 : 0;
    }

    /**
     * {@code 1 / (1 + e^-x)}, with the {@code exp} networks use (within 1 ulp of {@link Math#exp}), so that this
     * and a network's sigmoid layer give the same bits.
     */
    public static double sigmoid(double x) {
        return Activations.sigmoid(x);
    }

    /** {@code max(0, x)}. */
    public static double relu(double x) {
        return Math.max(0, x);
    }

    /** The hyperbolic tangent, as a network's tanh layer computes it (within 4 ulp of {@link Math#tanh}). */
    public static double tanh(double x) {
        return Activations.tanh(x);
    }

    /** {@code x}: the output layer of a regression network (the book's {@code identity_function}). */
    public static double identity(double x) {
        return x;
    }

    /** {@link #step(double)} of every element, as a new array. */
    public static double[] step(double[] x) {
        return map(x, Functions::step);
    }

    /** {@link #sigmoid(double)} of every element, as a new array. */
    public static double[] sigmoid(double[] x) {
        return map(x, Functions::sigmoid);
    }

    /** {@link #relu(double)} of every element, as a new array. */
    public static double[] relu(double[] x) {
        return map(x, Functions::relu);
    }

    /** {@link #tanh(double)} of every element, as a new array. */
    public static double[] tanh(double[] x) {
        return map(x, Functions::tanh);
    }

    /** A copy of {@code x}. */
    public static double[] identity(double[] x) {
        return x.clone();
    }

    /** {@link #step(double)} of every element, as a new matrix. */
    public static Matrix step(Matrix x) {
        return x.map(Functions::step);
    }

    /** {@link #sigmoid(double)} of every element, as a new matrix. */
    public static Matrix sigmoid(Matrix x) {
        return x.map(Functions::sigmoid);
    }

    /** {@link #relu(double)} of every element, as a new matrix. */
    public static Matrix relu(Matrix x) {
        return x.map(Functions::relu);
    }

    /** {@link #tanh(double)} of every element, as a new matrix. */
    public static Matrix tanh(Matrix x) {
        return x.map(Functions::tanh);
    }

    /** A copy of {@code x}. */
    public static Matrix identity(Matrix x) {
        return x.copy();
    }

    /**
     * {@code e^(x_k - max) / Σ e^(x_i - max)}: the probabilities of one sample, as a new array. Subtracting
     * the maximum leaves the result unchanged and keeps {@code e^x} from overflowing for large inputs.
     */
    public static double[] softmax(double[] x) {
        double[] out = x.clone();
        softmaxRowsInPlace(out, 1, out.length);
        return out;
    }

    /** {@link #softmax(double[])} of every row, as a new matrix. */
    public static Matrix softmax(Matrix x) {
        Matrix out = x.copy();
        softmaxRowsInPlace(out.getData(), out.getRows(), out.getCols());
        return out;
    }

    /** Replaces each of the {@code rows} rows of {@code a} (row-major, {@code rows × cols}) by its softmax. */
    public static void softmaxRowsInPlace(double[] a, int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("softmax needs at least one row and one column, got " + rows + "×" + cols);
        }
        if ((long) rows * cols != a.length) {
            throw new IllegalArgumentException(
                    "softmax of " + rows + "×" + cols + " needs " + (long) rows * cols + " values, the array has " + a.length);
        }
        for (int base = 0; base < a.length; base += cols) {
            double max = a[base];
            for (int j = base + 1; j < base + cols; j++) {
                max = Math.max(max, a[j]);
            }
            double sum = 0;
            for (int j = base; j < base + cols; j++) {
                a[j] = Math.exp(a[j] - max);
                sum += a[j];
            }
            for (int j = base; j < base + cols; j++) {
                a[j] /= sum;
            }
        }
    }

    /** {@code f} applied to {@code x} as a new matrix; {@link ActivationFunction#SOFTMAX} works row by row. */
    public static Matrix apply(ActivationFunction f, Matrix x) {
        return switch (f) {
            case IDENTITY -> identity(x);
            case SIGMOID -> sigmoid(x);
            case RELU -> relu(x);
            case TANH -> tanh(x);
            case STEP -> step(x);
            case SOFTMAX -> softmax(x);
        };
    }

    /** {@code 0.5 · Σ (y - t)²} over all elements, divided by the number of rows (the batch size). */
    public static double meanSquaredError(Matrix y, Matrix t) {
        requireSameShape("meanSquaredError", y, t);
        double[] yd = y.getData();
        double[] td = t.getData();
        double sum = 0;
        for (int i = 0; i < yd.length; i++) {
            double d = yd[i] - td[i];
            sum += d * d;
        }
        return 0.5 * sum / y.getRows();
    }

    /** {@link #meanSquaredError(Matrix, Matrix)} against the one-hot rows of {@code labels}, one label per row of {@code y}. */
    public static double meanSquaredError(Matrix y, int[] labels) {
        int cols = y.getCols();
        requireLabels(labels, y.getRows(), cols);
        double[] yd = y.getData();
        double sum = 0;
        for (int i = 0; i < yd.length; i++) {
            double d = yd[i] - (i % cols == labels[i / cols] ? 1 : 0);
            sum += d * d;
        }
        return 0.5 * sum / y.getRows();
    }

    /** {@code -Σ t · log(y + 1e-7)} over all elements, divided by the number of rows (the batch size). */
    public static double crossEntropyError(Matrix y, Matrix t) {
        requireSameShape("crossEntropyError", y, t);
        double[] yd = y.getData();
        double[] td = t.getData();
        double sum = 0;
        for (int i = 0; i < yd.length; i++) {
            sum += td[i] * Math.log(yd[i] + CROSS_ENTROPY_DELTA);
        }
        return -sum / y.getRows();
    }

    /**
     * {@link #crossEntropyError(Matrix, Matrix)} against the one-hot rows of {@code labels}: only the labelled
     * column of each row contributes, as in the book's {@code y[np.arange(batch_size), t]}.
     */
    public static double crossEntropyError(Matrix y, int[] labels) {
        int cols = y.getCols();
        requireLabels(labels, y.getRows(), cols);
        double[] yd = y.getData();
        double sum = 0;
        for (int r = 0; r < labels.length; r++) {
            sum += Math.log(yd[r * cols + labels[r]] + CROSS_ENTROPY_DELTA);
        }
        return -sum / y.getRows();
    }

    /** {@code 0.5 · Σ (y - t)²} of one sample. */
    public static double meanSquaredError(double[] y, double[] t) {
        return meanSquaredError(sample("y", y), sample("t", t));
    }

    /** {@link #meanSquaredError(double[], double[])} against the one-hot vector of {@code label}. */
    public static double meanSquaredError(double[] y, int label) {
        return meanSquaredError(sample("y", y), new int[] {label});
    }

    /** {@code -Σ t · log(y + 1e-7)} of one sample. */
    public static double crossEntropyError(double[] y, double[] t) {
        return crossEntropyError(sample("y", y), sample("t", t));
    }

    /** {@code -log(y[label] + 1e-7)}: {@link #crossEntropyError(double[], double[])} against the one-hot vector of {@code label}. */
    public static double crossEntropyError(double[] y, int label) {
        return crossEntropyError(sample("y", y), new int[] {label});
    }

    /** One row per label, {@code 1} in the label's column and {@code 0} elsewhere. */
    public static Matrix oneHot(int[] labels, int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive, got " + classes);
        }
        requireLabels(labels, labels.length, classes);
        Matrix out = Matrix.zeros(labels.length, classes);
        for (int r = 0; r < labels.length; r++) {
            out.set(r, labels[r], 1);
        }
        return out;
    }

    private static double[] map(double[] x, DoubleUnaryOperator f) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = f.applyAsDouble(x[i]);
        }
        return out;
    }

    private static Matrix sample(String name, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " is empty: expected one value per class");
        }
        return new Matrix(1, values.length, values);
    }

    private static void requireSameShape(String function, Matrix y, Matrix t) {
        if (y.getRows() != t.getRows() || y.getCols() != t.getCols()) {
            throw new IllegalArgumentException(function + ": expected t to have the shape of y, " + y.getRows() + "×" + y.getCols()
                    + ", got " + t.getRows() + "×" + t.getCols());
        }
    }

    private static void requireLabels(int[] labels, int rows, int classes) {
        if (labels.length == 0) {
            throw new IllegalArgumentException("labels are empty: expected at least one");
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException("expected one label per row, " + rows + " labels, got " + labels.length);
        }
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("labels[" + r + "]: expected a class in [0, " + classes + "), got " + labels[r]);
            }
        }
    }
}
