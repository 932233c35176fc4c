package dev.scratchnet.runtime.eval;

import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.data.Dataset;
import java.util.Locale;

/**
 * A regression model's evaluation: loss, mean squared error, mean absolute error and R².
 *
 * <p>With outputs {@code y} and targets {@code t} over {@code n} rows of {@code k} outputs: MSE is
 * {@code Σ (y − t)² / (n·k)} and MAE {@code Σ |y − t| / (n·k)}, means over every value; R² is
 * {@code 1 − SS_res / SS_tot} per output, with {@code SS_res = Σ (y − t)²} and {@code SS_tot = Σ (t − mean(t))²}
 * over the rows evaluated, averaged over the outputs (scikit-learn's {@code uniform_average}); an output whose
 * targets are all equal has {@code SS_tot = 0}, and its R² is then 1 for a perfect fit and NaN otherwise. The loss
 * is the network's, {@code ½·Σ_k (y − t)²} per row averaged over the rows, so {@code loss = ½·k·MSE}.
 */
public final class RegressionEvaluation extends Evaluation {
    private final double mse;
    private final double mae;
    private final double r2;

    private RegressionEvaluation(int rows, double loss, double mse, double mae, double r2) {
        super(rows, loss);
        this.mse = mse;
        this.mae = mae;
        this.r2 = r2;
    }

    /** The evaluation of {@code model} on the rows of the regression dataset {@code data}. */
    public static RegressionEvaluation of(Model model, Dataset data) {
        Errors errors = new Errors(data);
        double lossSum = score(model, data, (batch, scores, rowLoss) -> errors.add(scores, batch.getT(),
                batch.getSize()));
        return errors.evaluation(lossSum / data.getSize());
    }

    /**
     * The evaluation of given outputs, {@code data.getSize() × data.getOutputs()} row-major, against {@code data}'s
     * targets, e.g. of a baseline; its loss is the squared error's, {@code ½·k·MSE}.
     */
    public static RegressionEvaluation ofOutputs(double[] outputs, Dataset data) {
        if (outputs.length != data.getTargets().length) {
            throw new IllegalArgumentException(outputs.length + " outputs for " + data.getSize() + " rows of "
                    + data.getOutputs() + " targets");
        }
        Errors errors = new Errors(data);
        errors.add(outputs, data.getTargets(), data.getSize());
        return errors.evaluation(0.5 * data.getOutputs() * errors.squaredSum() / outputs.length);
    }

    /** Sums of squared and absolute errors, and of squares about the targets' mean, per output. */
    private static final class Errors {
        private final int n;
        private final int k;
        private final double[] mean;
        private final double[] squared;
        private final double[] absolute;
        private final double[] total;

        Errors(Dataset data) {
            this.n = data.getSize();
            this.k = data.getOutputs();
            this.mean = new double[k];
            this.squared = new double[k];
            this.absolute = new double[k];
            this.total = new double[k];
            double[] targets = data.getTargets();
            for (int i = 0; i < n * k; i++) {
                mean[i % k] += targets[i];
            }
            for (int j = 0; j < k; j++) {
                mean[j] /= n;
            }
        }

        void add(double[] outputs, double[] t, int rows) {
            for (int i = 0; i < rows * k; i++) {
                int j = i % k;
                double e = outputs[i] - t[i];
                squared[j] += e * e;
                absolute[j] += Math.abs(e);
                double d = t[i] - mean[j];
                total[j] += d * d;
            }
        }

        double squaredSum() {
            double sum = 0;
            for (double s : squared) {
                sum += s;
            }
            return sum;
        }

        RegressionEvaluation evaluation(double loss) {
            double sumAbsolute = 0;
            double r2 = 0;
            for (int j = 0; j < k; j++) {
                sumAbsolute += absolute[j];
                r2 += total[j] == 0 ? (squared[j] == 0 ? 1 : Double.NaN) : 1 - squared[j] / total[j];
            }
            return new RegressionEvaluation(n, loss, squaredSum() / ((double) n * k), sumAbsolute / ((double) n * k),
                    r2 / k);
        }
    }

    /** Mean squared error over every output of every row. */
    public double getMse() {
        return mse;
    }

    /** Mean absolute error over every output of every row. */
    public double getMae() {
        return mae;
    }

    /** The coefficient of determination, {@code 1 − SS_res / SS_tot}, averaged over the outputs. */
    public double getR2() {
        return r2;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "loss %.6g, MSE %.6g, MAE %.6g, R² %.4f over %d rows", getLoss(), mse, mae, r2,
                getRows());
    }
}
