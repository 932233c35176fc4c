package dev.scratchnet.runtime.data;

import dev.scratchnet.runtime.io.Tensor;
import dev.scratchnet.runtime.io.TensorFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Standardisation to mean 0 and variance 1, {@code (v − mean) / deviation} per column, of a dataset's features
 * ({@link #fit}) or of a regression dataset's targets ({@link #fitTargets}), fitted on the training rows only (so
 * nothing of the test set leaks into training) and applied to any rows of the same columns; {@link #invert} turns
 * standardised values back, e.g. a network's outputs into the targets' units. The deviation is the population one
 * (divided by n, as scikit-learn's {@code StandardScaler}); a column that is constant in the training rows keeps
 * deviation 1, so it becomes 0 rather than NaN. Saved beside the weights as two tensors ({@link #toTensors}), so that
 * a loaded model predicts on raw rows.
 */
public final class Standardizer {
    /** The names under which the features' and the targets' standardizers are saved. */
    public static final String FEATURES = "standardizer";
    public static final String TARGETS = "standardizer.targets";

    private final double[] means;
    private final double[] deviations;

    private Standardizer(double[] means, double[] deviations) {
        this.means = means;
        this.deviations = deviations;
    }

    /** The means and deviations of {@code train}'s features. */
    public static Standardizer fit(Dataset train) {
        return fit(train.getX(), train.getSize(), train.getFeatures());
    }

    /** The means and deviations of the regression dataset {@code train}'s targets. */
    public static Standardizer fitTargets(Dataset train) {
        if (train.isClassification()) {
            throw new IllegalArgumentException("class labels are not standardised; only a regression dataset's targets");
        }
        return fit(train.getTargets(), train.getSize(), train.getOutputs());
    }

    private static Standardizer fit(double[] x, int n, int f) {
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on an empty dataset");
        }
        double[] means = new double[f];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < f; j++) {
                means[j] += x[r * f + j];
            }
        }
        for (int j = 0; j < f; j++) {
            means[j] /= n;
        }
        double[] deviations = new double[f];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < f; j++) {
                double d = x[r * f + j] - means[j];
                deviations[j] += d * d;
            }
        }
        for (int j = 0; j < f; j++) {
            double deviation = Math.sqrt(deviations[j] / n);
            deviations[j] = deviation > 0 ? deviation : 1.0;
        }
        return new Standardizer(means, deviations);
    }

    /**
     * The standardizer saved as {@code name} ({@link #FEATURES} or {@link #TARGETS}), as {@link #toTensors} writes it,
     * or empty when {@code file} holds none.
     *
     * @throws IllegalArgumentException when only one of its two tensors is there, they differ in length, or a
     *         deviation is not positive and finite, naming the file
     */
    public static Optional<Standardizer> from(TensorFile file, String name) {
        Tensor means = file.getTensors().get(name + ".mean");
        Tensor deviations = file.getTensors().get(name + ".std");
        if (means == null && deviations == null) {
            return Optional.empty();
        }
        if (means == null || deviations == null || means.getSize() != deviations.getSize()) {
            throw new IllegalArgumentException(file.getName() + ": a standardizer needs tensors " + name + ".mean and "
                    + name + ".std of the same length");
        }
        double[] m = means.getData();
        double[] d = deviations.getData();
        for (int j = 0; j < d.length; j++) {
            if (!Double.isFinite(m[j]) || !(d[j] > 0) || Double.isInfinite(d[j])) {
                throw new IllegalArgumentException(file.getName() + ": standardizer feature " + j + " has mean " + m[j]
                        + " and deviation " + d[j] + "; a deviation must be finite and > 0");
            }
        }
        return Optional.of(new Standardizer(m.clone(), d.clone()));
    }

    /** The number of columns it standardises. */
    public int getColumns() {
        return means.length;
    }

    /** A copy of the features' means. */
    public double[] getMeans() {
        return means.clone();
    }

    /** A copy of the features' deviations. */
    public double[] getDeviations() {
        return deviations.clone();
    }

    /** A new dataset of {@code data}'s rows standardised, with the same labels or targets. */
    public Dataset apply(Dataset data) {
        requireColumns(data.getFeatures());
        double[] x = data.getX().clone();
        apply(x, data.getSize());
        return data.isClassification()
                ? new Dataset(x, data.getLabels(), data.getFeatures(), data.getClasses())
                : Dataset.ofTargets(x, data.getTargets(), data.getFeatures(), data.getOutputs());
    }

    /** A new regression dataset of {@code data}'s rows with its targets standardised. */
    public Dataset applyToTargets(Dataset data) {
        requireColumns(data.getOutputs());
        double[] t = data.getTargets().clone();
        apply(t, data.getSize());
        return Dataset.ofTargets(data.getX(), t, data.getFeatures(), data.getOutputs());
    }

    /** Standardises {@code rows} raw rows of {@code values} (row-major) in place. */
    public void apply(double[] values, int rows) {
        int f = checkedColumns(values, rows);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < f; j++) {
                values[r * f + j] = (values[r * f + j] - means[j]) / deviations[j];
            }
        }
    }

    /** Turns {@code rows} standardised rows of {@code values} (row-major) back into raw ones, in place. */
    public void invert(double[] values, int rows) {
        int f = checkedColumns(values, rows);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < f; j++) {
                values[r * f + j] = values[r * f + j] * deviations[j] + means[j];
            }
        }
    }

    private int checkedColumns(double[] values, int rows) {
        int f = means.length;
        if ((long) rows * f > values.length) {
            throw new IllegalArgumentException(rows + " rows of " + f + " columns do not fit " + values.length + " values");
        }
        return f;
    }

    private void requireColumns(int columns) {
        if (columns != means.length) {
            throw new IllegalArgumentException("the rows have " + columns + " columns to standardise; this standardizer"
                    + " was fitted on " + means.length);
        }
    }

    /** The means and deviations as tensors {@code name.mean} and {@code name.std}, to save beside the weights. */
    public Map<String, Tensor> toTensors(String name) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put(name + ".mean", new Tensor(new int[] {means.length}, means.clone()));
        tensors.put(name + ".std", new Tensor(new int[] {deviations.length}, deviations.clone()));
        return tensors;
    }
}
