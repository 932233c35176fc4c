package dev.scratchnet.samples;

import dev.scratchnet.runtime.ActivationFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.InitMethod;
import dev.scratchnet.runtime.LossFunction;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.kernels.Kernels;
import dev.scratchnet.runtime.kernels.UnitLoss;
import dev.scratchnet.runtime.train.Initializers;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Generated;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The network declared by {@link dev.scratchnet.samples.TwoLayerNet}, compiled by scratchnet into straight-line code.
 *
 * <pre>
 * input    [batch × 784]
 * RELU hidden [batch × 50]  W1 [784 × 50], b1 [50]
 * IDENTITY output [batch × 10]  W2 [50 × 10], b2 [10]
 * loss     SOFTMAX_CROSS_ENTROPY
 * </pre>
 *
 * Forward, loss, accuracy, backpropagation (the book's computational graph: Affine → activation
 * → … → SoftmaxWithLoss, then backward in reverse) and a numerical gradient that recomputes only what a
 * perturbed parameter changes. A pass over a batch shares its rows between two cores
 * ({@code Kernels.inTwoHalves}): each core runs every layer, forward and back, for its own rows,
 * and a row's values never depend on which core computed them. Work buffers grow to the largest
 * batch seen and are reused, so after warm-up no call allocates. Not thread-safe: one model, one
 * thread.
 */
@Generated(
        value = "dev.scratchnet.processor.NetworkProcessor",
        comments = "from dev.scratchnet.samples.TwoLayerNet"
)
public final class TwoLayerNetModel implements Model {
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
     * Step of the central difference, as in the book.
     */
    private static final double H = 1e-4;

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

    private final List<Parameter> parameters;

    /**
     * Rows the work buffers below can hold.
     */
    private int capacity;

    /**
     * pre-activations of layer 1: [rows × 50].
     */
    private double[] a1 = new double[0];

    /**
     * activations of layer 1: [rows × 50].
     */
    private double[] z1 = new double[0];

    /**
     * gradient of the loss with respect to a1: [rows × 50].
     */
    private double[] d1 = new double[0];

    /**
     * pre-activations of layer 2: [rows × 10].
     */
    private double[] a2 = new double[0];

    /**
     * gradient of the loss with respect to a2: [rows × 10].
     */
    private double[] d2 = new double[0];

    /**
     * softmax probabilities: [rows × 10].
     */
    private double[] y = new double[0];

    /**
     * loss of each row, before averaging: [rows].
     */
    private double[] sampleLoss = new double[0];

    /**
     * One sample's pre-activations of layer 2 under a perturbation: [10].
     */
    private final double[] s2 = new double[UNITS_2];

    /**
     * a column of ones, the input that a bias multiplies: [rows].
     */
    private double[] ones = new double[0];

    /**
     * {@link #unit1Loss} for the kernels, created once so that no call allocates.
     */
    private final UnitLoss unit1Exact = this::unit1Loss;

    /**
     * {@link #unit2Loss} for the kernels, created once so that no call allocates.
     */
    private final UnitLoss unit2Exact = this::unit2Loss;

    /**
     * The batch whose rows the row methods read, during the pass that calls them; null when the
     * pass reads the dense rows given to {@link #predict}, {@link #inputX}. Cleared after each pass,
     * so that the model does not keep its caller's arrays.
     */
    private Batch input;

    /**
     * The dense input rows of a {@link #predict} call during its pass, read when {@link #input} is null.
     */
    private double[] inputX;

    /**
     * {@link #scoresRows} for {@code Kernels.inTwoHalves}, created once so that no call allocates.
     */
    private final Kernels.Range scoresRows = this::scoresRows;

    /**
     * {@link #forwardRows} for {@code Kernels.inTwoHalves}, created once so that no call allocates.
     */
    private final Kernels.Range forwardRows = this::forwardRows;

    /**
     * {@link #forwardBackwardRows} for {@code Kernels.inTwoHalves}, created once so that no call allocates.
     */
    private final Kernels.Range forwardBackwardRows = this::forwardBackwardRows;

    /**
     * {@link #otherParametersSgd} for {@code Kernels.transposeTimesSgd}, created once so that no call allocates.
     */
    private final Runnable otherParametersSgd = this::otherParametersSgd;

    /**
     * The arguments of the {@link #sgdStep} in progress ({@code stepWork} to {@code stepLambda}), for
     * {@link #otherParametersSgd}; {@code stepWork} is cleared when the step ends.
     */
    private Gradients stepWork;

    private int stepRows;

    private double stepRate;

    private double stepLambda;

    /**
     * Targets of the batch whose numerical gradient is being computed.
     */
    private double[] t = new double[0];

    /**
     * A model whose parameters are all zero; initialise them through {@link #getParameters()}.
     */
    public TwoLayerNetModel() {
        parameters = List.of(
                new Parameter("W1", new int[] {INPUTS, UNITS_1}, W1),
                new Parameter("b1", new int[] {UNITS_1}, b1),
                new Parameter("W2", new int[] {UNITS_1, UNITS_2}, W2),
                new Parameter("b2", new int[] {UNITS_2}, b2));
    }

    @Override
    public int getInputs() {
        return INPUTS;
    }

    @Override
    public int getOutputs() {
        return OUTPUTS;
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
    public void predict(double[] x, int rows, double[] out) {
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be positive, got " + rows);
        }
        if (x.length < rows * INPUTS) {
            throw new IllegalArgumentException("expected " + rows + " input rows of " + INPUTS + " values, got " + x.length);
        }
        if (out.length < rows * OUTPUTS) {
            throw new IllegalArgumentException("out must hold " + rows + " rows of " + OUTPUTS + " outputs, has " + out.length);
        }
        ensureCapacity(rows);
        forward(x, rows);
        System.arraycopy(y, 0, out, 0, rows * OUTPUTS);
    }

    @Override
    public double loss(Batch batch) {
        int rows = prepare(batch);
        forward(batch, rows);
        return sampleLosses(batch.getT(), rows);
    }

    @Override
    public double accuracy(Batch batch) {
        int rows = prepare(batch);
        scores(batch, rows);
        int[] labels = batch.getLabels();
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * OUTPUTS;
            int best = 0;
            for (int j = 1; j < OUTPUTS; j++) {
                if (a2[row + j] > a2[row + best]) {
                    best = j;
                }
            }
            if (best == labels[r]) {
                correct++;
            }
        }
        return (double) correct / rows;
    }

    @Override
    public double gradient(Batch batch, Gradients out) {
        int rows = prepare(batch);
        checkGradients(out);
        double loss = forwardBackward(batch, rows);
        layer2Parameters(rows, out.get(2), out.get(3));
        layer1Parameters(batch, rows, out.get(0), out.get(1));
        return loss;
    }

    @Override
    public void numericalGradient(Batch batch, Gradients out) {
        int rows = prepare(batch);
        checkGradients(out);
        double[] x = batch.readX();
        t = batch.getT();
        forward(batch, rows);
        sampleLosses(t, rows);
        numericalW1(x, rows, out.get(0));
        numericalB1(rows, out.get(1));
        numericalW2(rows, out.get(2));
        numericalB2(rows, out.get(3));
    }

    /**
     * One step of stochastic gradient descent on {@code batch}: the parameters become exactly what
     * {@link #gradient} followed by {@link #sgdUpdate} makes them, but W1's gradient is applied row by row as
     * it is computed and never stored ({@code work.get(0)} is left as it was), which spares the memory
     * traffic of the largest array. The other gradients are left in {@code work}.
     *
     * @return the batch loss before the step; when it is not finite, no parameter is changed
     */
    public double sgdStep(Batch batch, Gradients work, double learningRate, double lambda) {
        int rows = prepare(batch);
        checkGradients(work);
        double loss = forwardBackward(batch, rows);
        if (!Double.isFinite(loss)) {
            return loss;
        }
        stepWork = work;
        stepRows = rows;
        stepRate = learningRate;
        stepLambda = lambda;
        // W1 ← W1 − lr·(xᵀ · d1 + λ·W1), each row as its gradient is computed, on both cores; this
        // thread first does the rest of the step (otherParametersSgd), which the split counts
        Kernels.transposeTimesSgd(batch, d1, UNITS_1, W1, learningRate, lambda, otherParametersSgd);
        stepWork = null;
        return loss;
    }

    /**
     * The rest of {@link #sgdStep} besides W1's update, which it does not touch: the other layers'
     * gradients, {@code db1} and their updates, for {@code Kernels.transposeTimesSgd} to run on this
     * thread while the second core starts on W1.
     */
    private void otherParametersSgd() {
        layer2Parameters(stepRows, stepWork.get(2), stepWork.get(3));
        // db1: [50] = Σ_rows d1
        Kernels.sumRows(d1, stepRows, UNITS_1, stepWork.get(1));
        sgdBiases(b1, stepWork.get(1), stepRate);
        sgdWeights(W2, stepWork.get(2), stepRate, stepLambda);
        sgdBiases(b2, stepWork.get(3), stepRate);
    }

    /**
     * Stochastic gradient descent with weight decay on the weights: {@code W ← W − lr·(g + λ·W)}
     * ({@code W ← W − lr·g} when {@code lambda} is 0) and {@code b ← b − lr·g}, from the gradients {@code g}.
     */
    public void sgdUpdate(Gradients g, double learningRate, double lambda) {
        checkGradients(g);
        sgdWeights(W1, g.get(0), learningRate, lambda);
        sgdBiases(b1, g.get(1), learningRate);
        sgdWeights(W2, g.get(2), learningRate, lambda);
        sgdBiases(b2, g.get(3), learningRate);
    }

    /**
     * Checks that {@code batch} fits this network and sizes the work buffers for it.
     */
    private int prepare(Batch batch) {
        if (batch.getInputs() != INPUTS) {
            throw new IllegalArgumentException("batch rows have " + batch.getInputs() + " inputs; TwoLayerNetModel expects " + INPUTS);
        }
        if (batch.getOutputs() != OUTPUTS) {
            throw new IllegalArgumentException("batch targets have " + batch.getOutputs() + " columns; TwoLayerNetModel has outputs " + OUTPUTS);
        }
        ensureCapacity(batch.getSize());
        return batch.getSize();
    }

    private void checkGradients(Gradients out) {
        if (out.size() != 4) {
            throw new IllegalArgumentException("gradients hold " + out.size() + " arrays; TwoLayerNetModel has 4 parameters: use newGradients()");
        }
        if (out.get(0).length != W1.length || out.get(1).length != b1.length) {
            throw new IllegalArgumentException("gradients for W1/b1 do not match their shapes; use newGradients()");
        }
        if (out.get(2).length != W2.length || out.get(3).length != b2.length) {
            throw new IllegalArgumentException("gradients for W2/b2 do not match their shapes; use newGradients()");
        }
    }

    /**
     * Grows the work buffers to hold {@code rows} rows; smaller batches reuse them.
     */
    private void ensureCapacity(int rows) {
        if (rows <= capacity) {
            return;
        }
        capacity = rows;
        a1 = new double[rows * UNITS_1];
        z1 = new double[rows * UNITS_1];
        d1 = new double[rows * UNITS_1];
        a2 = new double[rows * UNITS_2];
        d2 = new double[rows * UNITS_2];
        y = new double[rows * OUTPUTS];
        ones = new double[rows];
        Arrays.fill(ones, 1.0);
        sampleLoss = new double[rows];
    }

    private static void sgdWeights(double[] w, double[] g, double lr, double lambda) {
        if (lambda > 0) {
            for (int p = 0; p < w.length; p++) {
                w[p] -= lr * (g[p] + lambda * w[p]);
            }
        } else {
            for (int p = 0; p < w.length; p++) {
                w[p] -= lr * g[p];
            }
        }
    }

    private static void sgdBiases(double[] b, double[] g, double lr) {
        for (int p = 0; p < b.length; p++) {
            b[p] -= lr * g[p];
        }
    }

    /**
     * Forward pass over the input rows of {@code batch}, leaving every layer's values in its buffers.
     */
    private void forward(Batch batch, int rows) {
        input = batch;
        Kernels.inTwoHalves(rows, forwardRows);
        input = null;
    }

    /**
     * Forward pass over {@code rows} dense input rows {@code x}, leaving every layer's values in its buffers.
     */
    private void forward(double[] x, int rows) {
        input = null;
        inputX = x;
        Kernels.inTwoHalves(rows, forwardRows);
        inputX = null;
    }

    /**
     * The forward pass over the input rows of {@code batch} up to the scores {@code a2}, without the softmax.
     */
    private void scores(Batch batch, int rows) {
        input = batch;
        Kernels.inTwoHalves(rows, scoresRows);
        input = null;
    }

    /**
     * The forward pass over the input rows of {@code batch}, each row's loss and the backward pass down to
     * {@code d1}, every row on one of the two cores with no step between layers; returns the batch loss.
     */
    private double forwardBackward(Batch batch, int rows) {
        input = batch;
        Kernels.inTwoHalves(rows, forwardBackwardRows);
        input = null;
        return meanLoss(rows);
    }

    /**
     * Layer 1's affine for rows {@code [from, to)}, from the input in whichever form it came.
     */
    private void inputAffine(int from, int to) {
        // a1: [rows × 50] = x: [rows × 784] · W1 + b1, from the batch's lists of non-zero inputs or its
        // dense rows, or from the rows given to predict
        if (input != null) {
            Kernels.affineRows(input, from, to, W1, b1, UNITS_1, a1);
        } else {
            Kernels.affineRows(inputX, from, to, INPUTS, W1, b1, UNITS_1, a1);
        }
    }

    /**
     * The forward pass of rows {@code [from, to)} up to the scores {@code a2}.
     */
    private void scoresRows(int from, int to) {
        inputAffine(from, to);
        layer1Forward(from, to);
        layer2Forward(from, to);
    }

    /**
     * The forward pass of rows {@code [from, to)}, on the calling thread.
     */
    private void forwardRows(int from, int to) {
        scoresRows(from, to);
        softmaxRows(from, to);
    }

    /**
     * Rows {@code [from, to)} of {@link #forwardBackward}, on the calling thread.
     */
    private void forwardBackwardRows(int from, int to) {
        forwardRows(from, to);
        sampleLossRows(input.getT(), from, to);
        outputBackward(input.getT(), input.getSize(), from, to);
        layer2Backward(from, to);
    }

    /**
     * Layer 1, {@code hidden}: RELU of the affine {@code a1} that {@code inputAffine} computed, rows
     * {@code [from, to)}.
     */
    private void layer1Forward(int from, int to) {
        // z1: [rows × 50] = RELU(a1)
        for (int i = from * UNITS_1; i < to * UNITS_1; i++) {
            double v = a1[i];
            z1[i] = Math.max(v, 0.0);
        }
    }

    /**
     * Layer 2, {@code output}, rows {@code [from, to)}:
     * Affine then {@code softmax}, a separate step (accuracy needs only the scores).
     */
    private void layer2Forward(int from, int to) {
        // a2: [rows × 10] = z1: [rows × 50] · W2 + b2
        Kernels.affineRows(z1, from, to, UNITS_1, W2, b2, UNITS_2, a2);
    }

    /**
     * {@code y = softmax(a2)} for rows {@code [from, to)}, the row maximum subtracted against overflow.
     */
    private void softmaxRows(int from, int to) {
        for (int r = from; r < to; r++) {
            int row = r * OUTPUTS;
            double max = a2[row];
            for (int j = 1; j < OUTPUTS; j++) {
                max = Math.max(max, a2[row + j]);
            }
            double sum = 0.0;
            for (int j = 0; j < OUTPUTS; j++) {
                double e = Math.exp(a2[row + j] - max);
                y[row + j] = e;
                sum += e;
            }
            for (int j = 0; j < OUTPUTS; j++) {
                y[row + j] /= sum;
            }
        }
    }

    /**
     * Fills {@code sampleLoss} from the forward pass and returns their mean: the batch loss.
     */
    private double sampleLosses(double[] t, int rows) {
        sampleLossRows(t, 0, rows);
        return meanLoss(rows);
    }

    /**
     * {@code sampleLoss} of rows {@code [from, to)}, from the forward pass.
     */
    private void sampleLossRows(double[] t, int from, int to) {
        for (int r = from; r < to; r++) {
            // the same values outputLoss computes, read from y instead of re-exponentiated
            int row = r * OUTPUTS;
            double loss = 0.0;
            for (int j = 0; j < OUTPUTS; j++) {
                double tj = t[row + j];
                if (tj != 0.0) {
                    loss -= tj * Math.log(y[row + j] + 1e-7);
                }
            }
            sampleLoss[r] = loss;
        }
    }

    /**
     * The batch loss: the mean of {@code sampleLoss}, summed in row order.
     */
    private double meanLoss(int rows) {
        double sum = 0.0;
        for (int r = 0; r < rows; r++) {
            sum += sampleLoss[r];
        }
        return sum / rows;
    }

    /**
     * One row's cross-entropy {@code −Σ t·log(y + 1e-7)} of {@code y = softmax(a[offset ..])}:
     * exactly the values the forward pass computes, so perturbed and cached losses agree.
     */
    private static double outputLoss(double[] a, int offset, double[] t, int tOffset) {
        double max = a[offset];
        for (int j = 1; j < OUTPUTS; j++) {
            max = Math.max(max, a[offset + j]);
        }
        double sum = 0.0;
        for (int j = 0; j < OUTPUTS; j++) {
            sum += Math.exp(a[offset + j] - max);
        }
        double loss = 0.0;
        for (int j = 0; j < OUTPUTS; j++) {
            // a zero target contributes exactly nothing: skip its logarithm
            double tj = t[tOffset + j];
            if (tj != 0.0) {
                loss -= tj * Math.log(Math.exp(a[offset + j] - max) / sum + 1e-7);
            }
        }
        return loss;
    }

    /**
     * SoftmaxWithLoss backward: {@code d2 = (y − t) / rows}, rows {@code [from, to)}.
     */
    private void outputBackward(double[] t, int rows, int from, int to) {
        for (int i = from * OUTPUTS; i < to * OUTPUTS; i++) {
            d2[i] = (y[i] - t[i]) / rows;
        }
    }

    /**
     * Affine backward of layer 2, {@code output}, to its input, then the activation backward of layer 1,
     * rows {@code [from, to)}.
     */
    private void layer2Backward(int from, int to) {
        // d1: [rows × 50] = d2 · W2ᵀ ⊙ RELU'(a1)
        Kernels.timesTransposeRows(d2, from, to, UNITS_2, W2, UNITS_1, d1);
        for (int i = from * UNITS_1; i < to * UNITS_1; i++) {
            double z = z1[i];
            d1[i] *= Math.min(1.0, Math.ceil(z));
        }
    }

    /**
     * Affine backward of layer 2, {@code output}, to its weights and biases.
     */
    private void layer2Parameters(int rows, double[] dW, double[] db) {
        // dW2: [50 × 10] = z1ᵀ · d2
        Kernels.transposeTimes(z1, rows, UNITS_1, d2, UNITS_2, dW);
        // db2: [10] = Σ_rows d2
        Kernels.sumRows(d2, rows, UNITS_2, db);
    }

    /**
     * Affine backward of layer 1, {@code hidden}, to its weights and biases.
     */
    private void layer1Parameters(Batch batch, int rows, double[] dW, double[] db) {
        // dW1: [784 × 50] = xᵀ · d1
        Kernels.transposeTimes(batch, d1, UNITS_1, dW);
        // db1: [50] = Σ_rows d1
        Kernels.sumRows(d1, rows, UNITS_1, db);
    }

    /**
     * Central differences for W1, evaluated incrementally from the cached forward pass by the runtime.
     */
    private void numericalW1(double[] x, int rows, double[] g) {
        Kernels.softmaxHiddenDifferences(x, rows, INPUTS, W1, H, a1, z1, ActivationFunction.RELU, UNITS_1, W2, y, t, OUTPUTS, unit1Exact, g);
    }

    /**
     * Central differences for b1: a weight whose input is always 1.
     */
    private void numericalB1(int rows, double[] g) {
        Kernels.softmaxHiddenDifferences(ones, rows, 1, b1, H, a1, z1, ActivationFunction.RELU, UNITS_1, W2, y, t, OUTPUTS, unit1Exact, g);
    }

    /**
     * Loss of row {@code r} when unit {@code j} of layer 1 has pre-activation {@code a} instead of its cached value.
     */
    private double unit1Loss(int r, int j, double a) {
        double dz = (Math.max(a, 0.0)) - z1[r * UNITS_1 + j];
        if (dz == 0.0) {
            // the unit's output did not change (e.g. ReLU stays off): nor did the loss
            return sampleLoss[r];
        }
        // s2: [10] = a2[r] + dz · W2[j], the next layer seeing the changed unit
        int row = r * UNITS_2;
        int w = j * UNITS_2;
        for (int m = 0; m < UNITS_2; m++) {
            s2[m] = a2[row + m] + dz * W2[w + m];
        }
        return outputLoss(s2, 0, t, r * OUTPUTS);
    }

    /**
     * Central differences for W2, evaluated incrementally from the cached forward pass by the runtime.
     */
    private void numericalW2(int rows, double[] g) {
        Kernels.softmaxOutputDifferences(z1, rows, UNITS_1, W2, H, a2, y, t, OUTPUTS, unit2Exact, g);
    }

    /**
     * Central differences for b2: a weight whose input is always 1.
     */
    private void numericalB2(int rows, double[] g) {
        Kernels.softmaxOutputDifferences(ones, rows, 1, b2, H, a2, y, t, OUTPUTS, unit2Exact, g);
    }

    /**
     * Loss of row {@code r} when unit {@code j} of layer 2 has pre-activation {@code a} instead of its cached value.
     */
    private double unit2Loss(int r, int j, double a) {
        System.arraycopy(a2, r * OUTPUTS, s2, 0, OUTPUTS);
        s2[j] = a;
        return outputLoss(s2, 0, t, r * OUTPUTS);
    }
}
