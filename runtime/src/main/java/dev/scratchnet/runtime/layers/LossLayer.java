package dev.scratchnet.runtime.layers;

/**
 * The end of the computational graph: a layer whose forward pass also takes the targets and returns the
 * loss averaged over the batch, and whose backward pass starts from {@code dout = 1}.
 */
public interface LossLayer {
    /** Values per row of the inputs and of the targets. */
    int getWidth();

    /**
     * The loss of the first {@code rows} rows of {@code x} against targets {@code t} (both row-major,
     * {@code rows × width}), averaged over the rows. Keeps references to {@code x} and {@code t} (as the
     * book does), so neither may change before {@link #backward()}.
     */
    double forward(double[] x, double[] t, int rows);

    /**
     * The output function alone (the softmax's probabilities, or the outputs as they are) of the first {@code rows}
     * rows of {@code x}, into {@code out}: a prediction, with no targets and no loss.
     */
    void outputs(double[] x, int rows, double[] out);

    /**
     * The gradient of the loss of the last {@link #forward} call with respect to its inputs.
     *
     * @return the layer's own buffer, valid in its first {@code rows × width} values
     */
    double[] backward();
}
