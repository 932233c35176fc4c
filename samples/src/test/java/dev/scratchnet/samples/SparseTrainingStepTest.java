package dev.scratchnet.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Parameter;
import dev.scratchnet.runtime.data.Dataset;
import dev.scratchnet.runtime.internal.InputRows;
import dev.scratchnet.runtime.internal.SgdUpdate;
import dev.scratchnet.runtime.train.Sgd;
import dev.scratchnet.runtime.train.WeightDecay;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The training step on MNIST batches as the trainer draws them (rows copied as lists of non-zero pixels) against
 * the same rows copied densely, and the generated {@code sgdStep} against {@code gradient} followed by weight decay
 * and {@code Sgd}, as the trainer applies them for other models: bit for bit, and without allocating after warm-up.
 */
class SparseTrainingStepTest {
    private static Dataset train;

    @BeforeAll
    static void load() {
        train = EmbeddedMnist.load().getTrain();
    }

    private static int[] draw(long seed) {
        Well19937c random = new Well19937c(seed);
        int[] rows = new int[100];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = random.nextInt(train.getSize());
        }
        return rows;
    }

    private static Batch sparse(int[] rows) {
        Batch batch = new Batch(rows.length, train.getFeatures(), train.getClasses());
        train.copyRows(rows, batch);
        return batch;
    }

    private static Batch dense(int[] rows) {
        Batch batch = new Batch(rows.length, train.getFeatures(), train.getClasses());
        for (int i = 0; i < rows.length; i++) {
            batch.setRow(i, train.getX(), rows[i] * train.getFeatures(), train.getLabels()[rows[i]]);
        }
        return batch;
    }

    private static TwoLayerNetModel model(long seed) {
        TwoLayerNetModel model = new TwoLayerNetModel();
        model.initialize(seed);
        return model;
    }

    @Test
    void aBatchOfListsGivesTheLossAndGradientOfTheSameRowsCopiedDensely() {
        int[] rows = draw(1);
        Batch sparse = sparse(rows);
        Batch dense = dense(rows);
        assertTrue(InputRows.of(sparse).isSparse());
        assertTrue(!InputRows.of(dense).isSparse());
        TwoLayerNetModel model = model(2);
        Gradients fromSparse = model.newGradients();
        Gradients fromDense = model.newGradients();
        double lossSparse = model.gradient(sparse, fromSparse);
        double lossDense = model.gradient(dense, fromDense);
        assertEquals(Double.doubleToRawLongBits(lossDense), Double.doubleToRawLongBits(lossSparse));
        for (int p = 0; p < fromDense.size(); p++) {
            assertTrue(Arrays.equals(fromDense.get(p), fromSparse.get(p)), "gradient " + p);
        }
        assertEquals(model.accuracy(dense), model.accuracy(sparse), 0.0);
    }

    @Test
    void sgdStepEqualsGradientThenWeightDecayAndSgdBitForBit() {
        for (double lambda : new double[] {0.0, 1e-4}) {
            TwoLayerNetModel stepped = model(3);
            TwoLayerNetModel reference = model(3);
            SgdUpdate update = new SgdUpdate(0.1, lambda, stepped.newGradients());
            Gradients grads = reference.newGradients();
            WeightDecay decay = new WeightDecay(lambda);
            Sgd sgd = new Sgd(0.1);
            for (int iteration = 0; iteration < 5; iteration++) {
                Batch batch = sparse(draw(10 + iteration));
                double loss = stepped.sgdStep(batch, update);
                double expected = reference.gradient(batch, grads);
                decay.addGradients(reference.getParameters(), grads);
                sgd.update(reference.getParameters(), grads);
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(loss));
            }
            for (int p = 0; p < 4; p++) {
                Parameter a = stepped.getParameters().get(p);
                Parameter b = reference.getParameters().get(p);
                assertTrue(Arrays.equals(b.getValues(), a.getValues()), a.getName() + " with λ = " + lambda);
            }
        }
    }

    @Test
    void aStepWithANonFiniteLossChangesNoParameter() {
        TwoLayerNetModel model = model(4);
        model.getParameters().get(3).getValues()[0] = Double.POSITIVE_INFINITY;
        double[][] before = model.getParameters().stream().map(p -> p.getValues().clone()).toArray(double[][]::new);
        double loss = model.sgdStep(sparse(draw(5)), new SgdUpdate(0.1, 0.0, model.newGradients()));
        assertTrue(!Double.isFinite(loss), "loss " + loss);
        for (int p = 0; p < 4; p++) {
            assertTrue(Arrays.equals(before[p], model.getParameters().get(p).getValues()), "parameter " + p);
        }
    }

    /**
     * A pass shares its rows between two cores through the model's input {@code x}, which names the batch or the
     * rows of the pass; every kind of pass clears it, so a model never keeps its caller's batch or arrays alive.
     */
    @Test
    void noPassKeepsAReferenceToItsInput() throws ReflectiveOperationException {
        TwoLayerNetModel model = model(8);
        Batch batch = sparse(draw(9));
        java.lang.reflect.Field x = TwoLayerNetModel.class.getDeclaredField("x");
        x.setAccessible(true);
        Object input = x.get(model);
        Runnable[] passes = {
            () -> model.loss(batch),
            () -> model.accuracy(batch),
            () -> model.gradient(batch, model.newGradients()),
            () -> model.sgdStep(batch, new SgdUpdate(0.1, 0.0, model.newGradients())),
            () -> model.numericalGradient(dense(draw(10)), model.newGradients()),
            () -> model.predict(new double[2 * train.getFeatures()], 2, new double[2 * train.getClasses()])
        };
        for (int pass = 0; pass < passes.length; pass++) {
            passes[pass].run();
            for (String name : new String[] {"batch", "rows", "dense"}) {
                java.lang.reflect.Field field = input.getClass().getDeclaredField(name);
                field.setAccessible(true);
                assertEquals(null, field.get(input), name + " after pass " + pass);
            }
        }
    }

    @Test
    void drawingABatchAndAStepAllocateNothingAfterWarmUp() {
        TwoLayerNetModel model = model(6);
        Batch batch = new Batch(100, train.getFeatures(), train.getClasses());
        SgdUpdate work = new SgdUpdate(1e-9, 0.0, model.newGradients());
        int[] rows = draw(7);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        // Long enough for C2 to compile every kernel on its own: a kernel still inlined in a loop that C2 compiled
        // first can leave some Vector API operations on the API's allocating Java fallback.
        for (int warm = 0; warm < 20_000; warm++) {
            train.copyRows(rows, batch);
            model.sgdStep(batch, work);
            model.loss(batch);
        }
        // A JIT compilation landing inside a window charges a few hundred bytes once, and code runs
        // allocation-free only once C2 has compiled it, which on a two-core machine busy with other builds can take
        // many seconds after the warm-up: measure windows for up to thirty seconds and require one clean window.
        long fewest = Long.MAX_VALUE;
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int window = 0; fewest > 0 && (window < 10 || System.nanoTime() < deadline); window++) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 100; i++) {
                train.copyRows(rows, batch);
                model.sgdStep(batch, work);
                model.loss(batch);
            }
            fewest = Math.min(fewest, threads.getThreadAllocatedBytes(thread) - before);
        }
        assertEquals(0, fewest, "bytes allocated by 100 batches drawn, stepped and evaluated");
    }
}
