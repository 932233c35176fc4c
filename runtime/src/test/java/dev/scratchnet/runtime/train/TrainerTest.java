package dev.scratchnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.Dataset;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final Dataset TRAIN = Blobs.train();
    private static final Dataset TEST = Blobs.test();

    /** Softmax regression on the blobs, initialised with the book's 0.01·N(0, 1) from seed 3. */
    private static LinearModel softmaxModel() {
        LinearModel model = new LinearModel(Blobs.FEATURES, Blobs.CLASSES, LossFunction.SOFTMAX_CROSS_ENTROPY);
        Initializers.initialize(model, InitMethod.BOOK, 3);
        return model;
    }

    /** 300 rows in batches of 20: 15 iterations per epoch. */
    private static TrainingConfig.Builder config() {
        return TrainingConfig.builder().iterations(300).batchSize(20).seed(5);
    }

    private static void assertSameParameters(LinearModel expected, LinearModel actual) {
        for (Parameter p : expected.getParameters()) {
            assertArrayEquals(p.getValues(), actual.getParameter(p.getName()).getValues(), p.getName());
        }
    }

    @Test
    void sgdLearnsTheBlobsAndEvaluatesOncePerEpochFromIterationZero() {
        TrainingResult result = new Trainer(softmaxModel(), config().build()).train(TRAIN, TEST);
        assertEquals(0.9833333333333333, result.getTrainAccuracy());
        assertEquals(0.9733333333333334, result.getTestAccuracy());
        History history = result.getHistory();
        int[] everyEpoch = new int[20];
        Arrays.setAll(everyEpoch, e -> 15 * e);
        assertArrayEquals(everyEpoch, history.getEvaluationIterations());
        // At iteration 0 one update has been made: already far above chance (1/3).
        assertEquals(0.8933333333333333, history.getTestAccuracies()[0]);
        assertEquals(20, history.getTrainAccuracies().length);
        double[] losses = history.getLosses();
        assertEquals(300, losses.length);
        assertEquals(0.8090858387074039, losses[0], 1e-15);
        assertEquals(0.02148317965513033, losses[299], 1e-15);
    }

    @Test
    void oneIterationDrawsRowsWithReplacementStepsWithDecayThenRecordsTheLossAfterTheUpdate() {
        LinearModel trained = softmaxModel();
        TrainingConfig config = TrainingConfig.builder().iterations(1).batchSize(5).seed(9).learningRate(0.5)
                .weightDecay(0.01).build();
        TrainingResult result = new Trainer(trained, config).train(TRAIN, TEST);

        // The same iteration written out as the book's train_neuralnet.py with weight_decay_lambda = 0.01.
        LinearModel byHand = softmaxModel();
        Well19937c random = new Well19937c(9L);
        Batch batch = new Batch(5, Blobs.FEATURES, Blobs.CLASSES);
        for (int row = 0; row < 5; row++) {
            TRAIN.copyRow(random.nextInt(300), batch, row);
        }
        Gradients grads = byHand.newGradients();
        byHand.gradient(batch, grads);
        double[] w = byHand.getParameter("W1").getValues();
        double[] b = byHand.getParameter("b1").getValues();
        double[] dw = grads.get("W1");
        double[] db = grads.get("b1");
        double squares = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] -= 0.5 * (dw[i] + 0.01 * w[i]);
            squares += w[i] * w[i];
        }
        for (int i = 0; i < b.length; i++) {
            b[i] -= 0.5 * db[i];
        }
        assertSameParameters(byHand, trained);
        assertArrayEquals(new double[] {byHand.loss(batch) + 0.5 * 0.01 * squares}, result.getHistory().getLosses());
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndHistory() {
        TrainingConfig config = config().optimizer(OptimizerType.ADAM).learningRate(0.01).build();
        LinearModel a = softmaxModel();
        LinearModel b = softmaxModel();
        History ha = new Trainer(a, config).train(TRAIN, TEST).getHistory();
        History hb = new Trainer(b, config).train(TRAIN, TEST).getHistory();
        assertSameParameters(a, b);
        assertArrayEquals(ha.getLosses(), hb.getLosses());
        assertArrayEquals(ha.getTrainAccuracies(), hb.getTrainAccuracies());
        assertArrayEquals(ha.getTestAccuracies(), hb.getTestAccuracies());
    }

    @Test
    void differentSeedsDrawDifferentBatches() {
        LinearModel a = softmaxModel();
        LinearModel b = softmaxModel();
        History ha = new Trainer(a, config().seed(5).build()).train(TRAIN, TEST).getHistory();
        History hb = new Trainer(b, config().seed(6).build()).train(TRAIN, TEST).getHistory();
        assertFalse(Arrays.equals(a.getParameter("W1").getValues(), b.getParameter("W1").getValues()));
        assertFalse(Arrays.equals(ha.getLosses(), hb.getLosses()));
    }

    @Test
    void numericalGradientsTrainTheSameWeightsAsBackprop() {
        LinearModel backprop = softmaxModel();
        LinearModel numerical = softmaxModel();
        double[] initial = backprop.getParameter("W1").getValues().clone();
        TrainingConfig.Builder config = config().iterations(5).learningRate(1);
        new Trainer(backprop, config.build()).train(TRAIN, TEST);
        new Trainer(numerical, config.gradientMode(GradientMode.NUMERICAL).build()).train(TRAIN, TEST);
        for (Parameter p : backprop.getParameters()) {
            double[] expected = p.getValues();
            double[] actual = numerical.getParameter(p.getName()).getValues();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-6, p.getName() + "[" + i + "]");
            }
        }
        double moved = 0;
        for (int i = 0; i < initial.length; i++) {
            moved = Math.max(moved, Math.abs(backprop.getParameter("W1").getValues()[i] - initial[i]));
        }
        assertTrue(moved > 0.1, "five steps moved W1 by " + moved);
    }

    @Test
    void resumingFromSavedStateEqualsTrainingWithoutInterruption() {
        TrainingConfig twenty = config().iterations(20).batchSize(10).optimizer(OptimizerType.ADAM).learningRate(0.01).build();
        LinearModel uninterrupted = softmaxModel();
        History whole = new Trainer(uninterrupted, twenty).train(TRAIN, TEST).getHistory();

        LinearModel firstHalf = softmaxModel();
        Trainer first = new Trainer(firstHalf, twenty.toBuilder().iterations(10).build());
        History before = first.train(TRAIN, TEST).getHistory();
        TrainingState saved = first.getState();
        assertEquals(10, saved.getIteration());

        LinearModel resumed = copyOf(firstHalf);
        Trainer second = new Trainer(resumed, twenty);
        second.setState(saved);
        History after = second.train(TRAIN, TEST).getHistory();

        assertSameParameters(uninterrupted, resumed);
        assertEquals(10, after.getFirstIteration());
        double[] joined = Arrays.copyOf(before.getLosses(), 20);
        System.arraycopy(after.getLosses(), 0, joined, 10, 10);
        assertArrayEquals(whole.getLosses(), joined);

        // Control: the same restore with a fresh generator instead of the saved one draws other batches.
        LinearModel freshStream = copyOf(firstHalf);
        Trainer third = new Trainer(freshStream, twenty);
        third.setState(new TrainingState(10, new Trainer(softmaxModel(), twenty).getState().getRandomState(),
                saved.getOptimizerState()));
        third.train(TRAIN, TEST);
        assertFalse(Arrays.equals(uninterrupted.getParameter("W1").getValues(), freshStream.getParameter("W1").getValues()));
    }

    private static LinearModel copyOf(LinearModel model) {
        LinearModel copy = new LinearModel(model.getInputs(), model.getOutputs(), model.getLoss());
        for (Parameter p : model.getParameters()) {
            System.arraycopy(p.getValues(), 0, copy.getParameter(p.getName()).getValues(), 0, p.getSize());
        }
        return copy;
    }

    @Test
    void trainingPastTheConfiguredIterationsIsRefused() {
        Trainer trainer = new Trainer(softmaxModel(), config().iterations(3).build());
        trainer.train(TRAIN, TEST);
        assertEquals(3, trainer.getIteration());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> trainer.train(TRAIN, TEST));
        assertEquals("this run has already done 3 of its 3 iterations; raise iterations to train further", e.getMessage());
    }

    @Test
    void randomStateOfAnotherSizeIsRejected() {
        Trainer trainer = new Trainer(softmaxModel(), config().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.setState(new TrainingState(0, new int[3], java.util.Map.of())));
        assertEquals("random state must hold 625 ints (Well19937c pool and index), got 3; was it saved by this trainer?",
                e.getMessage());
    }

    @Test
    void stateOfAnotherOptimizerLeavesTheTrainerUnchanged() {
        TrainingConfig adam = config().optimizer(OptimizerType.ADAM).build();
        TrainingState adamState = new Trainer(softmaxModel(), adam.toBuilder().seed(99).build()).getState();
        Trainer sgd = new Trainer(softmaxModel(), config().build());
        int[] before = sgd.getState().getRandomState();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sgd.setState(adamState));
        assertEquals("Sgd keeps no state, got entries [iter]; was the state saved from a different optimizer?", e.getMessage());
        assertArrayEquals(before, sgd.getState().getRandomState());
        assertFalse(Arrays.equals(before, adamState.getRandomState()));
    }

    @Test
    void listenersHearEveryIterationAndEachEvaluationInOrder() {
        List<TrainingEvent> events = new ArrayList<>();
        Trainer trainer = new Trainer(softmaxModel(), config().iterations(31).build());
        trainer.addListener(events::add);
        History history = trainer.train(TRAIN, TEST).getHistory();
        assertEquals(31 + 3, events.size());
        assertEquals("ITERATION 0/31 epoch 0 loss " + history.getLosses()[0], events.get(0).toString());
        TrainingEvent evaluation = events.get(1);
        assertTrue(evaluation.isEvaluation());
        assertEquals(0, evaluation.getIteration());
        assertEquals(history.getTestAccuracies()[0], evaluation.getTestAccuracy());
        TrainingEvent last = events.get(events.size() - 1);
        assertEquals(TrainingEvent.Kind.EVALUATION, last.getKind());
        assertEquals(30, last.getIteration());
        assertEquals(2, last.getEpoch());
        assertEquals(history.getLosses()[30], last.getLoss());
        assertEquals(history.getTrainAccuracies()[2], last.getTrainAccuracy());
        assertTrue(Double.isNaN(events.get(2).getTestAccuracy()), "iteration events carry no accuracy");
    }

    @Test
    void evaluateEveryOverridesTheEpochAndLossRecordingCanBeTurnedOff() {
        History history = new Trainer(softmaxModel(), config().iterations(25).evaluateEvery(10).recordLoss(false).build())
                .train(TRAIN, TEST).getHistory();
        assertArrayEquals(new int[] {0, 10, 20}, history.getEvaluationIterations());
        assertEquals(0, history.getLosses().length);
    }

    @Test
    void loopSecondsCoverTheIterationsAndTheirListenersButNotTheFinalEvaluation() {
        // A listener sleeps 30 ms inside the loop; once the last iteration has been heard, evaluating sleeps 20 ms
        // per chunk, so only the final evaluation (two chunks of the 300 training rows, one of the 150 test rows)
        // is slowed. A sleep lasts at least as long as asked: the bounds hold on any machine.
        SlowToEvaluate model = new SlowToEvaluate();
        Initializers.initialize(model, InitMethod.BOOK, 3);
        Trainer trainer = new Trainer(model, config().iterations(20).build());
        trainer.addListener(event -> {
            if (event.getIteration() == 10 && !event.isEvaluation()) {
                sleep(30);
            }
            if (event.getIteration() == 19) {
                model.slow = true;
            }
        });
        TrainingResult result = trainer.train(TRAIN, TEST);
        assertTrue(result.getLoopSeconds() >= 0.030, "loop " + result.getLoopSeconds());
        assertTrue(result.getWallSeconds() - result.getLoopSeconds() >= 3 * 0.020,
                "wall " + result.getWallSeconds() + ", loop " + result.getLoopSeconds());
    }

    /**
     * Softmax regression whose {@link #accuracy} and {@link #loss} sleep 20 ms per call once {@code slow} is set: the
     * final evaluation asks for the training set's accuracy and the test set's loss, one chunk each call.
     */
    private static final class SlowToEvaluate extends LinearModel {
        volatile boolean slow;

        SlowToEvaluate() {
            super(Blobs.FEATURES, Blobs.CLASSES, LossFunction.SOFTMAX_CROSS_ENTROPY);
        }

        @Override
        public double accuracy(Batch batch) {
            if (slow) {
                sleep(20);
            }
            return super.accuracy(batch);
        }

        @Override
        public double loss(Batch batch) {
            if (slow) {
                sleep(20);
            }
            return super.loss(batch);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void evaluateNeverSkipsEveryEvaluationIncludingTheFinalOne() {
        TrainingResult result = new Trainer(softmaxModel(), config().iterations(25).evaluateEvery(TrainingConfig.NEVER)
                .build()).train(TRAIN, TEST);
        assertEquals(0, result.getHistory().getEvaluationIterations().length);
        assertTrue(Double.isNaN(result.getTestAccuracy()) && Double.isNaN(result.getTrainAccuracy()));
        assertEquals(25, result.getHistory().getLosses().length);
    }

    /** Softmax regression that, as its 38th gradient (iteration 37) begins, sets one parameter value to {@code bad}. */
    private static final class Poisoned extends LinearModel {
        private final String name;
        private final int index;
        private final double bad;
        private int calls;

        Poisoned(String name, int index, double bad) {
            super(Blobs.FEATURES, Blobs.CLASSES, LossFunction.SOFTMAX_CROSS_ENTROPY);
            this.name = name;
            this.index = index;
            this.bad = bad;
        }

        private void poison() {
            if (calls++ == 37) {
                getParameter(name).getValues()[index] = bad;
            }
        }

        @Override
        public double gradient(Batch batch, Gradients out) {
            poison();
            return super.gradient(batch, out);
        }

        @Override
        public void numericalGradient(Batch batch, Gradients out) {
            poison();
            super.numericalGradient(batch, out);
        }
    }

    @Test
    void nanLossStopsTrainingNamingTheIterationAndTheParameter() {
        Trainer trainer = new Trainer(new Poisoned("W1", 7, Double.POSITIVE_INFINITY), config().learningRate(10).build());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer.train(TRAIN, TEST));
        assertEquals("training diverged at iteration 37: loss is NaN; W1[7] = Infinity; lower the learning rate (now 10.0)",
                e.getMessage());
        assertEquals(37, e.getIteration());
    }

    @Test
    void withoutAnyLossTheParameterScanCatchesDivergenceAtTheNextEpoch() {
        Trainer trainer = new Trainer(new Poisoned("b1", 2, Double.NaN),
                config().gradientMode(GradientMode.NUMERICAL).recordLoss(false).build());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer.train(TRAIN, TEST));
        // Iteration 45 starts epoch 3; by then the NaN in b1 has spread through the gradients into W1, whose [0] comes first.
        assertEquals("training diverged at iteration 45: W1[0] = NaN; lower the learning rate (now 0.1)", e.getMessage());
        assertEquals(45, e.getIteration());
    }

    @Test
    void aHugeLearningRateMakesLeastSquaresDivergeAndIsReported() {
        LinearModel model = new LinearModel(Blobs.FEATURES, Blobs.CLASSES, LossFunction.MEAN_SQUARED_ERROR);
        Initializers.initialize(model, InitMethod.BOOK, 3);
        Trainer trainer = new Trainer(model, config().learningRate(1e6).build());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer.train(TRAIN, TEST));
        // Each step multiplies the error by about 1e6 until the squared error overflows.
        assertEquals("training diverged at iteration 22: loss is Infinity; all parameters are finite; "
                + "lower the learning rate (now 1000000.0)", e.getMessage());
    }

    @Test
    void aMeanLossOverTheWindowAboveThreeTimesTheStartStopsTheRun() {
        Trainer trainer = new Trainer(new ScriptedLoss(i -> 3.5), config().build());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer.train(TRAIN, TEST));
        assertEquals("training diverged at iteration 49: the mean loss of the last 50 iterations is 3.500, more than 3 times the "
                + "loss at the start, 1.000 (on 300 training rows); lower the learning rate (now 0.1)", e.getMessage());
        assertEquals(49, e.getIteration());
    }

    @Test
    void singleSpikesAndAMeanOfExactlyThreeTimesTheStartLetTheRunFinish() {
        // Spikes of 100 at iterations 7 and 57, each among 49 losses of 1 (a mean of 2.98); from iteration 150 on
        // every loss is 3.
        ScriptedLoss model = new ScriptedLoss(i -> i >= 150 ? 3.0 : i < 100 && i % 50 == 7 ? 100.0 : 1.0);
        TrainingResult result = new Trainer(model, config().build()).train(TRAIN, TEST);
        assertEquals(300, result.getHistory().getLosses().length);
    }

    /**
     * Softmax regression whose {@link #loss}, as the trainer calls it, is scripted: 1 for the first call, which
     * measures the starting loss, then {@code recorded(i)} for the loss recorded after iteration {@code i}. The
     * gradient and the evaluations' losses are the real ones.
     */
    private static final class ScriptedLoss extends LinearModel {
        private final IntToDoubleFunction recorded;
        private int calls;
        private boolean inGradient;

        ScriptedLoss(IntToDoubleFunction recorded) {
            super(Blobs.FEATURES, Blobs.CLASSES, LossFunction.SOFTMAX_CROSS_ENTROPY);
            Initializers.initialize(this, InitMethod.BOOK, 3);
            this.recorded = recorded;
        }

        @Override
        public double gradient(Batch batch, Gradients out) {
            inGradient = true;
            try {
                return super.gradient(batch, out);
            } finally {
                inGradient = false;
            }
        }

        @Override
        public double loss(Batch batch) {
            // Only the starting loss (the first call, on 300 rows) and the losses of the training batches (20 rows) are
            // scripted: evaluations (chunks of the 150 test rows, or of the 300 training rows) get the real loss.
            boolean scripted = calls == 0 || batch.getSize() == 20;
            if (inGradient || !scripted) {
                return super.loss(batch);
            }
            return calls++ == 0 ? 1.0 : recorded.applyAsDouble(calls - 2);
        }
    }

    @Test
    void batchLargerThanTheTrainingSetIsRejectedByFlag() {
        Trainer trainer = new Trainer(softmaxModel(), config().batchSize(301).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(TRAIN, TEST));
        assertEquals("batchSize must be in [1, 300] (the training set has 300 rows), got 301", e.getMessage());
    }

    @Test
    void datasetOfAnotherShapeIsRejected() {
        Trainer trainer = new Trainer(softmaxModel(), config().build());
        Dataset wide = new Dataset(new double[5 * 2], new int[2], 5, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(TRAIN, wide));
        assertEquals("the test set has 5 features and 3 classes, but LinearModel takes 4 inputs and has 3 outputs", e.getMessage());
    }

    /**
     * Per-iteration allocation shows up as a difference in the bytes this thread allocates between a short and a
     * long run; everything else (batch, gradients, optimizer state, one evaluation, final accuracy) is the same.
     */
    @Test
    void iterationsAllocateNothingAfterWarmUp() {
        TrainingConfig.Builder config = config().optimizer(OptimizerType.ADAM).learningRate(0.01).recordLoss(false)
                .evaluateEvery(1_000_000).weightDecay(1e-4);
        allocatedBytes(config.iterations(2_000));
        long shortRun = allocatedBytes(config.iterations(200));
        long longRun = allocatedBytes(config.iterations(4_200));
        // The smallest object is 16 bytes, so one per iteration would be 64,000; JIT activity accounts for a few hundred.
        assertTrue(longRun - shortRun < 16_000, "4,000 more iterations allocated " + (longRun - shortRun) + " bytes");
    }

    private static long allocatedBytes(TrainingConfig.Builder config) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        Trainer trainer = new Trainer(softmaxModel(), config.build());
        long before = threads.getThreadAllocatedBytes(thread);
        trainer.train(TRAIN, TEST);
        return threads.getThreadAllocatedBytes(thread) - before;
    }
}
