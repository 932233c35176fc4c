package dev.scratchnet.runtime.dsl;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.Summary;
import dev.scratchnet.runtime.internal.AffineKernel;
import dev.scratchnet.runtime.internal.Differences;
import dev.scratchnet.runtime.internal.FusedSgd;
import dev.scratchnet.runtime.internal.InputRows;
import dev.scratchnet.runtime.internal.LossKernel;
import dev.scratchnet.runtime.internal.Scored;
import dev.scratchnet.runtime.internal.SgdUpdate;
import dev.scratchnet.runtime.layers.Affine;
import dev.scratchnet.runtime.layers.IdentityWithLoss;
import dev.scratchnet.runtime.layers.Layer;
import dev.scratchnet.runtime.layers.LossLayer;
import dev.scratchnet.runtime.layers.Relu;
import dev.scratchnet.runtime.layers.Sigmoid;
import dev.scratchnet.runtime.layers.SoftmaxWithLoss;
import dev.scratchnet.runtime.layers.Tanh;
import dev.scratchnet.runtime.train.Initializers;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * A network of dense layers built from the layers of chapter 5, as the book's {@code MultiLayerNet}:
 * {@code Affine → activation → … → Affine → [activation] → loss layer}, with gradients by the computational
 * graph (forward, then backward in reverse) and by central differences.
 *
 * <p>Built by {@link Networks}; the parameters {@code W1, b1, W2, b2, …} are the {@link Affine} layers' own
 * arrays, all zero after building. The layers compute with the runtime's kernels, the same that generated models
 * call, so a network gives exactly the values of the generated model of the same layers. Buffers grow to the
 * largest batch seen and are reused, so {@link #loss}, {@link #gradient}, {@link #accuracy},
 * {@link #predict(double[], int, double[])} and a trainer's SGD step do not allocate once they have seen that
 * batch size.
 */
public final class SequentialNetwork implements Model, FusedSgd, Scored {
    private final int inputs;
    private final int outputs;
    private final LossFunction loss;
    private final List<LayerInfo> layerInfos;
    private final Layer[] layers;
    private final Affine[] affines;
    private final LossLayer lossLayer;
    private final List<Parameter> parameters;
    /** The first layer's products, for its update in {@link #sgdStep}. */
    private final AffineKernel first;
    /** The gradient reaching the first layer during an {@link #sgdStep}, for {@link #updateOtherLayers}. */
    private double[] firstDout = new double[0];
    private int stepRows;
    private final SgdUpdate.Rest updateOtherLayers = this::updateOtherLayers;
    /**
     * The loss per row, for {@link #score} and {@link #numericalGradient}: the loss layer's arithmetic, kept apart by
     * row, into the outputs (the softmax's probabilities, or the scores themselves) and the losses of each row.
     */
    private final LossKernel rowLosses;
    private double[] scoreOutputs = new double[0];
    private double[] scoreLosses = new double[0];
    /** The numerical gradient, from a pass's cached values. */
    private final Differences differences;
    /** Each dense layer's pre-activations and outputs in the last pass over a batch: its layers' own buffers. */
    private final double[][] passA;
    private final double[][] passZ;

    SequentialNetwork(int inputs, List<LayerInfo> layerInfos, LossFunction loss) {
        this.inputs = inputs;
        this.loss = loss;
        this.layerInfos = List.copyOf(layerInfos);
        this.affines = new Affine[layerInfos.size()];
        List<Layer> chain = new ArrayList<>();
        List<Parameter> params = new ArrayList<>();
        int width = inputs;
        for (int k = 0; k < affines.length; k++) {
            LayerInfo info = layerInfos.get(k);
            Affine affine = new Affine(width, info.getUnits());
            affines[k] = affine;
            chain.add(affine);
            params.add(new Parameter("W" + (k + 1), new int[] {width, info.getUnits()}, affine.getW()));
            params.add(new Parameter("b" + (k + 1), new int[] {info.getUnits()}, affine.getB()));
            activation(info.getActivation(), info.getUnits(), chain);
            width = info.getUnits();
        }
        this.outputs = width;
        this.layers = chain.toArray(new Layer[0]);
        this.parameters = List.copyOf(params);
        // CROSS_ENTROPY after SOFTMAX has the same loss and the same backward as SoftmaxWithLoss.
        this.lossLayer = loss == LossFunction.MEAN_SQUARED_ERROR ? new IdentityWithLoss(outputs)
                : new SoftmaxWithLoss(outputs);
        this.first = new AffineKernel(affines[0].getW(), affines[0].getB(), inputs, layerInfos.get(0).getUnits());
        this.rowLosses = LossKernel.of(loss, outputs);
        List<AffineKernel> kernels = new ArrayList<>();
        List<ActivationFunction> activations = new ArrayList<>();
        for (int k = 0; k < affines.length; k++) {
            kernels.add(k == 0 ? first : new AffineKernel(affines[k].getW(), affines[k].getB(),
                    affines[k].getInputWidth(), affines[k].getOutputWidth()));
            activations.add(layerInfos.get(k).getActivation());
        }
        this.differences = new Differences(rowLosses, kernels, activations);
        this.passA = new double[affines.length][];
        this.passZ = new double[affines.length][];
    }

    /** Appends the layer computing {@code activation}; IDENTITY needs none, and SOFTMAX is left to the loss layer. */
    private static void activation(ActivationFunction activation, int units, List<Layer> chain) {
        switch (activation) {
            case SIGMOID -> chain.add(new Sigmoid(units));
            case RELU -> chain.add(new Relu(units));
            case TANH -> chain.add(new Tanh(units));
            case IDENTITY, SOFTMAX -> { }
            case STEP -> throw new IllegalArgumentException("STEP has no gradient; NetworkBuilder.build() rejects it before this");
        }
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
    public List<Parameter> getParameters() {
        return parameters;
    }

    @Override
    public Summary summary() {
        Summary summary = Summary.of("SequentialNetwork", inputs, loss);
        for (LayerInfo layer : layerInfos) {
            summary = summary.dense(layer.getName(), layer.getUnits(), layer.getActivation());
        }
        return summary;
    }

    /** {@link #loss}'s forward pass, handing each row's scores (outputs, under the squared error) and loss to an evaluation. */
    @Override
    public void score(Batch batch, Scored.Sink sink) {
        checkBatch(batch);
        double[] scores = forward(batch);
        rowLosses(batch, scores);
        sink.accept(batch, scores, scoreLosses);
    }

    /** Each row's outputs and loss, from the last layer's scores, into {@link #scoreOutputs} and {@link #scoreLosses}. */
    private void rowLosses(Batch batch, double[] scores) {
        int rows = batch.getSize();
        if (scoreLosses.length < rows) {
            scoreOutputs = new double[rows * outputs];
            scoreLosses = new double[rows];
        }
        rowLosses.forward(scores, batch.getT(), scoreOutputs, scoreLosses, 0, rows);
    }

    /** The dense layers as declared, in order; layer {@code k} (from 1) owns {@code Wk} and {@code bk}. */
    public List<LayerInfo> getLayers() {
        return layerInfos;
    }

    /**
     * Initialises the parameters as the builder declared them — each layer's weights by its {@code init(…)},
     * {@link InitMethod#BOOK} where none was given — biases to zero, drawing the weights in order from
     * {@code new Well19937c(seed)}: the same as a generated model's {@code initialize(seed)} for the same layers.
     */
    public void initialize(long seed) {
        RandomGenerator random = new Well19937c(seed);
        for (int k = 0; k < layerInfos.size(); k++) {
            InitMethod declared = layerInfos.get(k).getInit();
            InitMethod method = declared == null ? InitMethod.BOOK : declared;
            Initializers.initialize(parameters.get(2 * k), method, random);
            Initializers.initialize(parameters.get(2 * k + 1), method, random);
        }
    }

    /** The last layer's outputs (before the loss's softmax) for the first {@code rows} rows of {@code x}. */
    private double[] forward(double[] x, int rows) {
        double[] a = x;
        for (Layer layer : layers) {
            a = layer.forward(a, rows);
        }
        return a;
    }

    /**
     * The last layer's outputs (before the loss's softmax) for the rows of {@code batch}, read where they lie; each
     * dense layer's pre-activations and outputs stay in {@link #passA} and {@link #passZ}.
     */
    private double[] forward(Batch batch) {
        double[] a = affines[0].forward(batch);
        passA[0] = a;
        passZ[0] = a;
        for (int i = 1, k = 0; i < layers.length; i++) {
            a = layers[i].forward(a, batch.getSize());
            if (layers[i] instanceof Affine) {
                passA[++k] = a;
            }
            passZ[k] = a;
        }
        return a;
    }

    @Override
    public void predict(double[] x, int rows, double[] out) {
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be positive, got " + rows + "; predict needs at least one input row");
        }
        checkLength("x", x, rows, inputs, "inputs");
        checkLength("out", out, rows, outputs, "outputs");
        lossLayer.outputs(forward(x, rows), rows, out);
    }

    @Override
    public double loss(Batch batch) {
        checkBatch(batch);
        return forwardLoss(batch);
    }

    private double forwardLoss(Batch batch) {
        return lossLayer.forward(forward(batch), batch.getT(), batch.getSize());
    }

    /** Fraction of rows whose largest output (the first, on ties) is at the row's label; the loss's softmax would not change it. */
    @Override
    public double accuracy(Batch batch) {
        checkBatch(batch);
        int rows = batch.getSize();
        int[] labels = batch.getLabels();
        for (int r = 0; r < rows; r++) {
            if (labels[r] < 0 || labels[r] >= outputs) {
                throw new IllegalArgumentException("label " + labels[r] + " of row " + r + " is outside [0, " + outputs
                        + "); labels must index this network's " + outputs + " outputs");
            }
        }
        return LossKernel.accuracy(forward(batch), labels, rows, outputs);
    }

    @Override
    public double gradient(Batch batch, Gradients out) {
        checkBatch(batch);
        out.requireShapesOf(parameters);
        double value = forwardLoss(batch);
        // The first layer is the first Affine: the gradient with respect to the input data is not needed.
        affines[0].backwardParameters(backwardToFirstLayer());
        for (int k = 0; k < affines.length; k++) {
            double[] dW = affines[k].getDW();
            double[] db = affines[k].getDb();
            System.arraycopy(dW, 0, out.get(2 * k), 0, dW.length);
            System.arraycopy(db, 0, out.get(2 * k + 1), 0, db.length);
        }
        return value;
    }

    /** Backward from the loss through every layer but the first; returns the gradient with respect to its output. */
    private double[] backwardToFirstLayer() {
        double[] dout = lossLayer.backward();
        for (int i = layers.length - 1; i >= 1; i--) {
            dout = layers[i].backward(dout);
        }
        return dout;
    }

    /**
     * {@link #gradient} and plain SGD in one pass: the first layer's weights are updated as their gradient is
     * computed, on both cores, while this thread updates the other parameters.
     */
    @Override
    public double sgdStep(Batch batch, SgdUpdate update) {
        checkBatch(batch);
        update.getGradients().requireShapesOf(parameters);
        double value = forwardLoss(batch);
        if (!Double.isFinite(value)) {
            return value;
        }
        firstDout = backwardToFirstLayer();
        stepRows = batch.getSize();
        first.sgd(InputRows.of(batch), firstDout, update, updateOtherLayers);
        return value;
    }

    /** Every update of {@link #sgdStep} but the first layer's weights: their gradients are the layers' own. */
    private void updateOtherLayers(SgdUpdate update) {
        double[] db1 = update.getGradients().get(1);
        first.biasGradient(firstDout, stepRows, db1);
        update.biases(affines[0].getB(), db1);
        for (int k = 1; k < affines.length; k++) {
            update.weights(affines[k].getW(), affines[k].getDW());
            update.biases(affines[k].getB(), affines[k].getDb());
        }
    }

    /**
     * The book's {@code numerical_gradient}: for every parameter value, the central difference
     * {@code (loss(v + h) - loss(v - h)) / 2h} with {@code h = 1e-4}, computed as a generated model computes it: from
     * one forward pass's cached values, recomputing only what a perturbed parameter changes ({@link Differences}),
     * so both give the same values bit for bit. No parameter is changed, not even temporarily.
     */
    @Override
    public void numericalGradient(Batch batch, Gradients out) {
        checkBatch(batch);
        out.requireShapesOf(parameters);
        rowLosses(batch, forward(batch));
        int last = affines.length - 1;
        differences.begin(batch, scoreLosses);
        for (int k = 0; k <= last; k++) {
            // under the softmax's cross-entropy, the last layer's outputs are the probabilities
            boolean probabilities = k == last && loss != LossFunction.MEAN_SQUARED_ERROR;
            differences.layer(k + 1, passA[k], probabilities ? scoreOutputs : passZ[k]);
        }
        for (int k = 0; k <= last; k++) {
            differences.parameters(k + 1, out.get(2 * k), out.get(2 * k + 1));
        }
        differences.end();
    }

    private void checkBatch(Batch batch) {
        if (batch.getInputs() != inputs) {
            throw new IllegalArgumentException("batch rows have " + batch.getInputs() + " inputs, this network takes " + inputs
                    + "; build the batch with " + inputs + " inputs per row");
        }
        if (batch.getOutputs() != outputs) {
            throw new IllegalArgumentException("batch targets have " + batch.getOutputs() + " values per row, this network has "
                    + outputs + " outputs; build the batch with " + outputs + " outputs per row");
        }
    }

    private static void checkLength(String name, double[] values, int rows, int width, String what) {
        if ((long) rows * width > values.length) {
            throw new IllegalArgumentException(name + " holds " + values.length + " values, expected at least " + rows + " rows × "
                    + width + " " + what + " = " + (long) rows * width);
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SequentialNetwork(").append(inputs);
        for (LayerInfo layer : layerInfos) {
            s.append(" → ").append(layer);
        }
        return s.append(", ").append(loss).append(')').toString();
    }
}
