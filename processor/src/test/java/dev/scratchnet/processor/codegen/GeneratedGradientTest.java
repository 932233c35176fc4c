package dev.scratchnet.processor.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.processor.model.NetworkSpec;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.NumericalDifferentiation;
import dev.scratchnet.runtime.Parameter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated model's gradients against the runtime's generic implementations: the structure-aware
 * numerical gradient against perturb-and-rerun central differences (≤ 1e-9), and backpropagation
 * against them (≤ 1e-5: weights here have standard deviation 0.7, seventy times the book's, so the
 * central difference's O(h²) truncation error is larger than in the book's 1e-6 gradient check, which
 * the samples pin on MNIST).
 */
class GeneratedGradientTest {
    private static final ActivationFunction[] HIDDEN = {
        ActivationFunction.SIGMOID, ActivationFunction.RELU, ActivationFunction.TANH, ActivationFunction.IDENTITY
    };

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (int hiddenLayers = 1; hiddenLayers <= 3; hiddenLayers++) {
            for (ActivationFunction hidden : HIDDEN) {
                cases.add(Arguments.of(hiddenLayers, hidden, LossFunction.SOFTMAX_CROSS_ENTROPY, ActivationFunction.IDENTITY));
                cases.add(Arguments.of(hiddenLayers, hidden, LossFunction.MEAN_SQUARED_ERROR, ActivationFunction.SIGMOID));
            }
            cases.add(Arguments.of(hiddenLayers, ActivationFunction.RELU, LossFunction.MEAN_SQUARED_ERROR, ActivationFunction.IDENTITY));
            cases.add(Arguments.of(hiddenLayers, ActivationFunction.TANH, LossFunction.CROSS_ENTROPY, ActivationFunction.SOFTMAX));
        }
        return cases.stream();
    }

    /** Every network of {@link #networks()}, compiled in one javac run. */
    private static ClassLoader generatedClasses;

    @BeforeAll
    static void compileNetworks() {
        generatedClasses = GeneratedModels.load(networks()
                .map(Arguments::get)
                .map(a -> spec((int) a[0], (ActivationFunction) a[1], (LossFunction) a[2], (ActivationFunction) a[3]))
                .toList());
    }

    private static NetworkSpec spec(int hiddenLayers, ActivationFunction hidden, LossFunction loss, ActivationFunction output) {
        int[] units = new int[hiddenLayers + 1];
        ActivationFunction[] activations = new ActivationFunction[hiddenLayers + 1];
        for (int k = 0; k < hiddenLayers; k++) {
            units[k] = 5 - k;
            activations[k] = hidden;
        }
        units[hiddenLayers] = 3;
        activations[hiddenLayers] = output;
        String name = "Net" + hiddenLayers + hidden + loss.name().replace("_", "") + output;
        return GeneratedModels.spec(name, 6, units, activations, loss);
    }

    @ParameterizedTest(name = "{0} hidden {1}, {2} after {3}")
    @MethodSource("networks")
    void numericalGradientEqualsGenericAndBackpropagation(
            int hiddenLayers, ActivationFunction hidden, LossFunction loss, ActivationFunction output) {
        Model model = GeneratedModels.newModel(generatedClasses, spec(hiddenLayers, hidden, loss, output));
        RandomGenerator random = new Well19937c(hiddenLayers * 31 + hidden.ordinal());
        randomize(model, random);
        Batch batch = sparseBatch(random, 7, 6, 3);

        Gradients structured = model.newGradients();
        model.numericalGradient(batch, structured);
        Gradients generic = model.newGradients();
        NumericalDifferentiation.numericalGradient(model, batch, generic);
        Gradients backprop = model.newGradients();
        double lossValue = model.gradient(batch, backprop);

        assertEquals(model.loss(batch), lossValue, 0.0);
        for (String p : generic.getNames()) {
            assertTrue(structured.maxAbsDifference(generic, p) <= 1e-9,
                    p + ": structure-aware vs generic differ by " + structured.maxAbsDifference(generic, p));
            assertTrue(backprop.maxAbsDifference(generic, p) <= 1e-5,
                    p + ": backprop vs numerical differ by " + backprop.maxAbsDifference(generic, p));
        }
    }

    @Test
    void lossGradientAndNumericalGradientAllocateNothingAfterWarmUp() {
        NetworkSpec twoLayers = GeneratedModels.spec("Alloc", 20, new int[] {8, 4},
                new ActivationFunction[] {ActivationFunction.RELU, ActivationFunction.IDENTITY},
                LossFunction.SOFTMAX_CROSS_ENTROPY);
        // the deep bench network's mix: the last two layers by the softmax's series, the others row by row
        NetworkSpec deep = GeneratedModels.spec("AllocDeep", 20, new int[] {8, 6, 5, 4},
                new ActivationFunction[] {ActivationFunction.RELU, ActivationFunction.TANH, ActivationFunction.SIGMOID,
                    ActivationFunction.IDENTITY},
                LossFunction.SOFTMAX_CROSS_ENTROPY);
        ClassLoader loader = GeneratedModels.load(List.of(twoLayers, deep));
        for (NetworkSpec spec : List.of(twoLayers, deep)) {
            Model model = GeneratedModels.newModel(loader, spec);
            RandomGenerator random = new Well19937c(5);
            randomize(model, random);
            Batch batch = sparseBatch(random, 10, 20, 4);
            Gradients g = model.newGradients();
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            for (int warm = 0; warm < 3_000; warm++) {
                model.loss(batch);
                model.gradient(batch, g);
                model.numericalGradient(batch, g);
            }
            // A JIT compilation or deoptimisation landing inside a window charges a few hundred bytes to this
            // thread once, whatever the calls do, and code runs allocation-free only once C2 has compiled it, which
            // on a busy two-core machine can take many seconds after the warm-up: measure windows for up to thirty seconds
            // and require one clean window.
            long fewest = Long.MAX_VALUE;
            long deadline = System.nanoTime() + 30_000_000_000L;
            for (int window = 0; fewest > 0 && (window < 10 || System.nanoTime() < deadline); window++) {
                long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 100; i++) {
                    model.loss(batch);
                    model.gradient(batch, g);
                    model.numericalGradient(batch, g);
                }
                fewest = Math.min(fewest, threads.getThreadAllocatedBytes(thread) - before);
            }
            assertEquals(0, fewest, spec.modelName() + ": bytes allocated by 100 calls each of loss, gradient and"
                    + " numericalGradient");
        }
    }

    static void randomize(Model model, RandomGenerator random) {
        for (Parameter p : model.getParameters()) {
            double[] v = p.getValues();
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextGaussian() * 0.7;
            }
        }
    }

    /** Inputs with about half the values exactly zero, as in MNIST, and random labels. */
    static Batch sparseBatch(RandomGenerator random, int rows, int inputs, int outputs) {
        Batch batch = new Batch(rows, inputs, outputs);
        double[] row = new double[inputs];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < inputs; i++) {
                row[i] = random.nextBoolean() ? 0.0 : random.nextDouble();
            }
            batch.setRow(r, row, 0, random.nextInt(outputs));
        }
        return batch;
    }
}
