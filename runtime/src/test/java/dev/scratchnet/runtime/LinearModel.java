package dev.scratchnet.runtime;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import java.util.List;

/**
 * A one-layer linear model {@code y = x·W1 + b1} with mean squared error, written by hand so that its
 * gradient can be too: {@code dY = (y - t) / rows}, {@code dW1 = xᵀ·dY}, {@code db1 = Σ_rows dY}.
 */
final class LinearModel implements Model {
    private final int inputs;
    private final int outputs;
    private final Parameter w1;
    private final Parameter b1;

    LinearModel(double[][] w1, double[] b1) {
        this.inputs = w1.length;
        this.outputs = b1.length;
        this.w1 = new Parameter("W1", new int[] {inputs, outputs}, Matrix.of(w1).getData());
        this.b1 = new Parameter("b1", new int[] {outputs}, b1.clone());
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
        return LossFunction.MEAN_SQUARED_ERROR;
    }

    @Override
    public Summary summary() {
        return Summary.of("LinearModel", inputs, LossFunction.MEAN_SQUARED_ERROR).dense("linear", outputs, ActivationFunction.IDENTITY);
    }

    @Override
    public List<Parameter> getParameters() {
        return List.of(w1, b1);
    }

    @Override
    public void predict(double[] x, int rows, double[] out) {
        Matrix y = forward(new Matrix(rows, inputs, x));
        System.arraycopy(y.getData(), 0, out, 0, y.getData().length);
    }

    @Override
    public double loss(Batch batch) {
        return Functions.meanSquaredError(forward(batch), targets(batch));
    }

    @Override
    public double accuracy(Batch batch) {
        int[] predicted = forward(batch).argmaxRows();
        int correct = 0;
        for (int r = 0; r < predicted.length; r++) {
            correct += predicted[r] == batch.getLabels()[r] ? 1 : 0;
        }
        return correct / (double) predicted.length;
    }

    @Override
    public double gradient(Batch batch, Gradients out) {
        Matrix y = forward(batch);
        Matrix dy = y.minus(targets(batch)).div(batch.getSize());
        Matrix dw = inputs(batch).transpose().times(dy);
        System.arraycopy(dw.getData(), 0, out.get("W1"), 0, dw.getData().length);
        System.arraycopy(dy.sumRows().getData(), 0, out.get("b1"), 0, outputs);
        return Functions.meanSquaredError(y, targets(batch));
    }

    @Override
    public void numericalGradient(Batch batch, Gradients out) {
        NumericalDifferentiation.numericalGradient(this, batch, out);
    }

    private Matrix forward(Batch batch) {
        return forward(inputs(batch));
    }

    private Matrix forward(Matrix x) {
        return x.times(weights()).plus(bias());
    }

    private Matrix weights() {
        return new Matrix(inputs, outputs, w1.getValues());
    }

    private Matrix bias() {
        return new Matrix(1, outputs, b1.getValues());
    }

    private static Matrix inputs(Batch batch) {
        return new Matrix(batch.getSize(), batch.getInputs(), batch.getX());
    }

    private static Matrix targets(Batch batch) {
        return new Matrix(batch.getSize(), batch.getOutputs(), batch.getT());
    }
}
