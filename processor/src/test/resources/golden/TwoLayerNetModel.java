package dev.scratchnet.samples;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.annotations.internal.Generated;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.Summary;
import dev.scratchnet.runtime.internal.Activations;
import dev.scratchnet.runtime.internal.AffineKernel;
import dev.scratchnet.runtime.internal.Differences;
import dev.scratchnet.runtime.internal.FusedSgd;
import dev.scratchnet.runtime.internal.Input;
import dev.scratchnet.runtime.internal.Kernels;
import dev.scratchnet.runtime.internal.LossKernel;
import dev.scratchnet.runtime.internal.Scored;
import dev.scratchnet.runtime.internal.SgdUpdate;
import dev.scratchnet.runtime.train.Initializers;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The network declared by {@link dev.scratchnet.samples.TwoLayerNet}, compiled by scratchnet: the book's
 * {@code ch05/two_layer_net.py} written out for these layers, every dimension a constant.
 *
 * <pre>
 * x                [batch × 784]
 * Affine1          [batch × 50]      W1 [784 × 50], b1 [50]   hidden
 * Relu1            [batch × 50]
 * Affine2          [batch × 10]      W2 [50 × 10], b2 [10]   output
 * SoftmaxWithLoss
 * </pre>
 *
 * Read it beside the book: the constructor is {@code __init__}, then {@link #predict}, {@link #loss},
 * {@link #accuracy}, {@link #numericalGradient} and {@link #gradient} follow in the book's order and name its
 * steps layer by layer. Two things differ, both for speed. A pass over a batch runs its rows on two cores:
 * {@code Kernels.inTwoHalves(rows, lossRows)} runs {@link #lossRows} for each core's share of the rows, and
 * a row's values never depend on which core computed them. And the numerical gradient starts from the
 * cached pass: a perturbed weight moves one unit, so the runtime's {@code Differences} finds each row's loss
 * change from that unit on, giving the values of the book's perturb-and-rerun. Buffers grow to the largest
 * batch seen and are reused, so after warm-up no call allocates. Not thread-safe: one model, one thread.
 */
@Generated(
        value = "dev.scratchnet.processor.NetworkProcessor",
        comments = "from dev.scratchnet.samples.TwoLayerNet"
)
public final class TwoLayerNetModel implements Model, FusedSgd, Scored {
    /**
     * Width of one input row.
     */
    public static final int INPUTS = 784;

    /**
     * Units of layer 1, {@code hidden} (RELU).
     */
    public static final int UNITS_1 = 50;

    /**
     * Units of layer 2, {@code output} (IDENTITY).
     */
    public static final int UNITS_2 = 10;

    /**
     * Width of one output row.
     */
    public static final int OUTPUTS = UNITS_2;

    /**
     * Weights of layer 1, {@code hidden}: [784 × 50], row-major.
     */
    private final double[] W1 = new double[INPUTS * UNITS_1];

    /**
     * Biases of layer 1, {@code hidden}: [50].
     */
    private final double[] b1 = new double[UNITS_1];

    /**
     * Weights of layer 2, {@code output}: [50 × 10], row-major.
     */
    private final double[] W2 = new double[UNITS_1 * UNITS_2];

    /**
     * Biases of layer 2, {@code output}: [10].
     */
    private final double[] b2 = new double[UNITS_2];

    /**
     * The book's {@code params}, in its order.
     */
    private final List<Parameter> parameters;

    /**
     * The book's {@code Affine1}: {@code x · W1 + b1} and its backward products.
     */
    private final AffineKernel affine1;

    /**
     * The book's {@code Affine2}: {@code z1 · W2 + b2} and its backward products.
     */
    private final AffineKernel affine2;

    /**
     * The book's {@code lastLayer}, {@code SoftmaxWithLoss}.
     */
    private final LossKernel lastLayer;

    /**
     * The numerical gradient of every layer's parameters, from the cached pass and the row losses.
     */
    private final Differences differences;

    /**
     * The input rows {@code x} (and targets {@code t}) of the pass in progress.
     */
    private final Input x = new Input("TwoLayerNetModel", INPUTS, OUTPUTS);

    /**
     * Rows the buffers below can hold.
     */
    private int capacity;

    /**
     * Affine1's output: [rows × 50].
     */
    private double[] a1 = new double[0];

    /**
     * Relu1's output: [rows × 50].
     */
    private double[] z1 = new double[0];

    /**
     * The gradient of the loss with respect to z1: [rows × 50].
     */
    private double[] dz1 = new double[0];

    /**
     * The gradient of the loss with respect to a1: [rows × 50].
     */
    private double[] d1 = new double[0];

    /**
     * Affine2's output: [rows × 10].
     */
    private double[] a2 = new double[0];

    /**
     * The gradient of the loss with respect to a2: [rows × 10].
     */
    private double[] d2 = new double[0];

    /**
     * The softmax's probabilities: [rows × 10].
     */
    private double[] y = new double[0];

    /**
     * Each row's loss, before the mean: [rows].
     */
    private double[] rowLoss = new double[0];

    /**
     * {@link #predictRows} for {@code Kernels.inTwoHalves}, made once so that no call allocates.
     */
    private final Kernels.Range predictRows = this::predictRows;

    /**
     * {@link #lossRows} for {@code Kernels.inTwoHalves}, made once so that no call allocates.
     */
    private final Kernels.Range lossRows = this::lossRows;

    /**
     * {@link #gradientRows} for {@code Kernels.inTwoHalves}, made once so that no call allocates.
     */
    private final Kernels.Range gradientRows = this::gradientRows;

    /**
     * {@link #otherLayersSgd} for {@link #sgdStep}, made once so that no call allocates.
     */
    private final SgdUpdate.Rest otherLayersSgd = this::otherLayersSgd;

    /**
     * The book's {@code __init__}: the parameters, all zero until {@link #initialize}, and the layers
     * over them.
     */
    public TwoLayerNetModel() {
        parameters = List.of(
                new Parameter("W1", new int[] {INPUTS, UNITS_1}, W1),
                new Parameter("b1", new int[] {UNITS_1}, b1),
                new Parameter("W2", new int[] {UNITS_1, UNITS_2}, W2),
                new Parameter("b2", new int[] {UNITS_2}, b2));
        affine1 = new AffineKernel(W1, b1, INPUTS, UNITS_1);
        affine2 = new AffineKernel(W2, b2, UNITS_1, UNITS_2);
        lastLayer = LossKernel.of(LossFunction.SOFTMAX_CROSS_ENTROPY, OUTPUTS);
        differences = new Differences(lastLayer, List.of(affine1, affine2),
                List.of(ActivationFunction.RELU, ActivationFunction.IDENTITY));
    }

    /**
     * The book's {@code predict}, each layer's forward pass in order (Affine1 → Relu1 → Affine2), then the output function
     * of SoftmaxWithLoss, so that {@code out} holds each class's probability ({@code rows × 10}, row-major).
     */
    @Override
    public void predict(double[] inputs, int rows, double[] out) {
        fit(x.set(inputs, rows, out));
        Kernels.inTwoHalves(rows, predictRows);
        x.clear();
        lastLayer.outputs(a2, out, 0, rows);
    }

    /**
     * The book's {@code loss}: {@code predict}, then SoftmaxWithLoss's forward pass, averaged over the batch.
     */
    @Override
    public double loss(Batch batch) {
        int rows = begin(batch);
        Kernels.inTwoHalves(rows, lossRows);
        x.clear();
        return LossKernel.mean(rowLoss, rows);
    }

    /**
     * The book's {@code accuracy}: the fraction of rows whose largest score is at the row's label.
     */
    @Override
    public double accuracy(Batch batch) {
        int rows = begin(batch);
        Kernels.inTwoHalves(rows, predictRows);
        x.clear();
        return LossKernel.accuracy(a2, batch.getLabels(), rows, OUTPUTS);
    }

    /**
     * The book's {@code numerical_gradient}: {@code (L(w + h) − L(w − h)) / 2h}, {@code h = 1e-4}, for every
     * parameter, in the book's order. One forward pass caches every row's loss; a perturbed weight moves
     * one unit, so only that unit and what follows it are recomputed for the rows it changes.
     */
    @Override
    public void numericalGradient(Batch batch, Gradients grads) {
        grads.requireShapesOf(parameters);
        int rows = begin(batch);
        Kernels.inTwoHalves(rows, lossRows);
        // each layer's cached pre-activations and outputs, from which a perturbed unit's loss is found
        differences.begin(batch, rowLoss);
        differences.layer(1, a1, z1);
        differences.layer(2, a2, y);
        // W1, b1
        differences.parameters(1, grads.get(0), grads.get(1));
        // W2, b2
        differences.parameters(2, grads.get(2), grads.get(3));
        differences.end();
        x.clear();
    }

    /**
     * The book's {@code gradient}: forward ({@code loss}), then each layer's backward in reverse, from
     * SoftmaxWithLoss to Affine1; returns the loss.
     */
    @Override
    public double gradient(Batch batch, Gradients grads) {
        grads.requireShapesOf(parameters);
        int rows = begin(batch);
        Kernels.inTwoHalves(rows, gradientRows);
        // Affine2: dW2 = z1ᵀ · d2, db2 = Σ d2
        affine2.gradients(z1, rows, d2, grads.get(2), grads.get(3));
        // Affine1: dW1 = xᵀ · d1, db1 = Σ d1
        affine1.gradients(x, d1, grads.get(0), grads.get(1));
        x.clear();
        return LossKernel.mean(rowLoss, rows);
    }

    /**
     * {@link #gradient} and a step of plain SGD in one pass, as a trainer with {@code Sgd} calls it: the
     * parameters become exactly {@code W ← W − lr·(dW + λ·W)}, {@code b ← b − lr·db}, but dW1, the largest
     * gradient, is applied row by row as it is computed and never stored.
     *
     * @return the loss before the step; when it is not finite, no parameter is changed
     */
    @Override
    public double sgdStep(Batch batch, SgdUpdate update) {
        update.getGradients().requireShapesOf(parameters);
        int rows = begin(batch);
        Kernels.inTwoHalves(rows, gradientRows);
        double loss = LossKernel.mean(rowLoss, rows);
        if (Double.isFinite(loss)) {
            // Affine1: W1 ← W1 − lr·(xᵀ · d1 + λ·W1), row by row as xᵀ · d1 is computed, on both cores;
            // this thread updates the other parameters meanwhile
            affine1.sgd(x, d1, update, otherLayersSgd);
        }
        x.clear();
        return loss;
    }

    /**
     * {@link #loss}'s pass, handing each row's scores and loss to an evaluation.
     */
    @Override
    public void score(Batch batch, Scored.Sink sink) {
        int rows = begin(batch);
        Kernels.inTwoHalves(rows, lossRows);
        x.clear();
        sink.accept(batch, a2, rowLoss);
    }

    @Override
    public Summary summary() {
        return Summary.of("TwoLayerNetModel", INPUTS, LossFunction.SOFTMAX_CROSS_ENTROPY)
                .dense("hidden", UNITS_1, ActivationFunction.RELU)
                .dense("output", UNITS_2, ActivationFunction.IDENTITY);
    }

    /**
     * Initialises the parameters as declared — W1 BOOK, W2 BOOK — biases to zero, drawing the weights in order
     * from {@code new Well19937c(seed)}: the same seed gives the same weights, bit for bit.
     */
    public void initialize(long seed) {
        RandomGenerator random = new Well19937c(seed);
        Initializers.initialize(parameters.get(0), InitMethod.BOOK, random);
        Initializers.initialize(parameters.get(1), InitMethod.BOOK, random);
        Initializers.initialize(parameters.get(2), InitMethod.BOOK, random);
        Initializers.initialize(parameters.get(3), InitMethod.BOOK, random);
    }

    @Override
    public LossFunction getLoss() {
        return LossFunction.SOFTMAX_CROSS_ENTROPY;
    }

    @Override
    public List<Parameter> getParameters() {
        return parameters;
    }

    /**
     * The book's {@code predict} for rows {@code [from, to)}: each layer's forward pass in order.
     */
    private void predictRows(int from, int to) {
        // Affine1: a1 = x · W1 + b1   [rows × 50]
        affine1.forward(x, from, to, a1);
        // Relu1: z1 = max(0, a1)
        Activations.relu(a1, z1, from, to, UNITS_1);
        // Affine2: a2 = z1 · W2 + b2   [rows × 10]
        affine2.forward(z1, from, to, a2);
    }

    /**
     * The book's {@code loss} for rows {@code [from, to)}: {@code predict}, then SoftmaxWithLoss's forward pass, each
     * row's loss kept apart for the mean.
     */
    private void lossRows(int from, int to) {
        predictRows(from, to);
        // SoftmaxWithLoss: y = softmax(a2), each row's −Σ t·log(y + 1e-7)
        lastLayer.forward(a2, x.targets(), y, rowLoss, from, to);
    }

    /**
     * The book's {@code gradient} for rows {@code [from, to)}: {@code loss}, then backward down to Affine1's
     * output; the parameters' gradients, sums over every row, follow in {@link #gradient}.
     */
    private void gradientRows(int from, int to) {
        lossRows(from, to);
        // SoftmaxWithLoss backward: d2 = (y − t) / rows
        lastLayer.backward(y, x.targets(), x.rows(), d2, from, to);
        // Affine2 backward: dz1 = d2 · W2ᵀ
        affine2.backward(d2, from, to, dz1);
        // Relu1 backward: d1 = dz1 ⊙ [z1 > 0]
        Activations.reluBackward(z1, dz1, d1, from, to, UNITS_1);
    }

    /**
     * The rest of {@link #sgdStep}, on this thread while both cores update W1: every other parameter's
     * gradient, as {@link #gradient} computes it, and its update.
     */
    private void otherLayersSgd(SgdUpdate update) {
        Gradients grads = update.getGradients();
        // Affine2: dW2 = z1ᵀ · d2, db2 = Σ d2, then W2 ← W2 − lr·(dW2 + λ·W2), b2 ← b2 − lr·db2
        affine2.gradients(z1, x.rows(), d2, grads.get(2), grads.get(3));
        update.weights(W2, grads.get(2));
        update.biases(b2, grads.get(3));
        // Affine1: db1 = Σ d1, then b1 ← b1 − lr·db1
        affine1.biasGradient(d1, x.rows(), grads.get(1));
        update.biases(b1, grads.get(1));
    }

    /**
     * Takes {@code batch} as the pass's {@code x} and {@code t}, checks that it fits, sizes the buffers.
     */
    private int begin(Batch batch) {
        int rows = x.set(batch);
        fit(rows);
        return rows;
    }

    /**
     * Sizes the buffers for {@code rows} rows; smaller batches reuse them, so no call allocates after warm-up.
     */
    private void fit(int rows) {
        if (rows <= capacity) {
            return;
        }
        capacity = rows;
        a1 = new double[rows * UNITS_1];
        z1 = new double[rows * UNITS_1];
        dz1 = new double[rows * UNITS_1];
        d1 = new double[rows * UNITS_1];
        a2 = new double[rows * UNITS_2];
        d2 = new double[rows * UNITS_2];
        y = new double[rows * OUTPUTS];
        rowLoss = new double[rows];
    }
}
