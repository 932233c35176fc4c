package dev.scratchnet.runtime.internal;

/**
 * The products of one dense layer, the book's {@code Affine}: forward {@code a = x · W + b}, backward
 * {@code dx = d · Wᵀ}, and the parameters' gradients {@code dW = xᵀ · d}, {@code db = Σ d}, over the layer's own
 * {@code W} ({@code inputs × units}, row-major) and {@code b}. Generated models and the DSL's
 * {@link dev.scratchnet.runtime.layers.Affine} layer both compute with it, so they give the same values.
 *
 * <p>Each product comes in two forms. With a row range {@code [from, to)} it runs on the calling thread alone, for
 * work already shared between the cores by rows ({@link Kernels#inTwoHalves}); over all rows it shares the work
 * itself. Every element is computed by the same operations in the same order either way (see {@link Kernels}).
 */
public final class AffineKernel {
    private final double[] w;
    private final double[] b;
    private final int inputs;
    private final int units;

    /** The kernel of the layer whose parameters are {@code w} ({@code inputs × units}) and {@code b} ({@code units}). */
    public AffineKernel(double[] w, double[] b, int inputs, int units) {
        if (inputs <= 0 || units <= 0 || w.length != (long) inputs * units || b.length != units) {
            throw new IllegalArgumentException("a layer of " + inputs + " inputs and " + units + " units needs "
                    + (long) inputs * units + " weights and " + units + " biases, got " + w.length + " and " + b.length);
        }
        this.w = w;
        this.b = b;
        this.inputs = inputs;
        this.units = units;
    }

    public int getInputs() {
        return inputs;
    }

    public int getUnits() {
        return units;
    }

    /** {@code W} (live). */
    public double[] getW() {
        return w;
    }

    /** {@code b} (live). */
    public double[] getB() {
        return b;
    }

    /** Rows {@code [from, to)} of {@code a = x · W + b}, on the calling thread. */
    public void forward(Input x, int from, int to, double[] a) {
        InputRows rows = x.batchRows();
        if (rows != null) {
            Kernels.affineRows(rows, from, to, w, b, units, a);
        } else {
            Kernels.affineRows(x.denseRows(), from, to, inputs, w, b, units, a);
        }
    }

    /** Rows {@code [from, to)} of {@code a = z · W + b} for the previous layer's output {@code z}, on the calling thread. */
    public void forward(double[] z, int from, int to, double[] a) {
        Kernels.affineRows(z, from, to, inputs, w, b, units, a);
    }

    /** {@code a = x · W + b} over every row of {@code x}, on both cores. */
    public void forward(InputRows x, double[] a) {
        Kernels.affine(x, x.getSize(), w, b, units, a);
    }

    /** {@code a = z · W + b} over {@code rows} rows of {@code z}, on both cores. */
    public void forward(double[] z, int rows, double[] a) {
        Kernels.affine(z, rows, inputs, w, b, units, a);
    }

    /** Rows {@code [from, to)} of {@code dx = d · Wᵀ}, the gradient with respect to the layer's input, on the calling thread. */
    public void backward(double[] d, int from, int to, double[] dx) {
        Kernels.timesTransposeRows(d, from, to, units, w, inputs, dx);
    }

    /** {@code dx = d · Wᵀ} over {@code rows} rows, on both cores. */
    public void backward(double[] d, int rows, double[] dx) {
        Kernels.timesTranspose(d, rows, units, w, inputs, dx);
    }

    /** {@code dW = zᵀ · d} and {@code db = Σ_rows d} over {@code rows} rows of the layer's input {@code z}. */
    public void gradients(double[] z, int rows, double[] d, double[] dW, double[] db) {
        Kernels.transposeTimes(z, rows, inputs, d, units, dW);
        Kernels.sumRows(d, rows, units, db);
    }

    /** {@code dW = xᵀ · d} and {@code db = Σ_rows d} for the network's input {@code x}. */
    public void gradients(Input x, double[] d, double[] dW, double[] db) {
        InputRows rows = x.batchRows();
        if (rows != null) {
            Kernels.transposeTimes(rows, x.rows(), d, units, dW);
        } else {
            Kernels.transposeTimes(x.denseRows(), x.rows(), inputs, d, units, dW);
        }
        Kernels.sumRows(d, x.rows(), units, db);
    }

    /** {@code dW = xᵀ · d} and {@code db = Σ_rows d} for every row of the network's input {@code x}. */
    public void gradients(InputRows x, double[] d, double[] dW, double[] db) {
        Kernels.transposeTimes(x, x.getSize(), d, units, dW);
        Kernels.sumRows(d, x.getSize(), units, db);
    }

    /** {@code db = Σ_rows d} alone. */
    public void biasGradient(double[] d, int rows, double[] db) {
        Kernels.sumRows(d, rows, units, db);
    }

    /**
     * One step of gradient descent on {@code W} from {@code dW = xᵀ · d} for the rows of a batch, without storing
     * {@code dW}: each row of it is applied as it is computed ({@link SgdUpdate#weights}), on both cores, which
     * gives the same weights as computing {@code dW} first, with a fraction of the memory traffic. {@code rest}
     * runs once on the calling thread while the second core starts, and counts as its share of the time: the other
     * parameters' updates, which must not touch {@code W} nor write {@code d}. {@code b} is left to {@code rest}.
     */
    public void sgd(InputRows x, double[] d, SgdUpdate update, SgdUpdate.Rest rest) {
        Kernels.transposeTimesSgd(x, x.getSize(), d, units, w, update.getLearningRate(), update.getLambda(),
                update.alongside(rest));
    }

    /** {@link #sgd(InputRows, double[], SgdUpdate, SgdUpdate.Rest)} for the batch the pass reads. */
    public void sgd(Input x, double[] d, SgdUpdate update, SgdUpdate.Rest rest) {
        InputRows rows = x.batchRows();
        if (rows == null) {
            throw new IllegalStateException("a step of gradient descent needs a batch");
        }
        sgd(rows, d, update, rest);
    }

    /**
     * The scores of one row when unit {@code j} of the previous layer moved by {@code dz}: {@code s = a[r] + dz ·
     * W[j]}, into {@code s} from index 0. What a perturbed parameter changes in this layer.
     */
    public void shift(double[] a, int r, int j, double dz, double[] s) {
        int row = r * units;
        int wRow = j * units;
        for (int m = 0; m < units; m++) {
            s[m] = a[row + m] + dz * w[wRow + m];
        }
    }
}
