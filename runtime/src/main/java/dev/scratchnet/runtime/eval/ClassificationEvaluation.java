package dev.scratchnet.runtime.eval;

import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.data.Dataset;
import java.util.Locale;

/**
 * A classifier's evaluation: loss, accuracy, the confusion matrix, and each class's precision, recall and F1 with
 * their macro and weighted averages.
 *
 * <p>A row's predicted class is the index of its largest score (the first, on ties), as {@link Model#accuracy}
 * judges it. For class {@code c}: precision is the share of rows predicted {@code c} that are {@code c}, recall the
 * share of rows of {@code c} predicted {@code c}, F1 their harmonic mean, and support the rows of {@code c}; a
 * ratio with nothing to divide by (a class never predicted, or never present) is 0. The macro average is the plain
 * mean over the classes that occur among the labels or the predictions; the weighted average weighs each class by
 * its support. (These are scikit-learn's definitions, with its {@code zero_division=0}.)
 */
public final class ClassificationEvaluation extends Evaluation {
    private final long[][] confusion;

    private ClassificationEvaluation(int rows, double loss, long[][] confusion) {
        super(rows, loss);
        this.confusion = confusion;
    }

    /** The evaluation of {@code model} on the rows of the classification dataset {@code data}. */
    public static ClassificationEvaluation of(Model model, Dataset data) {
        int classes = data.getClasses();
        long[][] confusion = new long[classes][classes];
        double lossSum = score(model, data, (batch, scores, rowLoss) -> {
            int[] labels = batch.getLabels();
            for (int r = 0; r < batch.getSize(); r++) {
                int best = 0;
                for (int j = 1; j < classes; j++) {
                    if (scores[r * classes + j] > scores[r * classes + best]) {
                        best = j;
                    }
                }
                confusion[labels[r]][best]++;
            }
        });
        return new ClassificationEvaluation(data.getSize(), lossSum / data.getSize(), confusion);
    }

    public int getClasses() {
        return confusion.length;
    }

    /** The fraction of rows whose predicted class is their label. */
    public double getAccuracy() {
        long correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return (double) correct / getRows();
    }

    /** A copy of the confusion matrix: entry {@code [label][predicted]} counts the rows of that label so predicted. */
    public long[][] getConfusion() {
        long[][] copy = new long[confusion.length][];
        for (int c = 0; c < confusion.length; c++) {
            copy[c] = confusion[c].clone();
        }
        return copy;
    }

    /** Rows whose label is {@code c}. */
    public long getSupport(int c) {
        long sum = 0;
        for (long n : confusion[c]) {
            sum += n;
        }
        return sum;
    }

    private long predicted(int c) {
        long sum = 0;
        for (long[] row : confusion) {
            sum += row[c];
        }
        return sum;
    }

    public double getPrecision(int c) {
        return ratio(confusion[c][c], predicted(c));
    }

    public double getRecall(int c) {
        return ratio(confusion[c][c], getSupport(c));
    }

    public double getF1(int c) {
        double p = getPrecision(c);
        double r = getRecall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** Whether class {@code c} occurs among the labels or the predictions, and so counts in the macro averages. */
    private boolean occurs(int c) {
        return getSupport(c) > 0 || predicted(c) > 0;
    }

    public double getMacroPrecision() {
        return macro(Metric.PRECISION);
    }

    public double getMacroRecall() {
        return macro(Metric.RECALL);
    }

    public double getMacroF1() {
        return macro(Metric.F1);
    }

    public double getWeightedPrecision() {
        return weighted(Metric.PRECISION);
    }

    public double getWeightedRecall() {
        return weighted(Metric.RECALL);
    }

    public double getWeightedF1() {
        return weighted(Metric.F1);
    }

    private enum Metric {
        PRECISION, RECALL, F1
    }

    private double of(Metric metric, int c) {
        return switch (metric) {
            case PRECISION -> getPrecision(c);
            case RECALL -> getRecall(c);
            case F1 -> getF1(c);
        };
    }

    private double macro(Metric metric) {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < confusion.length; c++) {
            if (occurs(c)) {
                sum += of(metric, c);
                counted++;
            }
        }
        return counted == 0 ? 0 : sum / counted;
    }

    private double weighted(Metric metric) {
        double sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            sum += of(metric, c) * getSupport(c);
        }
        return sum / getRows();
    }

    /** The confusion matrix as a table, labels down and predictions across. */
    public String confusionTable() {
        int width = Math.max(6, Long.toString(getRows()).length() + 1);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-14s", "label \\ pred"));
        for (int c = 0; c < confusion.length; c++) {
            s.append(String.format(Locale.ROOT, "%" + width + "d", c));
        }
        for (int c = 0; c < confusion.length; c++) {
            s.append('\n').append(String.format(Locale.ROOT, "%-14d", c));
            for (long n : confusion[c]) {
                s.append(String.format(Locale.ROOT, "%" + width + "d", n));
            }
        }
        return s.toString();
    }

    /** Loss and accuracy, then each class's precision, recall, F1 and support and the averages, as a table. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "loss %.4f, accuracy %.4f over %d rows%n",
                getLoss(), getAccuracy(), getRows()));
        s.append(String.format(Locale.ROOT, "%-14s %9s %9s %9s %9s%n", "class", "precision", "recall", "f1", "support"));
        for (int c = 0; c < confusion.length; c++) {
            s.append(String.format(Locale.ROOT, "%-14d %9.4f %9.4f %9.4f %9d%n", c, getPrecision(c), getRecall(c),
                    getF1(c), getSupport(c)));
        }
        s.append(String.format(Locale.ROOT, "%-14s %9.4f %9.4f %9.4f %9d%n", "macro avg", getMacroPrecision(),
                getMacroRecall(), getMacroF1(), getRows()));
        return s.append(String.format(Locale.ROOT, "%-14s %9.4f %9.4f %9.4f %9d", "weighted avg", getWeightedPrecision(),
                getWeightedRecall(), getWeightedF1(), getRows())).toString();
    }
}
