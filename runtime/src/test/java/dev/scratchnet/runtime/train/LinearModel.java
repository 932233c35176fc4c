package dev.scratchnet.runtime.train;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.Summary;
import java.util.Arrays;
import java.util.List;

/**
 * A one-layer test model, {@code y = x·W1 + b1}, either softmax regression (softmax with cross-entropy, as the
 * book's {@code SoftmaxWithLoss}) or linear least squares ({@code ½·Σ(y − t)²} averaged over rows). For both,
 * the gradient of the loss with respect to {@code y} before the softmax is {@code (y − t) / rows}. Its numerical
 * gradient perturbs each parameter and reruns the whole forward pass, the plain loop the book writes. Work buffers
 * are reused, so a training step allocates nothing.
 */
class LinearModel implements Model {
    private final int inputs;
    private final int outputs;
    private final LossFunction loss;
    private final Parameter weights;
    private final Parameter biases;
    private final List<Parameter> parameters;
    private double[] y = new double[0];

    LinearModel(int inputs, int outputs, LossFunction loss) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.loss = loss;
        this.weights = new Parameter("W1", new int[] {inputs, outputs}, new double[inputs * outputs]);
        this.biases = new Parameter("b1", new int[] {outputs}, new double[outputs]);
        this.parameters = List.of(weights, biases);
    }

    @Override
    public int getInputs() {
        return inputs;
    }

    @Override
    public int getOutputs() {
        return outputs;
    }

    @Override
    public LossFunction getLoss() {
        return loss;
    }

    @Override
    public Summary summary() {
        return Summary.of("LinearModel", inputs, loss).dense("linear", outputs, ActivationFunction.IDENTITY);
    }

    @Override
    public List<Parameter> getParameters() {
        return parameters;
    }

    @Override
    public void predict(double[] x, int rows, double[] out) {
        double[] w = weights.getValues();
        double[] b = biases.getValues();
        for (int r = 0; r < rows; r++) {
            int o = r * outputs;
            for (int j = 0; j < outputs; j++) {
                double sum = b[j];
                for (int k = 0; k < inputs; k++) {
                    sum += x[r * inputs + k] * w[k * outputs + j];
                }
                out[o + j] = sum;
            }
            if (loss == LossFunction.SOFTMAX_CROSS_ENTROPY) {
                softmax(out, o);
            }
        }
    }

    private void softmax(double[] a, int o) {
        double max = a[o];
        for (int j = 1; j < outputs; j++) {
            max = Math.max(max, a[o + j]);
        }
        double sum = 0;
        for (int j = 0; j < outputs; j++) {
            a[o + j] = Math.exp(a[o + j] - max);
            sum += a[o + j];
        }
        for (int j = 0; j < outputs; j++) {
            a[o + j] /= sum;
        }
    }

    private double[] forward(Batch batch) {
        int n = batch.getSize() * outputs;
        if (y.length != n) {
            y = new double[n];
        }
        predict(batch.getX(), batch.getSize(), y);
        return y;
    }

    @Override
    public double loss(Batch batch) {
        double[] out = forward(batch);
        double[] t = batch.getT();
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            if (loss == LossFunction.SOFTMAX_CROSS_ENTROPY) {
                sum -= t[i] * Math.log(out[i] + 1e-7);
            } else {
                sum += 0.5 * (out[i] - t[i]) * (out[i] - t[i]);
            }
        }
        return sum / batch.getSize();
    }

    @Override
    public double accuracy(Batch batch) {
        double[] out = forward(batch);
        int correct = 0;
        for (int r = 0; r < batch.getSize(); r++) {
            int best = 0;
            for (int j = 1; j < outputs; j++) {
                if (out[r * outputs + j] > out[r * outputs + best]) {
                    best = j;
                }
            }
            if (best == batch.getLabels()[r]) {
                correct++;
            }
        }
        return correct / (double) batch.getSize();
    }

    @Override
    public double gradient(Batch batch, Gradients out) {
        double value = loss(batch);
        int rows = batch.getSize();
        double[] x = batch.getX();
        double[] t = batch.getT();
        double[] dw = out.get(0);
        double[] db = out.get(1);
        Arrays.fill(dw, 0);
        Arrays.fill(db, 0);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < outputs; j++) {
                double dy = (y[r * outputs + j] - t[r * outputs + j]) / rows;
                db[j] += dy;
                for (int k = 0; k < inputs; k++) {
                    dw[k * outputs + j] += x[r * inputs + k] * dy;
                }
            }
        }
        return value;
    }

    @Override
    public void numericalGradient(Batch batch, Gradients out) {
        double h = 1e-4;
        for (int p = 0; p < parameters.size(); p++) {
            double[] values = parameters.get(p).getValues();
            double[] g = out.get(p);
            for (int i = 0; i < values.length; i++) {
                double saved = values[i];
                values[i] = saved + h;
                double plus = loss(batch);
                values[i] = saved - h;
                double minus = loss(batch);
                values[i] = saved;
                g[i] = (plus - minus) / (2 * h);
            }
        }
    }
}
