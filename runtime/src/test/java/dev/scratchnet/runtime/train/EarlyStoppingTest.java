package dev.scratchnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Early stopping on a held-out set whose loss can only get worse: the training rows relabelled one class on, so
 * the better the model learns the training set, the worse its held-out loss after the first evaluations.
 */
class EarlyStoppingTest {
    private static Dataset mislabelled(Dataset data) {
        int[] labels = data.getLabels().clone();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (labels[i] + 1) % Blobs.CLASSES;
        }
        return new Dataset(data.getX(), labels, data.getFeatures(), Blobs.CLASSES);
    }

    private static LinearModel model() {
        LinearModel model = new LinearModel(Blobs.FEATURES, Blobs.CLASSES, LossFunction.SOFTMAX_CROSS_ENTROPY);
        Initializers.initialize(model, InitMethod.BOOK, 3);
        return model;
    }

    private static TrainingConfig config() {
        // 300 rows in batches of 20: an evaluation every 15 iterations.
        return TrainingConfig.builder().batchSize(20).learningRate(0.1).iterations(600).seed(5).build();
    }

    @Test
    void stopsAfterPatienceEvaluationsWithoutImprovementAndRestoresTheBestWeights() {
        LinearModel model = model();
        Trainer trainer = new Trainer(model, config());
        List<double[]> snapshots = new ArrayList<>();
        List<Double> heldOut = new ArrayList<>();
        trainer.addListener(e -> {
            if (e.isEvaluation()) {
                heldOut.add(e.getTestLoss());
                snapshots.add(flatten(model.getParameters()));
            }
        });
        EarlyStopping stopping = new EarlyStopping(3, 0.0, true);
        trainer.addListener(stopping);
        trainer.train(Blobs.train(), mislabelled(Blobs.train()));

        assertTrue(stopping.hasStopped());
        int best = 0;
        for (int e = 1; e < heldOut.size(); e++) {
            if (heldOut.get(e) < heldOut.get(best)) {
                best = e;
            }
        }
        assertEquals(best + 3 + 1, heldOut.size(), "three evaluations after the best, then it stops: " + heldOut);
        assertEquals(15 * (heldOut.size() - 1) + 1, trainer.getIteration(), "it stops after that evaluation's iteration");
        assertEquals(15 * best, stopping.getBestIteration());
        assertEquals(heldOut.get(best), stopping.getBestLoss());
        assertArrayEquals(snapshots.get(best), flatten(model.getParameters()), "the best evaluation's weights are back");
    }

    @Test
    void withoutRestoringTheWeightsAreTheLastOnes() {
        LinearModel model = model();
        Trainer trainer = new Trainer(model, config());
        List<double[]> snapshots = new ArrayList<>();
        trainer.addListener(e -> {
            if (e.isEvaluation()) {
                snapshots.add(flatten(model.getParameters()));
            }
        });
        EarlyStopping stopping = new EarlyStopping(2, 0.0, false);
        trainer.addListener(stopping);
        trainer.train(Blobs.train(), mislabelled(Blobs.train()));
        assertTrue(stopping.hasStopped());
        assertArrayEquals(snapshots.get(snapshots.size() - 1), flatten(model.getParameters()));
    }

    @Test
    void aHeldOutSetThatKeepsImprovingRunsToTheEnd() {
        Trainer trainer = new Trainer(model(), config().toBuilder().iterations(200).build());
        EarlyStopping stopping = new EarlyStopping(3, 0.0, true);
        trainer.addListener(stopping);
        trainer.train(Blobs.train(), Blobs.test());
        assertFalse(stopping.hasStopped());
        assertEquals(200, trainer.getIteration());
    }

    @Test
    void patienceAndMinDeltaAreChecked() {
        assertEquals("patience must be >= 1 evaluations, got 0",
                assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0, 0, true)).getMessage());
        assertEquals("minDelta must be finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(1, -1, true)).getMessage());
    }

    private static double[] flatten(List<Parameter> parameters) {
        int size = 0;
        for (Parameter p : parameters) {
            size += p.getSize();
        }
        double[] all = new double[size];
        int at = 0;
        for (Parameter p : parameters) {
            System.arraycopy(p.getValues(), 0, all, at, p.getSize());
            at += p.getSize();
        }
        return all;
    }
}
