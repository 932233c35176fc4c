package dev.scratchnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.CsvOptions;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.data.Mnist;
import dev.scratchnet.runtime.data.MnistData;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import dev.scratchnet.runtime.io.Safetensors;
import dev.scratchnet.runtime.io.TensorFile;
import dev.scratchnet.runtime.train.OptimizerType;
import dev.scratchnet.runtime.train.Trainer;
import dev.scratchnet.runtime.train.TrainingConfig;
import dev.scratchnet.runtime.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSweepTest {
    private static final Dataset TRAIN = Blobs.dataset(300, 1);
    private static final Dataset TEST = Blobs.dataset(90, 2);

    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = LocalSpark.start("SparkSweepTest");
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    /** The single-machine run a sweep's configuration stands for, written out with the DSL and the trainer. */
    private static SequentialNetwork trainAlone(SweepConfiguration c, Dataset train, Dataset test, TrainingResult[] result) {
        SequentialNetwork network = Networks.sequential(Blobs.FEATURES, n -> {
            n.dense(c.getHidden(), ActivationFunction.RELU).init(InitMethod.BOOK);
            n.dense(Blobs.CLASSES).init(InitMethod.BOOK);
            n.loss(LossFunction.SOFTMAX_CROSS_ENTROPY);
        });
        network.initialize(c.getSeed());
        TrainingConfig config = TrainingConfig.builder().optimizer(c.getOptimizer()).learningRate(c.getLearningRate())
                .batchSize(c.getBatchSize()).iterations(c.getIterations()).weightDecay(c.getWeightDecay()).seed(c.getSeed())
                .build();
        result[0] = new Trainer(network, config).train(train, test);
        return network;
    }

    @Test
    void everyRowAndTheBestWeightsEqualSingleMachineRunsBitForBit() {
        List<SweepConfiguration> grid = new ParameterGridBuilder().hidden(6, 12).optimizers(OptimizerType.SGD, OptimizerType.ADAM)
                .learningRates(0.05, 0.3).weightDecays(1e-3).batchSizes(20).iterations(150).seeds(7).build();

        SweepResult result = new SparkSweep(sc).run(grid, DataSource.broadcast(TRAIN, TEST));

        assertEquals(8, result.getRows().size());
        SequentialNetwork bestAlone = null;
        for (SweepRow row : result.getRows()) {
            SweepConfiguration c = grid.get(row.getIndex());
            assertEquals(c, row.getConfiguration());
            TrainingResult[] alone = new TrainingResult[1];
            SequentialNetwork network = trainAlone(c, TRAIN, TEST, alone);
            double[] losses = alone[0].getHistory().getLosses();
            assertEquals(Double.doubleToRawLongBits(losses[losses.length - 1]), Double.doubleToRawLongBits(row.getFinalLoss()), c.toString());
            assertEquals(alone[0].getTrainAccuracy(), row.getTrainAccuracy(), 0.0, c.toString());
            assertEquals(alone[0].getTestAccuracy(), row.getTestAccuracy(), 0.0, c.toString());
            if (row == result.getBest()) {
                bestAlone = network;
            }
        }
        assertNotNull(bestAlone);
        SweepRow bestRow = result.getBest();
        for (SweepRow row : result.getRows()) {
            assertTrue(row.getTestAccuracy() < bestRow.getTestAccuracy() || row.getTestAccuracy() == bestRow.getTestAccuracy()
                    && row.getFinalLoss() >= bestRow.getFinalLoss(), row + " is better than the best, " + bestRow);
        }
        TensorFile best = Safetensors.load("best", result.getBestWeights());
        for (Parameter p : bestAlone.getParameters()) {
            assertArrayEquals(rawBits(p.getValues()), rawBits(best.getTensors().get(p.getName()).getData()), p.getName());
        }
        assertEquals(Map.of("configuration", result.getBest().getConfiguration().toString()), best.getMetadata());
    }

    @Test
    void runThatDivergesIsReportedInItsRowAndTheOthersStillCount() {
        List<SweepConfiguration> grid = new ParameterGridBuilder().hidden(4).learningRates(0.1, 1e300).batchSizes(30)
                .iterations(40).build();

        SweepResult result = new SparkSweep(sc).run(grid, DataSource.broadcast(TRAIN, TEST));

        SweepRow diverged = result.getRows().get(1);
        assertTrue(diverged.getFailure().startsWith("training diverged at iteration "), diverged.getFailure());
        assertTrue(Double.isNaN(diverged.getTestAccuracy()));
        assertNull(result.getRows().get(0).getFailure());
        assertEquals(0, result.getBest().getIndex());
    }

    @Test
    void executorsReadAnIdxDirectoryToTheSameRowsAsABroadcastOfIt(@TempDir Path dir) throws IOException {
        Blobs.writeIdx(dir, 300, 90);
        List<SweepConfiguration> grid = new ParameterGridBuilder().hidden(5).seeds(3, 4).batchSizes(25).iterations(80).build();

        SweepResult fromDirectory = new SparkSweep(sc).run(grid, DataSource.idxDirectory(dir.toString()));
        MnistData read = Mnist.fromDirectory(dir).load();
        SweepResult broadcast = new SparkSweep(sc).run(grid, DataSource.broadcast(read.getTrain(), read.getTest()));

        for (int i = 0; i < grid.size(); i++) {
            assertEquals(broadcast.getRows().get(i).getFinalLoss(), fromDirectory.getRows().get(i).getFinalLoss(), 0.0);
            assertEquals(broadcast.getRows().get(i).getTestAccuracy(), fromDirectory.getRows().get(i).getTestAccuracy(), 0.0);
        }
        assertArrayEquals(broadcast.getBestWeights(), fromDirectory.getBestWeights());
    }

    @Test
    void executorsReadCsvFilesToTheSameRowsAsABroadcastOfThem(@TempDir Path dir) throws IOException {
        Path train = writeCsv(dir.resolve("train.csv"), TRAIN);
        Path test = writeCsv(dir.resolve("test.csv"), TEST);
        CsvOptions options = CsvOptions.builder().label("class").build();
        List<SweepConfiguration> grid = new ParameterGridBuilder().hidden(5).seeds(3, 4).batchSizes(25).iterations(80).build();

        SweepResult fromFiles = new SparkSweep(sc).run(grid, DataSource.csvFiles(train.toString(), test.toUri().toString(),
                options));
        SweepResult broadcast = new SparkSweep(sc).run(grid, DataSource.broadcast(TRAIN, TEST));

        for (int i = 0; i < grid.size(); i++) {
            assertEquals(broadcast.getRows().get(i).getFinalLoss(), fromFiles.getRows().get(i).getFinalLoss(), 0.0);
            assertEquals(broadcast.getRows().get(i).getTestAccuracy(), fromFiles.getRows().get(i).getTestAccuracy(), 0.0);
        }
        assertArrayEquals(broadcast.getBestWeights(), fromFiles.getBestWeights());
    }

    @Test
    void csvFilesAreCheckedOnTheDriver(@TempDir Path dir) throws IOException {
        Path train = writeCsv(dir.resolve("train.csv"), TRAIN);
        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, Files.readString(train).replaceFirst("\n[^,\n]*,", "\nnine,"));
        CsvOptions options = CsvOptions.builder().label("class").build();

        IllegalArgumentException noLabel = assertThrows(IllegalArgumentException.class,
                () -> DataSource.csvFiles(train.toString(), train.toString(), CsvOptions.builder().build()));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DataSource.csvFiles(train.toString(), dir.resolve("missing.csv").toString(), options));
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> DataSource.csvFiles(train.toString(), broken.toString(), options));

        assertEquals("a sweep trains classifiers: give the CSV options a label column", noLabel.getMessage());
        assertTrue(missing.getMessage().contains("missing.csv"), missing.getMessage());
        assertTrue(malformed.getMessage().startsWith(broken.toString()) && malformed.getMessage().contains("line 2"),
                malformed.getMessage());
    }

    /** {@code data} as a CSV file with a header: the features p0, p1, … and the label column "class". */
    private static Path writeCsv(Path file, Dataset data) throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int f = 0; f < data.getFeatures(); f++) {
            csv.append('p').append(f).append(',');
        }
        csv.append("class\n");
        double[] x = data.getX();
        for (int r = 0; r < data.getSize(); r++) {
            for (int f = 0; f < data.getFeatures(); f++) {
                csv.append(x[r * data.getFeatures() + f]).append(',');
            }
            csv.append(data.getLabels()[r]).append('\n');
        }
        return Files.writeString(file, csv);
    }

    @Test
    void badInputFailsWithOneLineBeforeAnyJob() {
        int jobsBefore = sc.statusTracker().getJobIdsForGroup(null).length;
        SparkSweep sweep = new SparkSweep(sc);
        DataSource data = DataSource.broadcast(TRAIN, TEST);
        List<SweepConfiguration> tooLarge = new ParameterGridBuilder().batchSizes(100, 301).build();

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> sweep.run(List.of(), data));
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> sweep.run(tooLarge, data));

        assertEquals("the grid is empty: give at least one configuration", empty.getMessage());
        assertEquals("configuration 1 (" + tooLarge.get(1) + "): batchSize must be in [1, 300] (the training set has 300 rows), "
                + "got 301", batch.getMessage());
        assertEquals(jobsBefore, sc.statusTracker().getJobIdsForGroup(null).length);
    }

    private static long[] rawBits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
