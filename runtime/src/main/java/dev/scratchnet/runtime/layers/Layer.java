package dev.scratchnet.runtime.layers;

/**
 * A node of the computational graph of chapter 5: {@link #forward} maps {@code rows} input rows of
 * {@link #getInputWidth()} values to rows of {@link #getOutputWidth()} values, and {@link #backward} maps the
 * gradient of the loss with respect to those outputs to the gradient with respect to the inputs.
 */
public interface Layer {
    /** Values per input row. */
    int getInputWidth();

    /** Values per output row. */
    int getOutputWidth();

    /**
     * The outputs for the first {@code rows} rows of {@code x} (row-major, {@code rows × inputWidth}).
     *
     * @return the layer's own output buffer, valid in its first {@code rows × outputWidth} values until the
     *     next call of {@code forward}
     */
    double[] forward(double[] x, int rows);

    /**
     * The gradient with respect to the inputs of the last {@link #forward} call, given {@code dout}, the
     * gradient with respect to its outputs ({@code rows × outputWidth}).
     *
     * @return the layer's own input-gradient buffer, valid in its first {@code rows × inputWidth} values
     */
    double[] backward(double[] dout);
}
