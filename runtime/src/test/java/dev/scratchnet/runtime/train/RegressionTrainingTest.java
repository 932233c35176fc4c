package dev.scratchnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.dsl.Networks;
import dev.scratchnet.runtime.dsl.SequentialNetwork;
import dev.scratchnet.runtime.eval.RegressionEvaluation;
import dev.scratchnet.runtime.internal.SgdUpdate;
import java.lang.management.ManagementFactory;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The trainer on real-valued targets: a small tanh network fits {@code sin(x)} from noisy samples, the same seed
 * gives the same weights bit for bit, the history exports what it recorded, and a step allocates nothing.
 */
class RegressionTrainingTest {
    /** {@code n} samples of {@code sin(x)} for x in [−π, π], with Gaussian noise of standard deviation 0.1. */
    static Dataset noisySine(int n, long seed) {
        Well19937c random = new Well19937c(seed);
        double[] x = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -Math.PI + 2 * Math.PI * random.nextDouble();
            t[i] = Math.sin(x[i]) + 0.1 * random.nextGaussian();
        }
        return Dataset.ofTargets(x, t, 1, 1);
    }

    private static SequentialNetwork network() {
        SequentialNetwork net = Networks.builder(1).dense(16, ActivationFunction.TANH).init(InitMethod.XAVIER)
                .dense(1).loss(LossFunction.MEAN_SQUARED_ERROR).build();
        net.initialize(1);
        return net;
    }

    private static TrainingConfig config() {
        return TrainingConfig.builder().batchSize(20).learningRate(0.1).iterations(3_000).seed(2).build();
    }

    @Test
    void aTanhNetworkFitsANoisySine() {
        SequentialNetwork net = network();
        Dataset test = noisySine(200, 4);
        double before = RegressionEvaluation.of(net, test).getMse();
        TrainingResult result = new Trainer(net, config()).train(noisySine(400, 3), test);
        RegressionEvaluation after = RegressionEvaluation.of(net, test);
        // The noise alone leaves an MSE of 0.01 and caps R² near 1 − 0.01 / var(sin) ≈ 0.98.
        assertTrue(after.getMse() < 0.02, "test MSE " + after.getMse() + " (before training " + before + ")");
        assertTrue(after.getR2() > 0.95, "R² " + after.getR2());
        assertTrue(Double.isNaN(result.getTestAccuracy()), "no accuracy for regression");
        assertEquals(after.getLoss(), result.getTestLoss(), 1e-15);
    }

    @Test
    void theSameSeedGivesTheSameWeightsBitForBit() {
        SequentialNetwork a = network();
        SequentialNetwork b = network();
        new Trainer(a, config().toBuilder().iterations(300).build()).train(noisySine(400, 3), noisySine(50, 4));
        new Trainer(b, config().toBuilder().iterations(300).build()).train(noisySine(400, 3), noisySine(50, 4));
        for (int p = 0; p < a.getParameters().size(); p++) {
            assertArrayEquals(a.getParameters().get(p).getValues(), b.getParameters().get(p).getValues());
        }
    }

    @Test
    void theHistoryExportsItsEvaluationsAsCsvAndJson() {
        TrainingResult result = new Trainer(network(), config().toBuilder().iterations(45).build())
                .train(noisySine(400, 3), noisySine(50, 4));
        History history = result.getHistory();
        String[] lines = history.toCsv().split("\n");
        assertEquals("iteration,epoch,train_loss,test_loss,train_accuracy,test_accuracy", lines[0]);
        assertEquals(1 + 3, lines.length, "evaluations after iterations 0, 20 and 40");
        String[] second = lines[2].split(",");
        assertEquals("20", second[0]);
        assertEquals("1", second[1]);
        assertEquals(history.getTrainLosses()[1], Double.parseDouble(second[2]));
        assertEquals(history.getTestLosses()[1], Double.parseDouble(second[3]));
        assertEquals("NaN", second[4]);
        double mean = 0;
        for (int i = 1; i <= 20; i++) {
            mean += history.getLosses()[i];
        }
        assertEquals(mean / 20, history.getTrainLosses()[1], 1e-15, "the mean loss of iterations 1 to 20");

        JsonObject json = JsonParser.parseString(history.toJson()).getAsJsonObject();
        assertEquals(45, json.getAsJsonArray("losses").size());
        assertEquals(history.getTestLosses()[2], json.getAsJsonArray("evaluations").get(2).getAsJsonObject()
                .get("test_loss").getAsDouble());
    }

    @Test
    void drawingARegressionBatchAndAStepAllocateNothingAfterWarmUp() {
        SequentialNetwork net = network();
        Dataset train = noisySine(400, 3);
        Batch batch = new Batch(20, 1, 1);
        SgdUpdate update = new SgdUpdate(1e-9, 0.0, net.newGradients());
        int[] rows = new int[20];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 17 * i % 400;
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int warm = 0; warm < 3_000; warm++) {
            train.copyRows(rows, batch);
            net.sgdStep(batch, update);
        }
        long fewest = Long.MAX_VALUE;
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int window = 0; fewest > 0 && (window < 10 || System.nanoTime() < deadline); window++) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 100; i++) {
                train.copyRows(rows, batch);
                net.sgdStep(batch, update);
            }
            fewest = Math.min(fewest, threads.getThreadAllocatedBytes(thread) - before);
        }
        assertEquals(0, fewest, "bytes allocated by 100 regression batches drawn and stepped");
    }
}
