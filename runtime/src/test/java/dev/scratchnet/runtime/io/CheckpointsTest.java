package dev.scratchnet.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.runtime.train.Initializers;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.commons.math3.random.Well19937c;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CheckpointsTest {
    private static final Dataset TRAIN = blobs(1L, 200);
    private static final Dataset TEST = blobs(2L, 60);

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void resumingFromACheckpointEndsWithTheSameWeightsAsAnUninterruptedRun(OptimizerType optimizer, @TempDir Path dir) {
        TrainingConfig config = TrainingConfig.builder().iterations(40).batchSize(10).learningRate(0.05)
                .optimizer(optimizer).seed(11).build();
        Model straight = network();
        new Trainer(straight, config).train(TRAIN, TEST);

        Model first = network();
        Trainer interrupted = new Trainer(first, config);
        Path checkpoint = dir.resolve("run.safetensors");
        interrupted.addListener(e -> {
            if (e.getIteration() == 16) {
                Checkpoints.save(checkpoint, interrupted, Map.of("note", "after 17 iterations"));
                interrupted.requestStop();
            }
        });
        interrupted.train(TRAIN, TEST);
        assertEquals(17, interrupted.getIteration());

        Model resumed = network();
        Trainer again = new Trainer(resumed, config);
        Map<String, String> metadata = Checkpoints.resume(checkpoint, again);
        assertEquals("after 17 iterations", metadata.get("note"));
        assertEquals(17, again.getIteration());
        again.train(TRAIN, TEST);
        for (Parameter p : straight.getParameters()) {
            assertArrayEquals(p.getValues(), resumed.getParameter(p.getName()).getValues(), 0.0, p.getName());
        }
    }

    @Test
    void aWeightsFileCannotBeResumedButCheckpointsLoadAsWeights(@TempDir Path dir) {
        Model model = network();
        Path weights = dir.resolve("weights.safetensors");
        Safetensors.save(weights, model.getParameters(), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoints.resume(weights, new Trainer(network(), TrainingConfig.builder().build())));
        assertTrue(e.getMessage().contains("is a weights file, not a checkpoint"), e.getMessage());

        Trainer trainer = new Trainer(model, TrainingConfig.builder().iterations(5).batchSize(10).build());
        trainer.train(TRAIN, TEST);
        Path checkpoint = dir.resolve("checkpoint.safetensors");
        Checkpoints.save(checkpoint, trainer, Map.of());
        Model loaded = Networks.builder(12).dense(8, ActivationFunction.RELU).dense(3)
                .loss(LossFunction.SOFTMAX_CROSS_ENTROPY).build();
        Checkpoints.loadWeights(checkpoint, loaded.getParameters());
        assertArrayEquals(model.getParameter("W1").getValues(), loaded.getParameter("W1").getValues(), 0.0);
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.loadInto(checkpoint, network().getParameters()));
        assertTrue(plain.getMessage().contains("unexpected tensor 'trainer.random'"), plain.getMessage());
    }

    @Test
    void checkpointOfAnotherShapeIsRejectedNamingTheTensor(@TempDir Path dir) {
        Trainer trainer = new Trainer(network(), TrainingConfig.builder().iterations(2).batchSize(10).build());
        trainer.train(TRAIN, TEST);
        Path checkpoint = dir.resolve("c.safetensors");
        Checkpoints.save(checkpoint, trainer, Map.of());
        Model wider = Networks.builder(12).dense(9, ActivationFunction.RELU).dense(3)
                .loss(LossFunction.SOFTMAX_CROSS_ENTROPY).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoints.resume(checkpoint, new Trainer(wider, TrainingConfig.builder().build())));
        assertTrue(e.getMessage().contains("tensor 'W1' has shape [12, 8], parameter W1 expects [12, 9]"), e.getMessage());
    }

    @Test
    void negativeIterationIsRefusedNamingTheFile(@TempDir Path dir) {
        Path checkpoint = checkpoint(dir, OptimizerType.SGD);
        rewrite(checkpoint, (tensors, metadata) -> metadata.put("trainer.iteration", "-3"));

        assertRefused(checkpoint, OptimizerType.SGD, checkpoint + ": metadata trainer.iteration is -3; it counts the iterations "
                + "done and cannot be negative");
    }

    @Test
    void generatorStateThatIsNotIntegersIsRefusedNotCast(@TempDir Path dir) {
        Path checkpoint = checkpoint(dir, OptimizerType.SGD);
        for (double bad : new double[] {Double.NaN, 0.5, 3e9}) {
            rewrite(checkpoint, (tensors, metadata) -> tensors.get("trainer.random").getData()[7] = bad);

            assertRefused(checkpoint, OptimizerType.SGD, checkpoint + ": tensor 'trainer.random' holds " + bad
                    + " at index 7; the mini-batch generator's state is 32-bit integers");
        }
    }

    @Test
    void shortGeneratorStateIsRefusedNamingTheFile(@TempDir Path dir) {
        Path checkpoint = checkpoint(dir, OptimizerType.SGD);
        rewrite(checkpoint, (tensors, metadata) -> tensors.put("trainer.random", new Tensor(new int[] {3}, new double[] {1, 2, 0})));

        assertRefused(checkpoint, OptimizerType.SGD, checkpoint + ": random state must hold 625 ints (Well19937c pool and index), "
                + "got 3; was it saved by this trainer?");
    }

    @Test
    void generatorPoolOfZerosIsRefused(@TempDir Path dir) {
        Path checkpoint = checkpoint(dir, OptimizerType.SGD);
        rewrite(checkpoint, (tensors, metadata) -> tensors.put("trainer.random", new Tensor(new int[] {625}, new double[625])));

        assertRefused(checkpoint, OptimizerType.SGD, checkpoint + ": tensor 'trainer.random' has a pool of zeros, which no seeded "
                + "generator reaches (it would draw the same rows for ever)");
    }

    @Test
    void checkpointOfAnotherOptimizerIsRefusedNamingBoth(@TempDir Path dir) {
        Path sgd = checkpoint(dir, OptimizerType.SGD);

        assertRefused(sgd, OptimizerType.MOMENTUM, sgd + " was saved by a run with optimizer SGD, but this trainer's optimizer is "
                + "MOMENTUM; resume with the optimizer it was saved with");
    }

    @Test
    void adamStateWithoutTheOptimizerRecordedIsStillRefusedBySgdNamingTheFile(@TempDir Path dir) {
        Path adam = checkpoint(dir, OptimizerType.ADAM);
        rewrite(adam, (tensors, metadata) -> metadata.remove("trainer.optimizer"));

        IllegalArgumentException e = assertRefused(adam, OptimizerType.SGD, null);
        assertTrue(e.getMessage().startsWith(adam + ": Sgd keeps no state, got entries [iter, "), e.getMessage());
    }

    @Test
    void optimizerStateOfAnotherSizeOrNotFiniteIsRefused(@TempDir Path dir) {
        Path checkpoint = checkpoint(dir, OptimizerType.MOMENTUM);
        rewrite(checkpoint, (tensors, metadata) -> tensors.get("trainer.optimizer.v.1").getData()[4] = Double.NaN);
        assertRefused(checkpoint, OptimizerType.MOMENTUM, checkpoint + ": tensor 'trainer.optimizer.v.1' holds NaN at index 4; "
                + "optimizer state must be finite");

        checkpoint(dir, OptimizerType.MOMENTUM);
        rewrite(checkpoint, (tensors, metadata) -> tensors.put("trainer.optimizer.v.1", new Tensor(new int[] {2}, new double[2])));
        assertRefused(checkpoint, OptimizerType.MOMENTUM, checkpoint + ": tensor 'trainer.optimizer.v.1' holds 2 values, but "
                + "parameter 1 (b1) has 8");

        checkpoint(dir, OptimizerType.MOMENTUM);
        rewrite(checkpoint, (tensors, metadata) -> tensors.put("trainer.optimizer.v.9", new Tensor(new int[] {2}, new double[2])));
        assertRefused(checkpoint, OptimizerType.MOMENTUM, checkpoint + ": tensor 'trainer.optimizer.v.9' is the state of parameter 9, "
                + "but the model has 4 parameters [W1[12, 8], b1[8], W2[8, 3], b2[3]]");
    }

    @Test
    void negativeSumsOfSquaredGradientsAreRefused(@TempDir Path dir) {
        Path checkpoint = checkpoint(dir, OptimizerType.ADAGRAD);
        rewrite(checkpoint, (tensors, metadata) -> tensors.get("trainer.optimizer.h.0").getData()[2] = -1e-3);

        assertRefused(checkpoint, OptimizerType.ADAGRAD, checkpoint + ": tensor 'trainer.optimizer.h.0' holds -0.001 at index 2; "
                + "optimizer state that sums squared gradients must be finite and >= 0");
    }

    @Test
    void nonFiniteWeightsAreAProblemWithTheFileNotWithTraining(@TempDir Path dir) {
        Path checkpoint = checkpoint(dir, OptimizerType.SGD);
        rewrite(checkpoint, (tensors, metadata) -> tensors.get("W2").getData()[5] = Double.POSITIVE_INFINITY);
        String expected = checkpoint + ": tensor 'W2' holds Infinity at index 5; weights must be finite: the file is damaged or was "
                + "saved from a run that diverged; nothing was loaded";

        assertRefused(checkpoint, OptimizerType.SGD, expected);
        Model model = network();
        double[] before = model.getParameter("W1").getValues().clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoints.loadWeights(checkpoint, model.getParameters()));
        assertEquals(expected, e.getMessage());
        assertArrayEquals(before, model.getParameter("W1").getValues(), 0.0);
    }

    /** A checkpoint after 5 iterations of {@code optimizer}. */
    private static Path checkpoint(Path dir, OptimizerType optimizer) {
        Trainer trainer = new Trainer(network(), TrainingConfig.builder().iterations(5).batchSize(10).optimizer(optimizer).build());
        trainer.train(TRAIN, TEST);
        Path checkpoint = dir.resolve(optimizer.name().toLowerCase(Locale.ROOT) + ".safetensors");
        Checkpoints.save(checkpoint, trainer, Map.of());
        return checkpoint;
    }

    /** Loads {@code file}, lets {@code damage} change its tensors and metadata, and saves it again. */
    private static void rewrite(Path file, BiConsumer<Map<String, Tensor>, Map<String, String>> damage) {
        TensorFile contents = Safetensors.load(file);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        contents.getTensors().forEach((name, t) -> tensors.put(name, new Tensor(t.getShape(), t.getData().clone())));
        Map<String, String> metadata = new LinkedHashMap<>(contents.getMetadata());
        damage.accept(tensors, metadata);
        Safetensors.save(file, tensors, metadata);
    }

    /** Asserts that resuming {@code file} with {@code optimizer} fails with {@code message} (if given) and restores nothing. */
    private static IllegalArgumentException assertRefused(Path file, OptimizerType optimizer, @Nullable String message) {
        Model model = network();
        double[] before = model.getParameter("W1").getValues().clone();
        Trainer trainer = new Trainer(model, TrainingConfig.builder().iterations(50).optimizer(optimizer).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.resume(file, trainer));
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
        assertEquals(0, trainer.getIteration());
        assertArrayEquals(before, model.getParameter("W1").getValues(), 0.0);
        return e;
    }

    private static Model network() {
        Model model = Networks.builder(12).dense(8, ActivationFunction.RELU).dense(3)
                .loss(LossFunction.SOFTMAX_CROSS_ENTROPY).build();
        Initializers.initialize(model, InitMethod.HE, 5L);
        return model;
    }

    private static Dataset blobs(long seed, int rows) {
        Well19937c random = new Well19937c(seed);
        double[] x = new double[rows * 12];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = r % 3;
            for (int i = 0; i < 12; i++) {
                x[r * 12 + i] = (i % 3 == labels[r] ? 1.0 : 0.0) + 0.3 * random.nextGaussian();
            }
        }
        return new Dataset(x, labels, 12, 3);
    }
}
