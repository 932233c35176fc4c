package dev.scratchnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkTrainerTest {
    private static final int PARTITIONS = 4;
    private static final Dataset TRAIN = Blobs.dataset(400, 1);

    private static JavaSparkContext sc;
    private static JavaRDD<LabeledRow> rows;

    @BeforeAll
    static void startSpark() {
        sc = LocalSpark.start("SparkTrainerTest");
        rows = SparkTrainer.rows(sc, TRAIN, PARTITIONS);
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    private static SequentialNetwork network() {
        return Networks.sequential(Blobs.FEATURES, n -> {
            n.dense(10, ActivationFunction.RELU);
            n.dense(Blobs.CLASSES);
            n.loss(LossFunction.SOFTMAX_CROSS_ENTROPY);
        });
    }

    private static SequentialNetwork initialized() {
        SequentialNetwork network = network();
        network.initialize(5);
        return network;
    }

    private static double maxDifference(List<Parameter> a, List<Parameter> b) {
        double max = 0;
        for (int p = 0; p < a.size(); p++) {
            double[] x = a.get(p).getValues();
            double[] y = b.get(p).getValues();
            for (int k = 0; k < x.length; k++) {
                max = Math.max(max, Math.abs(x[k] - y[k]));
            }
        }
        return max;
    }

    @Test
    void synchronousStepsGiveTheSingleMachineTrainersWeightsOnTheSameBatches() {
        for (TrainingConfig config : List.of(
                TrainingConfig.builder().learningRate(0.2).batchSize(50).iterations(15).weightDecay(1e-3).seed(9).build(),
                TrainingConfig.builder().optimizer(OptimizerType.ADAM).learningRate(0.01).batchSize(50).iterations(15).seed(9).build())) {
            SequentialNetwork alone = initialized();
            new Trainer(alone, config).train(TRAIN, TRAIN);
            SequentialNetwork distributed = initialized();

            SparkTrainingResult result = SparkTrainer.builder(sc, SparkTrainerTest::network).config(config).build()
                    .train(distributed, rows);

            assertEquals(15, result.getRounds());
            assertEquals(PARTITIONS, result.getPartitions());
            assertEquals(TRAIN.getSize(), result.getRows());
            double difference = maxDifference(alone.getParameters(), distributed.getParameters());
            assertTrue(difference <= 1e-9, config.getOptimizer() + ": weights differ by " + difference);
            assertTrue(result.getLosses()[14] < result.getLosses()[0], Arrays.toString(result.getLosses()));
        }
    }

    @Test
    void parameterAveragingRoundsAverageSingleMachineTrainersOnEachPartition() {
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerType.MOMENTUM).learningRate(0.1).batchSize(20)
                .iterations(10).seed(3).build();
        SequentialNetwork distributed = initialized();

        SparkTrainingResult result = SparkTrainer.builder(sc, SparkTrainerTest::network).config(config).parameterAveraging(5)
                .build().train(distributed, rows);

        SequentialNetwork expected = initialized();
        Map<String, double[]> state = Map.of();
        for (int round = 0; round < 2; round++) {
            state = averageOfPartitions(expected, state, round, config);
        }
        assertEquals(2, result.getRounds());
        double difference = maxDifference(expected.getParameters(), distributed.getParameters());
        assertTrue(difference <= 1e-12, "weights differ by " + difference);
    }

    /**
     * One round written out: every partition's rows (as {@code parallelize} slices them) trained for 5 iterations
     * from {@code model}'s weights and {@code state}, then the weights and states averaged into {@code model}.
     */
    private static Map<String, double[]> averageOfPartitions(SequentialNetwork model, Map<String, double[]> state, int round,
            TrainingConfig config) {
        List<List<Parameter>> weights = new ArrayList<>();
        List<Map<String, double[]>> states = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            int from = p * TRAIN.getSize() / PARTITIONS;
            int to = (p + 1) * TRAIN.getSize() / PARTITIONS;
            double[] x = Arrays.copyOfRange(TRAIN.getX(), from * Blobs.FEATURES, to * Blobs.FEATURES);
            Dataset slice = new Dataset(x, Arrays.copyOfRange(TRAIN.getLabels(), from, to), Blobs.FEATURES, Blobs.CLASSES);
            SequentialNetwork local = network();
            for (int k = 0; k < local.getParameters().size(); k++) {
                double[] w = model.getParameters().get(k).getValues();
                System.arraycopy(w, 0, local.getParameters().get(k).getValues(), 0, w.length);
            }
            Trainer trainer = new Trainer(local, config.toBuilder().iterations(5).seed(LocalTraining.seed(3, round, p))
                    .evaluateEvery(TrainingConfig.NEVER).build());
            if (!state.isEmpty()) {
                trainer.setState(new TrainingState(0, trainer.getState().getRandomState(), state));
            }
            trainer.train(slice, slice);
            weights.add(local.getParameters());
            states.add(trainer.getOptimizer().getState());
        }
        for (int k = 0; k < model.getParameters().size(); k++) {
            double[] w = model.getParameters().get(k).getValues();
            Arrays.fill(w, 0);
            for (List<Parameter> partition : weights) {
                double[] v = partition.get(k).getValues();
                for (int i = 0; i < w.length; i++) {
                    w[i] += v[i] / PARTITIONS;
                }
            }
        }
        Map<String, double[]> mean = new LinkedHashMap<>();
        for (String key : states.get(0).keySet()) {
            double[] m = new double[states.get(0).get(key).length];
            for (Map<String, double[]> s : states) {
                for (int i = 0; i < m.length; i++) {
                    m[i] += s.get(key)[i] / PARTITIONS;
                }
            }
            mean.put(key, m);
        }
        return mean;
    }

    @Test
    void rowsThatDoNotFitTheModelFailWithTheirOwnMessage() {
        JavaRDD<LabeledRow> wrongLabel = sc.parallelize(List.of(new LabeledRow(new double[Blobs.FEATURES], 7)), 1);
        SparkTrainer trainer = SparkTrainer.builder(sc, SparkTrainerTest::network).build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(initialized(), wrongLabel));

        assertEquals("label 7 of row 0 is outside [0, 3)", e.getMessage());
    }
}
