package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingResult;
import org.junit.jupiter.api.Test;

/** Each network, generated in this project's package, learns its shapes through its generated trainer. */
class GeneratedTrainersTest {
    private static final TrainingConfig CONFIG = TrainingConfig.builder()
            .iterations(1_500).batchSize(32).optimizer(OptimizerType.ADAM).learningRate(0.01).seed(11).build();

    @Test
    void blobsNetTellsTheClustersApartOnHeldOutPoints() {
        Dataset.Split data = Shapes.blobs(900, 1).split(0.3, 2);
        BlobsNetModel model = new BlobsNetModel();
        model.initialize(3);

        TrainingResult result = new BlobsNetTrainer(model, CONFIG).train(data.train(), data.test());

        assertTrue(result.getTestAccuracy() >= 0.97, "test accuracy " + result.getTestAccuracy());
    }

    @Test
    void ringsNetTellsTheRingsApartOnHeldOutPoints() {
        Dataset.Split data = Shapes.rings(900, 4).split(0.3, 5);
        RingsNetModel model = new RingsNetModel();
        model.initialize(6);

        TrainingResult result = new RingsNetTrainer(model, CONFIG).train(data.train(), data.test());

        assertTrue(result.getTestAccuracy() >= 0.97, "test accuracy " + result.getTestAccuracy());
    }
}
