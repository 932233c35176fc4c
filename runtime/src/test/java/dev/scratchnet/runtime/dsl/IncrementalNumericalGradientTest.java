package dev.scratchnet.runtime.dsl;

import static dev.scratchnet.annotations.ActivationFunction.IDENTITY;
import static dev.scratchnet.annotations.ActivationFunction.RELU;
import static dev.scratchnet.annotations.ActivationFunction.SIGMOID;
import static dev.scratchnet.annotations.ActivationFunction.TANH;
import static dev.scratchnet.annotations.LossFunction.MEAN_SQUARED_ERROR;
import static dev.scratchnet.annotations.LossFunction.SOFTMAX_CROSS_ENTROPY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.NumericalDifferentiation;
import dev.scratchnet.runtime.Parameter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The numerical gradient as the runtime computes it for every network, from a forward pass's cached values (series
 * of each row's loss in each unit, exact recomputation where a series is not accurate), against the generic
 * perturb-and-rerun central difference of {@link NumericalDifferentiation}: deep networks of mixed activations under
 * both losses, rows that put a ReLU at its kink, perturbations that change nothing, and a loss so small that the
 * generic difference is accurate far below its usual rounding.
 */
class IncrementalNumericalGradientTest {
    private static final int INPUTS = 60;

    static Stream<Arguments> deepNetworks() {
        List<Arguments> cases = new ArrayList<>();
        ActivationFunction[] mixed = {RELU, TANH, SIGMOID};
        cases.add(Arguments.of("relu,tanh,sigmoid, the book's weights", mixed, IDENTITY, SOFTMAX_CROSS_ENTROPY, 0.01, false));
        cases.add(Arguments.of("relu,tanh,sigmoid, weights 0.5", mixed, IDENTITY, SOFTMAX_CROSS_ENTROPY, 0.5, false));
        cases.add(Arguments.of("sigmoid,relu,tanh, weights 0.5", new ActivationFunction[] {SIGMOID, RELU, TANH}, IDENTITY,
                SOFTMAX_CROSS_ENTROPY, 0.5, false));
        cases.add(Arguments.of("tanh,tanh,sigmoid, saturating weights 1.5", new ActivationFunction[] {TANH, TANH, SIGMOID},
                IDENTITY, SOFTMAX_CROSS_ENTROPY, 1.5, false));
        cases.add(Arguments.of("relu,tanh,sigmoid, soft targets", mixed, IDENTITY, SOFTMAX_CROSS_ENTROPY, 0.5, true));
        cases.add(Arguments.of("tanh,sigmoid,relu, identity output, squared error",
                new ActivationFunction[] {TANH, SIGMOID, RELU}, IDENTITY, MEAN_SQUARED_ERROR, 0.5, false));
        cases.add(Arguments.of("relu,tanh,sigmoid, sigmoid output, squared error", mixed, SIGMOID, MEAN_SQUARED_ERROR,
                0.5, false));
        cases.add(Arguments.of("relu,relu,relu, relu output, squared error", new ActivationFunction[] {RELU, RELU, RELU},
                RELU, MEAN_SQUARED_ERROR, 0.5, false));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deepNetworks")
    void deepNetworksEqualTheGenericDifferenceWithin1e9(String name, ActivationFunction[] hidden,
            ActivationFunction output, LossFunction loss, double scale, boolean softTargets) {
        SequentialNetwork net = network(new int[] {24, 16, 12}, hidden, 10, output, loss);
        RandomGenerator random = new Well19937c(name.hashCode());
        randomize(net, scale, random);
        Batch batch = mnistLikeBatch(random, 6, 10, loss == MEAN_SQUARED_ERROR || softTargets);

        Gradients generic = assertEqualsGeneric(net, batch, 1e-9);
        for (String p : generic.getNames()) {
            assertTrue(largest(generic.get(p)) > 1e-6, p + ": a gradient this small would compare vacuously");
        }
    }

    /**
     * A ReLU unit whose pre-activation is {@code 3e-5} in row 0, so that a step of {@code 1e-4} times that row's input
     * of 1 switches it off, and a ReLU of the next layer {@code 1e-7} from its kink in row 1, which any step into the
     * layer before moves across: their differences must be the generic one's, which the kink takes from the
     * derivative (backprop's) by a third.
     */
    @Test
    void reluUnitsAtTheirKinkAreRecomputedExactly() {
        SequentialNetwork net = network(new int[] {5, 4}, new ActivationFunction[] {RELU, RELU}, 3, IDENTITY,
                SOFTMAX_CROSS_ENTROPY);
        RandomGenerator random = new Well19937c(11);
        randomize(net, 0.5, random);
        Batch batch = mnistLikeBatch(random, 3, 3, false);
        double[] x = batch.getX().clone();
        for (int r = 0; r < 3; r++) {
            // input 0 is 1 in row 0 only, so that row 0 alone makes W1[0][2]'s difference
            x[r * INPUTS] = r == 0 ? 1.0 : 0.0;
            batch.setInput(r, x, r * INPUTS);
        }
        // Unit 2 of layer 1 at 3e-5 in row 0.
        double[] w1 = net.getParameter("W1").getValues();
        double[] b1 = net.getParameter("b1").getValues();
        b1[2] = 3e-5 - dot(x, 0, w1, 2, 5);
        // Unit 1 of layer 2 at 1e-7 in row 1.
        double[] w2 = net.getParameter("W2").getValues();
        double[] b2 = net.getParameter("b2").getValues();
        double[] z1 = new double[5];
        for (int j = 0; j < 5; j++) {
            z1[j] = Math.max(0.0, dot(x, INPUTS, w1, j, 5) + b1[j]);
        }
        b2[1] = 1e-7 - dot(z1, 0, w2, 1, 4);

        assertEqualsGeneric(net, batch, 1e-9);

        Gradients numerical = net.newGradients();
        net.numericalGradient(batch, numerical);
        Gradients backprop = net.newGradients();
        net.gradient(batch, backprop);
        double across = numerical.get("W1")[2];
        double derivative = backprop.get("W1")[2];
        assertTrue(Math.abs(across - derivative) > 0.1 * Math.abs(derivative),
                "the step crosses the kink, so the difference is not the derivative: " + across + " vs " + derivative);
    }

    /**
     * A tanh unit held at exactly 1 by a weight of {@code 1e30} (which {@code ± 1e-4} does not even change) and a ReLU
     * unit that is off in every row: no step changes the loss, so every difference into them is exactly 0, as the
     * generic difference's is.
     */
    @Test
    void stepsThatChangeNothingGiveExactlyZero() {
        SequentialNetwork net = network(new int[] {5, 4}, new ActivationFunction[] {TANH, RELU}, 3, IDENTITY,
                SOFTMAX_CROSS_ENTROPY);
        RandomGenerator random = new Well19937c(12);
        randomize(net, 0.5, random);
        Batch batch = mnistLikeBatch(random, 4, 3, false);
        double[] x = batch.getX().clone();
        for (int r = 0; r < 4; r++) {
            x[r * INPUTS] = 1.0;
            batch.setInput(r, x, r * INPUTS);
        }
        net.getParameter("W1").getValues()[3] = 1e30;
        net.getParameter("b2").getValues()[2] = -100.0;

        assertEqualsGeneric(net, batch, 1e-9);
        Gradients numerical = net.newGradients();
        net.numericalGradient(batch, numerical);
        for (int i = 0; i < INPUTS; i++) {
            assertEquals(0.0, numerical.get("W1")[i * 5 + 3], "W1[" + i + "][3]");
        }
        assertEquals(0.0, numerical.get("b1")[3], "b1[3]");
        for (int i = 0; i < 5; i++) {
            assertEquals(0.0, numerical.get("W2")[i * 4 + 2], "W2[" + i + "][2]");
        }
        assertEquals(0.0, numerical.get("b2")[2], "b2[2]");
    }

    /**
     * Targets within {@code 1e-6} of the outputs make the squared error about {@code 1e-12}, so the generic
     * difference, whose error is a rounding of the loss, is accurate to about {@code 1e-18} here: the series agree with
     * it to that, which a truncation error of the series' size in {@code 1e-9} would not.
     */
    @Test
    void seriesAgreeWithTheGenericDifferenceToItsRoundingWhereTheLossIsTiny() {
        for (ActivationFunction output : new ActivationFunction[] {IDENTITY, SIGMOID}) {
            SequentialNetwork net = network(new int[] {8, 7, 6}, new ActivationFunction[] {RELU, TANH, SIGMOID}, 3, output,
                    MEAN_SQUARED_ERROR);
            RandomGenerator random = new Well19937c(13);
            randomize(net, 0.6, random);
            Batch batch = mnistLikeBatch(random, 4, 3, true);
            double[] y = new double[4 * 3];
            net.predict(batch.getX(), 4, y);
            for (int r = 0; r < 4; r++) {
                double[] t = new double[3];
                for (int m = 0; m < 3; m++) {
                    t[m] = y[r * 3 + m] + 1e-6 * random.nextGaussian();
                }
                batch.setTarget(r, t);
            }
            assertTrue(net.loss(batch) < 1e-11, "the loss is tiny: " + net.loss(batch));

            Gradients generic = assertEqualsGeneric(net, batch, 1e-15);
            assertTrue(largest(generic.get("W1")) > 1e-9, output + ": W1's gradient " + largest(generic.get("W1")));
        }
    }

    /**
     * Both cores take a layer's units as they are free, so how the units are split varies from call to call, and
     * so does whether the second core helps at all (it serves one caller at a time): from three threads at once, every
     * result is the same to the bit.
     */
    @Test
    void theResultDoesNotDependOnHowTheUnitsAreSplitBetweenCores() throws Exception {
        RandomGenerator random = new Well19937c(14);
        Batch batch = mnistLikeBatch(random, 8, 10, false);
        List<SequentialNetwork> nets = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            SequentialNetwork net = network(new int[] {40, 16, 12}, new ActivationFunction[] {RELU, TANH, SIGMOID}, 10,
                    IDENTITY, SOFTMAX_CROSS_ENTROPY);
            randomize(net, 0.3, new Well19937c(15));
            nets.add(net);
        }
        Gradients expected = nets.get(0).newGradients();
        nets.get(0).numericalGradient(batch, expected);
        ExecutorService pool = Executors.newFixedThreadPool(nets.size());
        try {
            List<Future<List<Gradients>>> runs = new ArrayList<>();
            for (SequentialNetwork net : nets) {
                runs.add(pool.submit(() -> {
                    List<Gradients> results = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        Gradients g = net.newGradients();
                        net.numericalGradient(batch, g);
                        results.add(g);
                    }
                    return results;
                }));
            }
            for (Future<List<Gradients>> run : runs) {
                for (Gradients actual : run.get()) {
                    for (String p : expected.getNames()) {
                        assertArrayEquals(expected.get(p), actual.get(p), p);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void numericalGradientAllocatesNothingAfterWarmUp() {
        SequentialNetwork net = network(new int[] {12, 8, 6}, new ActivationFunction[] {RELU, TANH, SIGMOID}, 4, IDENTITY,
                SOFTMAX_CROSS_ENTROPY);
        RandomGenerator random = new Well19937c(16);
        randomize(net, 0.5, random);
        Batch batch = mnistLikeBatch(random, 10, 4, false);
        Gradients g = net.newGradients();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        // The layers' vector kernels run allocation-free once C2 has compiled them for these widths, after ~1,500
        // calls here.
        for (int warm = 0; warm < 3_000; warm++) {
            net.numericalGradient(batch, g);
        }
        // As GeneratedGradientTest's allocation test: a JIT compilation landing in a window charges a few hundred
        // bytes once, so windows are measured for up to ten seconds and one clean window is required.
        long fewest = Long.MAX_VALUE;
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int window = 0; fewest > 0 && (window < 10 || System.nanoTime() < deadline); window++) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 20; i++) {
                net.numericalGradient(batch, g);
            }
            fewest = Math.min(fewest, threads.getThreadAllocatedBytes(thread) - before);
        }
        assertEquals(0, fewest, "bytes allocated by 20 numerical gradients");
    }

    private static SequentialNetwork network(int[] hidden, ActivationFunction[] activations, int outputs,
            ActivationFunction output, LossFunction loss) {
        NetworkBuilder builder = Networks.builder(INPUTS);
        for (int k = 0; k < hidden.length; k++) {
            builder.dense(hidden[k], activations[k]);
        }
        return builder.dense(outputs, output).loss(loss).build();
    }

    /** Weights {@code scale · N(0, 1)}, biases {@code 0.1 · N(0, 1)} so that no ReLU sits at 0. */
    private static void randomize(SequentialNetwork net, double scale, RandomGenerator random) {
        for (Parameter p : net.getParameters()) {
            double[] v = p.getValues();
            for (int i = 0; i < v.length; i++) {
                v[i] = (p.getName().startsWith("W") ? scale : 0.1) * random.nextGaussian();
            }
        }
    }

    /** Rows with about 80% zeros and the rest in {@code k/255}, as MNIST's; labels, or targets uniform in [0, 1). */
    private static Batch mnistLikeBatch(RandomGenerator random, int rows, int outputs, boolean targets) {
        Batch batch = new Batch(rows, INPUTS, outputs);
        double[] row = new double[INPUTS];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < INPUTS; i++) {
                row[i] = random.nextDouble() < 0.8 ? 0.0 : random.nextInt(256) / 255.0;
            }
            batch.setInput(r, row, 0);
            if (targets) {
                double[] t = new double[outputs];
                for (int m = 0; m < outputs; m++) {
                    t[m] = random.nextDouble();
                }
                batch.setTarget(r, t);
            } else {
                batch.setLabel(r, random.nextInt(outputs));
            }
        }
        return batch;
    }

    /** Asserts that the network's numerical gradient is the generic one within {@code tolerance}; returns the generic one. */
    private static Gradients assertEqualsGeneric(SequentialNetwork net, Batch batch, double tolerance) {
        Gradients incremental = net.newGradients();
        net.numericalGradient(batch, incremental);
        Gradients generic = net.newGradients();
        NumericalDifferentiation.numericalGradient(net, batch, generic);
        for (String p : generic.getNames()) {
            double difference = incremental.maxAbsDifference(generic, p);
            assertTrue(difference <= tolerance, p + ": incremental and generic differ by " + difference);
        }
        return generic;
    }

    /** {@code Σ_i x[at + i] · w[i][j]} over the {@link #INPUTS} or {@code units}-wide rows of {@code w}. */
    private static double dot(double[] x, int at, double[] w, int j, int units) {
        double sum = 0.0;
        for (int i = 0; i < w.length / units; i++) {
            sum += x[at + i] * w[i * units + j];
        }
        return sum;
    }

    private static double largest(double[] values) {
        double max = 0.0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
