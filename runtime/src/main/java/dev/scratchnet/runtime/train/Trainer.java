package dev.scratchnet.runtime.train;

import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.eval.ClassificationEvaluation;
import dev.scratchnet.runtime.eval.Evaluation;
import dev.scratchnet.runtime.internal.FusedSgd;
import dev.scratchnet.runtime.internal.SgdUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Mini-batch training as in the book's {@code ch04/train_neuralnet.py} and {@code ch05/train_neuralnet.py}. Each
 * iteration {@code i}:
 * <ol>
 *   <li>draws {@code batchSize} row indices uniformly with replacement ({@code nextInt(trainSize)} of a
 *       {@link org.apache.commons.math3.random.Well19937c} seeded with {@link TrainingConfig#getSeed()}) and copies the rows into a
 *       reused {@link Batch};</li>
 *   <li>computes gradients by backprop or central differences ({@link TrainingConfig#getGradientMode()}), plus
 *       weight decay;</li>
 *   <li>lets the optimizer update the parameters;</li>
 *   <li>records the mini-batch loss after the update (unless {@code recordLoss} is off);</li>
 *   <li>when {@code i % iterPerEpoch == 0}, with {@code iterPerEpoch = max(trainSize / batchSize, 1)} (or every
 *       {@link TrainingConfig#getEvaluateEvery()} iterations), evaluates train and test accuracy. The division is an integer one;
 *       the book's Python divides floats, which differs only when the batch size does not divide the training
 *       set (the book would then evaluate at iteration 0 alone).</li>
 * </ol>
 * The same seed gives bit-identical parameters and history. Nothing is allocated per iteration: the batch and
 * gradients are allocated once per run (listeners, if any, receive one small event object per iteration).
 *
 * <p>With backpropagation and plain SGD, a model that can do the gradient and the update in one pass (generated
 * models and the DSL's networks can) does so: the weights are the same, bit for bit, as the gradient followed by
 * the update, and the largest gradient is applied as it is computed instead of being stored and read back.
 *
 * <p><b>Divergence.</b> The loss returned by backprop (and the recorded loss) is checked every iteration, which
 * costs nothing; the parameters are scanned once per epoch, at the end, and whenever the loss is not finite, to
 * name the first bad value. A NaN or infinite value stops training with a {@link TrainingDivergedException}. With
 * numerical gradients and {@code recordLoss} off no loss is computed, so divergence is found at the next epoch.
 *
 * <p>A loss can also diverge while staying finite (a cross-entropy saturates near 16 when the network is confidently
 * wrong). So while losses are recorded, a run also stops with a {@link TrainingDivergedException} when the mean of
 * the last {@value #GROWTH_WINDOW} recorded losses exceeds {@value #GROWTH_FACTOR} times the loss it started from:
 * the model's loss before the first update, on up to {@value #START_ROWS} training rows spread evenly over the set
 * (one forward pass, which changes no weight and draws no random number). The mean over a window keeps single noisy
 * batches from firing it: on the book's MNIST runs with SGD, Momentum, AdaGrad and Adam, at their usual learning
 * rates and at 0.1, no such mean passes 1.0 times the starting loss, while at learning rate 1000 it is 6 times it.
 *
 * <p>A trainer can be resumed: {@link #getState()} after a run and {@link #setState} on a fresh trainer (with the
 * parameters restored into its model) continue the run exactly, up to its configured iterations in total.
 */
public final class Trainer {
    /** How many recorded losses the growth rule averages (see Divergence above). */
    public static final int GROWTH_WINDOW = 50;
    /** How many times the starting loss their mean may reach before the run is stopped. */
    public static final double GROWTH_FACTOR = 3.0;
    /** At most this many training rows, spread evenly over the set, measure the starting loss. */
    public static final int START_ROWS = 1000;

    private final Model model;
    private final TrainingConfig config;
    private final Optimizer optimizer;
    private final WeightDecay weightDecay;
    private final ResumableWell19937c random;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private int iteration;
    private volatile boolean stopRequested;

    /** A trainer of {@code model} with the optimizer {@code config} names; the model's current parameters are the start. */
    public Trainer(Model model, TrainingConfig config) {
        this.model = model;
        this.config = config;
        this.optimizer = config.getOptimizer().create(config.getLearningRate());
        this.weightDecay = new WeightDecay(config.getWeightDecay());
        this.random = new ResumableWell19937c(config.getSeed());
    }

    public Model getModel() {
        return model;
    }

    public TrainingConfig getConfig() {
        return config;
    }

    public Optimizer getOptimizer() {
        return optimizer;
    }

    /** Iterations done so far: the next iteration to run. */
    public int getIteration() {
        return iteration;
    }

    /**
     * Asks a running (or the next) {@link #train} to return after the iteration in progress, e.g. from a Ctrl-C
     * handler on another thread; the state is then consistent and can be saved and resumed. Safe to call from
     * any thread.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether the last {@link #train} returned because {@link #requestStop()} was called. */
    public boolean isStopRequested() {
        return stopRequested;
    }

    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /** A snapshot of the iteration, the mini-batch generator and the optimizer, to save beside the parameters. */
    public TrainingState getState() {
        return new TrainingState(iteration, random.getState(), optimizer.getState());
    }

    /**
     * Continues from {@code state}; restore the parameters saved with it into {@link #getModel()} as well.
     *
     * @throws IllegalArgumentException if {@code state} was not saved by a trainer with this optimizer; the trainer
     *         is then unchanged
     */
    public void setState(TrainingState state) {
        int[] previous = random.getState();
        random.setState(state.getRandomState());
        try {
            optimizer.setState(state.getOptimizerState());
        } catch (IllegalArgumentException e) {
            random.setState(previous);
            throw e;
        }
        iteration = state.getIteration();
    }

    /**
     * Trains from the current iteration up to the configured iterations, evaluating on {@code train} and
     * {@code test}: the accuracy on both for classification, and the loss on {@code test}, the held-out set that
     * {@link EarlyStopping} watches.
     *
     * @throws IllegalArgumentException if the datasets do not fit the model or the batch size exceeds the training set
     * @throws IllegalStateException if the run has already done all its iterations
     * @throws TrainingDivergedException if the loss or a parameter becomes NaN or infinite, or the recorded loss grows
     *         beyond {@value #GROWTH_FACTOR} times its start (see Divergence above)
     */
    /**
     * Iterations in one epoch, as the book counts them: {@code max(trainSize / batchSize, 1)}. Epochs given by a user
     * become this many iterations each.
     */
    public static int iterationsPerEpoch(int trainSize, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        return Math.max(trainSize / batchSize, 1);
    }

    public TrainingResult train(Dataset train, Dataset test) {
        checkFits(train, "training");
        checkFits(test, "test");
        int trainSize = train.getSize();
        int batchSize = config.getBatchSize();
        config.requireBatchFits(trainSize);
        int iterations = config.getIterations();
        if (iteration >= iterations) {
            throw new IllegalStateException("this run has already done " + iteration + " of its " + iterations
                    + " iterations; raise iterations to train further");
        }
        long start = System.nanoTime();
        int iterPerEpoch = iterationsPerEpoch(trainSize, batchSize);
        int evaluateEvery = config.getEvaluateEvery() == TrainingConfig.EVERY_EPOCH ? iterPerEpoch : config.getEvaluateEvery();
        List<Parameter> params = model.getParameters();
        Batch batch = new Batch(batchSize, train.getFeatures(), train.getOutputs());
        Gradients grads = model.newGradients();
        int[] drawn = new int[batchSize];
        History history = new History(iteration, config.isRecordLoss() ? iterations - iteration : 0);
        SgdUpdate sgd = fusedSgd(grads);
        @Nullable LossGrowth growth = config.isRecordLoss() ? new LossGrowth(train, params) : null;

        while (iteration < iterations && !stopRequested) {
            int i = iteration;
            for (int row = 0; row < batchSize; row++) {
                drawn[row] = random.nextInt(trainSize);
            }
            train.copyRows(drawn, batch);
            if (config.getGradientMode() == GradientMode.NUMERICAL) {
                model.numericalGradient(batch, grads);
                update(params, grads);
            } else if (sgd != null) {
                requireFinite(i, ((FusedSgd) model).sgdStep(batch, sgd), params);
            } else {
                requireFinite(i, model.gradient(batch, grads), params);
                update(params, grads);
            }
            double loss = Double.NaN;
            if (config.isRecordLoss()) {
                loss = model.loss(batch) + (weightDecay.getLambda() > 0 ? weightDecay.penalty(params) : 0);
                requireFinite(i, loss, params);
                history.addLoss(loss);
                if (growth != null) {
                    growth.check(i, loss);
                }
            }
            // From here on the state is that after iteration i: a listener may save it as a checkpoint.
            iteration = i + 1;
            int epoch = i / iterPerEpoch;
            notifyIteration(i, iterations, epoch, loss);
            if (i % iterPerEpoch == 0) {
                requireFiniteParameters(i, params);
            }
            if (evaluateEvery != TrainingConfig.NEVER && i % evaluateEvery == 0) {
                Evaluation held = Evaluation.of(model, test);
                double trainAccuracy = accuracy(train);
                double trainLoss = history.addEvaluation(i, epoch, trainAccuracy, accuracy(held), held.getLoss());
                tell(TrainingEvent.evaluation(this, i, iterations, epoch, loss, trainLoss, held.getLoss(),
                        trainAccuracy, accuracy(held)));
            }
        }
        long loopEnd = System.nanoTime();
        requireFiniteParameters(iteration - 1, params);
        boolean evaluate = evaluateEvery != TrainingConfig.NEVER;
        Evaluation held = evaluate ? Evaluation.of(model, test) : null;
        return new TrainingResult(history, evaluate ? accuracy(train) : Double.NaN, accuracy(held),
                held == null ? Double.NaN : held.getLoss(), (System.nanoTime() - start) / 1e9, (loopEnd - start) / 1e9);
    }

    /** Accuracy on a classification dataset, NaN on a regression one. */
    private double accuracy(Dataset data) {
        return data.isClassification() ? data.accuracyOf(model) : Double.NaN;
    }

    /** The accuracy of a classification evaluation, NaN for a regression one or none. */
    private static double accuracy(@Nullable Evaluation evaluation) {
        return evaluation instanceof ClassificationEvaluation c ? c.getAccuracy() : Double.NaN;
    }

    /**
     * The recorded losses of the last {@value #GROWTH_WINDOW} iterations, checked against the loss the run starts
     * from. That is measured on many rows spread evenly over the training set, not on the first batch: once a model
     * has learnt (a resumed run), one batch's loss can be a fraction of the mean. It includes the weight-decay
     * penalty, as recorded losses do.
     */
    private final class LossGrowth {
        private final int rows;
        private final double start;
        private final double[] window = new double[GROWTH_WINDOW];
        private int count;

        LossGrowth(Dataset train, List<Parameter> params) {
            rows = Math.min(START_ROWS, train.getSize());
            int[] spread = new int[rows];
            for (int r = 0; r < rows; r++) {
                spread[r] = (int) ((long) r * train.getSize() / rows);
            }
            Batch batch = new Batch(rows, train.getFeatures(), train.getOutputs());
            train.copyRows(spread, batch);
            start = model.loss(batch) + (weightDecay.getLambda() > 0 ? weightDecay.penalty(params) : 0);
        }

        void check(int i, double loss) {
            window[count++ % GROWTH_WINDOW] = loss;
            if (count < GROWTH_WINDOW) {
                return;
            }
            double sum = 0;
            for (double l : window) {
                sum += l;
            }
            double mean = sum / GROWTH_WINDOW;
            if (mean > GROWTH_FACTOR * start) {
                throw diverged(i, String.format(Locale.ROOT, "the mean loss of the last %d iterations is %.4g, more than %.0f times "
                        + "the loss at the start, %.4g (on %d training rows)", GROWTH_WINDOW, mean, GROWTH_FACTOR, start, rows));
            }
        }
    }

    /** The fused step's update when the model offers one and the run is backprop with plain SGD, else null. */
    private @Nullable SgdUpdate fusedSgd(Gradients work) {
        if (model instanceof FusedSgd && optimizer instanceof Sgd sgd
                && config.getGradientMode() == GradientMode.BACKPROP) {
            return new SgdUpdate(sgd.getLearningRate(), weightDecay.getLambda(), work);
        }
        return null;
    }

    /** Weight decay (if its λ is positive), then the optimizer's update: the book's {@code optimizer.update}. */
    private void update(List<Parameter> params, Gradients grads) {
        if (weightDecay.getLambda() > 0) {
            weightDecay.addGradients(params, grads);
        }
        optimizer.update(params, grads);
    }

    private void checkFits(Dataset data, String role) {
        if (data.getFeatures() != model.getInputs() || data.getOutputs() != model.getOutputs()) {
            throw new IllegalArgumentException("the " + role + " set has " + data.getFeatures() + " features and "
                    + data.getOutputs() + (data.isClassification() ? " classes" : " targets") + ", but "
                    + model.getClass().getSimpleName() + " takes " + model.getInputs() + " inputs and has "
                    + model.getOutputs() + " outputs");
        }
    }

    private void notifyIteration(int i, int iterations, int epoch, double loss) {
        if (!listeners.isEmpty()) {
            tell(TrainingEvent.iteration(this, i, iterations, epoch, loss));
        }
    }

    /** Tells every listener, in the order they were added. */
    private void tell(TrainingEvent event) {
        for (int l = 0; l < listeners.size(); l++) {
            listeners.get(l).onEvent(event);
        }
    }

    private void requireFinite(int i, double loss, List<Parameter> params) {
        if (!Double.isFinite(loss)) {
            String bad = firstNonFinite(params);
            throw diverged(i, "loss is " + loss + "; " + (bad == null ? "all parameters are finite" : bad));
        }
    }

    private void requireFiniteParameters(int i, List<Parameter> params) {
        String bad = firstNonFinite(params);
        if (bad != null) {
            throw diverged(i, bad);
        }
    }

    private TrainingDivergedException diverged(int i, String what) {
        return new TrainingDivergedException(i, "training diverged at iteration " + i + ": " + what
                + "; lower the learning rate (now " + config.getLearningRate() + ")");
    }

    /** {@code "W1[12] = Infinity"} for the first NaN or infinite parameter value, or null if all are finite. */
    private static @Nullable String firstNonFinite(List<Parameter> params) {
        // Indexed, not for-each: a List iterator per scan would be an allocation per epoch.
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            double[] values = p.getValues();
            for (int k = 0; k < values.length; k++) {
                if (!Double.isFinite(values[k])) {
                    return p.getName() + "[" + k + "] = " + values[k];
                }
            }
        }
        return null;
    }
}
