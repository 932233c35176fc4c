package dev.scratchnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TrainingConfigTest {
    private static void assertRejected(String message, Executable setting) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, setting).getMessage());
    }

    @Test
    void defaultsAreTheBooksTrainNeuralnet() {
        TrainingConfig config = TrainingConfig.builder().build();
        assertEquals(0.1, config.getLearningRate());
        assertEquals(100, config.getBatchSize());
        assertEquals(10_000, config.getIterations());
        assertEquals(TrainingConfig.EVERY_EPOCH, config.getEvaluateEvery());
        assertEquals(OptimizerType.SGD, config.getOptimizer());
        assertEquals(GradientMode.BACKPROP, config.getGradientMode());
        assertEquals(0, config.getWeightDecay());
        assertEquals(true, config.isRecordLoss());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        TrainingConfig config = TrainingConfig.builder().learningRate(0.01).batchSize(7).iterations(3).evaluateEvery(2)
                .seed(-9).optimizer(OptimizerType.ADAGRAD).gradientMode(GradientMode.NUMERICAL).weightDecay(0.5)
                .recordLoss(false).build();
        assertEquals("TrainingConfig[optimizer=ADAGRAD, learningRate=0.01, batchSize=7, iterations=3, evaluateEvery=2,"
                + " seed=-9, gradientMode=NUMERICAL, weightDecay=0.5, recordLoss=false]", config.toBuilder().build().toString());
    }

    @Test
    void learningRateMustBeFiniteAndPositive() {
        assertRejected("learningRate must be finite and > 0, got -0.1", () -> TrainingConfig.builder().learningRate(-0.1));
        assertRejected("learningRate must be finite and > 0, got 0.0", () -> TrainingConfig.builder().learningRate(0));
        assertRejected("learningRate must be finite and > 0, got NaN", () -> TrainingConfig.builder().learningRate(Double.NaN));
        assertRejected("learningRate must be finite and > 0, got Infinity",
                () -> TrainingConfig.builder().learningRate(Double.POSITIVE_INFINITY));
    }

    @Test
    void batchSizeMustBeAtLeastOne() {
        assertRejected("batchSize must be >= 1, got 0", () -> TrainingConfig.builder().batchSize(0));
    }

    @Test
    void iterationsMustBeAtLeastOne() {
        assertRejected("iterations must be >= 1, got -5", () -> TrainingConfig.builder().iterations(-5));
    }

    @Test
    void evaluateEveryMustBePositiveEveryEpochOrNever() {
        assertRejected("evaluateEvery must be >= 1 iterations, 0 for once per epoch or -1 for never, got -2",
                () -> TrainingConfig.builder().evaluateEvery(-2));
    }

    @Test
    void weightDecayMustBeFiniteAndNotNegative() {
        assertRejected("weightDecay must be finite and >= 0, got -0.001", () -> TrainingConfig.builder().weightDecay(-0.001));
        assertRejected("weightDecay must be finite and >= 0, got NaN", () -> TrainingConfig.builder().weightDecay(Double.NaN));
    }
}
