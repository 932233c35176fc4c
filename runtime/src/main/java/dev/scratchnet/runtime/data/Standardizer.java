package dev.scratchnet.runtime.data;

import dev.scratchnet.runtime.io.Tensor;
import dev.scratchnet.runtime.io.TensorFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Standardisation of features to mean 0 and variance 1, {@code (x − mean) / deviation} per feature, fitted on the
 * training rows only (so nothing of the test set leaks into training) and applied to any rows of the same features.
 * The deviation is the population one (divided by n, as scikit-learn's {@code StandardScaler}); a feature that is
 * constant in the training rows keeps deviation 1, so it becomes 0 rather than NaN. Saved beside the weights as two
 * tensors ({@link #toTensors()}), so that a loaded model predicts on raw rows.
 */
public final class Standardizer {
    /** The tensor names under which {@link #toTensors()} saves the means and the deviations. */
    public static final String MEANS = "standardizer.mean";
    public static final String DEVIATIONS = "standardizer.std";

    private final double[] means;
    private final double[] deviations;

    private Standardizer(double[] means, double[] deviations) {
        this.means = means;
        this.deviations = deviations;
    }

    /** The means and deviations of {@code train}'s features. */
    public static Standardizer fit(Dataset train) {
        int n = train.getSize();
        int f = train.getFeatures();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on an empty dataset");
        }
        double[] x = train.getX();
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
     * A standardizer from saved means and deviations, as {@link #toTensors()} writes them, or empty when
     * {@code file} holds none.
     *
     * @throws IllegalArgumentException when only one of the two is there, they differ in length, or a deviation is
     *         not positive and finite, naming the file
     */
    public static Optional<Standardizer> from(TensorFile file) {
        Tensor means = file.getTensors().get(MEANS);
        Tensor deviations = file.getTensors().get(DEVIATIONS);
        if (means == null && deviations == null) {
            return Optional.empty();
        }
        if (means == null || deviations == null || means.getSize() != deviations.getSize()) {
            throw new IllegalArgumentException(file.getName() + ": a standardizer needs tensors " + MEANS + " and "
                    + DEVIATIONS + " of the same length");
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

    public int getFeatures() {
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
        requireFeatures(data.getFeatures());
        double[] x = data.getX().clone();
        apply(x, data.getSize());
        return data.isClassification()
                ? new Dataset(x, data.getLabels(), data.getFeatures(), data.getClasses())
                : Dataset.ofTargets(x, data.getTargets(), data.getFeatures(), data.getOutputs());
    }

    /** Standardises {@code rows} raw rows of {@code x} (row-major) in place. */
    public void apply(double[] x, int rows) {
        int f = means.length;
        if ((long) rows * f > x.length) {
            throw new IllegalArgumentException(rows + " rows of " + f + " features do not fit " + x.length + " values");
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < f; j++) {
                x[r * f + j] = (x[r * f + j] - means[j]) / deviations[j];
            }
        }
    }

    private void requireFeatures(int features) {
        if (features != means.length) {
            throw new IllegalArgumentException("the rows have " + features + " features; this standardizer was fitted on "
                    + means.length);
        }
    }

    /** The means and deviations as tensors {@value #MEANS} and {@value #DEVIATIONS}, to save beside the weights. */
    public Map<String, Tensor> toTensors() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put(MEANS, new Tensor(new int[] {means.length}, means.clone()));
        tensors.put(DEVIATIONS, new Tensor(new int[] {deviations.length}, deviations.clone()));
        return tensors;
    }
}
