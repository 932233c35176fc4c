package dev.scratchnet.processor.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Model;
import dev.scratchnet.runtime.NumericalDifferentiation;
import dev.scratchnet.runtime.Parameter;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The incremental numerical gradient of softmax networks (computed by the runtime's kernels) against the
 * generic perturb-and-rerun one, on the book's 784-50-10 shape with MNIST-like inputs and on batches that
 * force the exact fallback: soft targets and inputs too large for the series.
 */
class SoftmaxNumericalGradientTest {
    @ParameterizedTest
    @EnumSource(value = ActivationFunction.class, names = {"RELU", "SIGMOID"})
    void bookShapedNetworkOnMnistLikeRowsEqualsGenericWithin1e9(ActivationFunction hidden) {
        Model model = twoLayer("Book" + hidden, 784, 50, 10, hidden);
        RandomGenerator random = new Well19937c(hidden.ordinal());
        for (Parameter p : model.getParameters()) {
            double[] v = p.getValues();
            for (int i = 0; i < v.length; i++) {
                // the book's initialisation for weights, small random biases so that no unit sits at 0
                v[i] = p.getName().startsWith("W") ? 0.01 * random.nextGaussian() : 0.1 * random.nextGaussian();
            }
        }
        Batch batch = new Batch(3, 784, 10);
        double[] row = new double[784];
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < 784; i++) {
                row[i] = random.nextDouble() < 0.81 ? 0.0 : random.nextInt(256) / 255.0;
            }
            batch.setRow(r, row, 0, random.nextInt(10));
        }
        assertNumericalEqualsGeneric(model, batch);
    }

    @ParameterizedTest
    @EnumSource(value = ActivationFunction.class, names = {"RELU", "SIGMOID", "TANH", "IDENTITY"})
    void softTargetsAndLargeInputsFallBackToExactRecomputation(ActivationFunction hidden) {
        Model model = twoLayer("Fallback" + hidden, 6, 5, 3, hidden);
        RandomGenerator random = new Well19937c(40 + hidden.ordinal());
        GeneratedGradientTest.randomize(model, random);
        // inputs of up to 100 make the step Δ·x ≈ 0.01, beyond the series; small W1 keeps the units unsaturated
        double[] w1 = model.getParameter("W1").getValues();
        for (int i = 0; i < w1.length; i++) {
            w1[i] *= 0.01;
        }
        double[][] rows = new double[4][6];
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextBoolean() ? 0.0 : 100 * random.nextDouble();
            }
        }
        double[][] targets = {{0.7, 0.3, 0.0}, {0.0, 1.0, 0.0}, {0.0, 0.0, 1.0}, {0.2, 0.2, 0.6}};
        assertNumericalEqualsGeneric(model, Batch.ofTargets(rows, targets));
    }

    private static Model twoLayer(String name, int inputs, int hidden, int outputs, ActivationFunction activation) {
        return GeneratedModels.compile(GeneratedModels.spec(name, inputs, new int[] {hidden, outputs},
                new ActivationFunction[] {activation, ActivationFunction.IDENTITY}, LossFunction.SOFTMAX_CROSS_ENTROPY));
    }

    private static void assertNumericalEqualsGeneric(Model model, Batch batch) {
        Gradients structured = model.newGradients();
        model.numericalGradient(batch, structured);
        Gradients generic = model.newGradients();
        NumericalDifferentiation.numericalGradient(model, batch, generic);
        for (String p : generic.getNames()) {
            double difference = structured.maxAbsDifference(generic, p);
            assertTrue(difference <= 1e-9, p + ": incremental vs generic differ by " + difference);
            assertTrue(maxAbs(generic.get(p)) > 1e-6, p + ": the gradient should not be trivially zero");
        }
    }

    private static double maxAbs(double[] v) {
        double max = 0.0;
        for (double e : v) {
            max = Math.max(max, Math.abs(e));
        }
        return max;
    }
}
