package dev.scratchnet.runtime;

import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.data.Dataset;
import java.util.List;

/**
 * A feed-forward network with its parameters: what generated models ({@code <Network>Model}) and
 * networks built with the DSL both implement, so the same trainer, optimisers, checkpoints and plots
 * work on either.
 *
 * <p>Calls on one model are not thread-safe: a model owns its work buffers.
 */
public interface Model {
    /** Width of one input row: by default the rows of the first parameter, {@code W1}. */
    default int getInputs() {
        return getParameters().get(0).getRows();
    }

    /** Width of one output row (units of the last layer): by default the columns of the last parameter. */
    default int getOutputs() {
        List<Parameter> parameters = getParameters();
        return parameters.get(parameters.size() - 1).getCols();
    }

    /** What the model is: its layers, their shapes, activations and parameter counts, and its loss. */
    Summary summary();

    /** The loss this model is trained on. */
    LossFunction getLoss();

    /** Parameters in book order {@code W1, b1, W2, b2, …}; their arrays are the model's own. */
    List<Parameter> getParameters();

    /** The parameter named {@code name}, e.g. {@code "W1"}. */
    default Parameter getParameter(String name) {
        for (Parameter p : getParameters()) {
            if (p.getName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter named '" + name + "'; this model has " + getParameters());
    }

    /** Zero gradients shaped like this model's parameters, to pass to {@link #gradient} and {@link #numericalGradient}. */
    default Gradients newGradients() {
        return Gradients.zerosLike(getParameters());
    }

    /**
     * Forward pass over {@code rows} input rows {@code x} (row-major, {@code rows × inputs}) into {@code out}
     * ({@code rows × outputs}): probabilities for {@link LossFunction#SOFTMAX_CROSS_ENTROPY}, the last
     * layer's outputs otherwise.
     */
    void predict(double[] x, int rows, double[] out);

    /** {@link #predict(double[], int, double[])} on a matrix of input rows. */
    default Matrix predict(Matrix x) {
        if (x.getCols() != getInputs()) {
            throw new IllegalArgumentException("input rows have " + x.getCols() + " columns, expected " + getInputs());
        }
        double[] out = new double[x.getRows() * getOutputs()];
        predict(x.getData(), x.getRows(), out);
        return new Matrix(x.getRows(), getOutputs(), out);
    }

    /** The loss on {@code batch}, averaged over its rows. */
    double loss(Batch batch);

    /** Fraction of rows of {@code batch} whose largest output is at the row's label. */
    double accuracy(Batch batch);

    /** Accuracy over a whole dataset, evaluated in chunks so that no buffer grows with the dataset. */
    default double accuracy(Dataset dataset) {
        return dataset.accuracyOf(this);
    }

    /**
     * Gradients of {@link #loss} on {@code batch} by backpropagation, written into {@code out};
     * returns the loss of the forward pass.
     */
    double gradient(Batch batch, Gradients out);

    /** Gradients of {@link #loss} on {@code batch} by central differences ({@code h = 1e-4}), written into {@code out}. */
    void numericalGradient(Batch batch, Gradients out);
}
