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
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
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
