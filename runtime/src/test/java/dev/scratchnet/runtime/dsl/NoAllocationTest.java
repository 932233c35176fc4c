package dev.scratchnet.runtime.dsl;

import static dev.scratchnet.annotations.ActivationFunction.RELU;
import static dev.scratchnet.annotations.ActivationFunction.SIGMOID;
import static dev.scratchnet.annotations.ActivationFunction.TANH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After one call with the largest batch size, {@code loss}, {@code gradient}, {@code accuracy} and
 * {@code predict} reuse every buffer, also for smaller batches.
 *
 * <p>Measured per thread with {@code ThreadMXBean.getThreadAllocatedBytes}. The count is exactly 0 under
 * {@code -Xint} and with C1 only, but when C2 compiles or deoptimises a method during a measurement, the
 * calling thread is charged a few hundred bytes once (seen here: 72 to 376 bytes), however many calls follow.
 * So the test measures windows of 100 rounds, up to 10 of them, and requires one that allocates nothing:
 * a call that allocated even one 16-byte object would charge every window at least 100 × 16 bytes.
 */
class NoAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocatedBytes() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static SequentialNetwork network(LossFunction loss) {
        SequentialNetwork net = Networks.builder(20).dense(10, RELU).dense(8, SIGMOID).dense(5, TANH).dense(5).loss(loss).build();
        double[] w = net.getParameter("W1").getValues();
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.sin(i);
        }
        return net;
    }

    private static Batch batch(int rows) {
        Batch batch = new Batch(rows, 20, 5);
        double[] row = new double[20];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < row.length; i++) {
                row[i] = Math.cos(r + i);
            }
            batch.setRow(r, row, 0, r % 5);
        }
        return batch;
    }

    /** 100 rounds of the four calls, alternating a 16-row and an 8-row batch; returns the bytes this thread allocated. */
    private static long hundredRounds(SequentialNetwork net, Batch large, Batch small, Gradients gradients, double[] out) {
        long before = allocatedBytes();
        for (int i = 0; i < 100; i++) {
            Batch batch = i % 2 == 0 ? large : small;
            net.loss(batch);
            net.gradient(batch, gradients);
            net.accuracy(batch);
            net.predict(batch.getX(), batch.getSize(), out);
        }
        return allocatedBytes() - before;
    }

    @Test
    void lossGradientAccuracyAndPredictAllocateNothingAfterWarmUp() {
        for (LossFunction loss : List.of(LossFunction.SOFTMAX_CROSS_ENTROPY, LossFunction.MEAN_SQUARED_ERROR)) {
            SequentialNetwork net = network(loss);
            Batch large = batch(16);
            Batch small = batch(8);
            Gradients gradients = net.newGradients();
            double[] out = new double[16 * 5];
            for (int i = 0; i < 3; i++) {
                hundredRounds(net, large, small, gradients, out);
            }

            // Code runs allocation-free once C2 has compiled it, which on a busy two-core machine can take many
            // seconds after the warm-up: measure windows for up to thirty seconds and require one clean window.
            long fewest = Long.MAX_VALUE;
            long deadline = System.nanoTime() + 30_000_000_000L;
            for (int window = 0; fewest > 0 && (window < 10 || System.nanoTime() < deadline); window++) {
                fewest = Math.min(fewest, hundredRounds(net, large, small, gradients, out));
            }
            assertEquals(0, fewest, loss + ": bytes allocated by the quietest window of 100 rounds");
        }
    }

    @Test
    void theMeasurementSeesAnAllocationPerCall() {
        long before = allocatedBytes();
        Object[] kept = new Object[100];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = new double[1];
        }
        long allocated = allocatedBytes() - before;
        assertEquals(100, kept.length);
        assertTrue(allocated >= 100 * 16, "100 arrays of one double take at least 1600 bytes, measured " + allocated);
    }
}
