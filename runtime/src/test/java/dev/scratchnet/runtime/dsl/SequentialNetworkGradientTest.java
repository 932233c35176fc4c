package dev.scratchnet.runtime.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backprop against central differences on seeded small networks: 1, 2 and 3 hidden layers of each
 * trainable activation, with both losses, and the two other output layer / loss pairs.
 *
 * <p>Cross-entropy is {@code -log(y_c + 1e-7)} per row, whose exact gradient is {@code y_c / (y_c + 1e-7)}
 * times that of {@code -log(y_c)}, the book's backward {@code (y - t) / batch}. That factor moves the
 * numerical gradient by up to about {@code 1e-6} here, so the numerical gradient is compared with backprop
 * rescaled row by row by that factor (1 for the mean squared error), to {@code 1e-7}.
 */
class SequentialNetworkGradientTest {
    private static final double DELTA = 1e-7;

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 100;
        for (int hidden = 1; hidden <= 3; hidden++) {
            for (ActivationFunction activation : new ActivationFunction[] {
                ActivationFunction.SIGMOID, ActivationFunction.RELU, ActivationFunction.TANH}) {
                cases.add(Arguments.of(seed++, hidden, activation, ActivationFunction.IDENTITY, LossFunction.SOFTMAX_CROSS_ENTROPY));
                cases.add(Arguments.of(seed++, hidden, activation, activation, LossFunction.MEAN_SQUARED_ERROR));
            }
        }
        cases.add(Arguments.of(seed++, 2, ActivationFunction.TANH, ActivationFunction.SOFTMAX, LossFunction.CROSS_ENTROPY));
        cases.add(Arguments.of(seed++, 1, ActivationFunction.RELU, ActivationFunction.SOFTMAX, LossFunction.SOFTMAX_CROSS_ENTROPY));
        cases.add(Arguments.of(seed, 2, ActivationFunction.RELU, ActivationFunction.IDENTITY, LossFunction.MEAN_SQUARED_ERROR));
        return cases.stream();
    }

    @ParameterizedTest(name = "seed {0}: {1} × {2}, last {3}, {4}")
    @MethodSource("networks")
    void backpropMatchesNumericalGradient(long seed, int hidden, ActivationFunction activation, ActivationFunction last,
            LossFunction loss) {
        SequentialNetwork net = RandomNetworks.network(seed, hidden, activation, last, loss);
        Batch batch = RandomNetworks.batch(seed, net);
        Gradients backprop = net.newGradients();
        Gradients numerical = net.newGradients();

        double value = net.gradient(batch, backprop);
        net.numericalGradient(batch, numerical);

        assertEquals(net.loss(batch), value, "gradient returns the loss of its forward pass");
        assertTrue(largest(backprop) > 1e-2, "gradients are not all (near) zero: " + largest(backprop));
        assertTrue(backprop.maxAbsDifference(numerical) < 1e-6, "the 1e-7 guard moves gradients by less than 1e-6");

        double[] guard = guardFactors(net, batch);
        Gradients rowSum = net.newGradients();
        Gradients guardedRowSum = net.newGradients();
        Gradients row = net.newGradients();
        for (int r = 0; r < batch.getSize(); r++) {
            net.gradient(rowBatch(batch, r), row);
            for (int p = 0; p < row.size(); p++) {
                for (int i = 0; i < row.get(p).length; i++) {
                    rowSum.get(p)[i] += row.get(p)[i] / batch.getSize();
                    guardedRowSum.get(p)[i] += guard[r] * row.get(p)[i] / batch.getSize();
                }
            }
        }
        assertTrue(backprop.maxAbsDifference(rowSum) < 1e-14, "a batch's gradient is the mean of its rows' gradients");
        for (String name : backprop.getNames()) {
            assertTrue(guardedRowSum.maxAbsDifference(numerical, name) <= 1e-7,
                    name + ": backprop and numerical gradients differ by " + guardedRowSum.maxAbsDifference(numerical, name));
        }
    }

    /** Per row, {@code y_c / (y_c + 1e-7)} for cross-entropy with label {@code c}; 1 for the mean squared error. */
    private static double[] guardFactors(SequentialNetwork net, Batch batch) {
        double[] factors = new double[batch.getSize()];
        Arrays.fill(factors, 1);
        if (net.getLoss() != LossFunction.MEAN_SQUARED_ERROR) {
            double[] y = new double[batch.getSize() * net.getOutputs()];
            net.predict(batch.getX(), batch.getSize(), y);
            for (int r = 0; r < factors.length; r++) {
                double yc = y[r * net.getOutputs() + batch.getLabels()[r]];
                factors[r] = yc / (yc + DELTA);
            }
        }
        return factors;
    }

    private static Batch rowBatch(Batch batch, int r) {
        Batch one = new Batch(1, batch.getInputs(), batch.getOutputs());
        one.setInput(0, batch.getX(), r * batch.getInputs());
        one.setTarget(0, Arrays.copyOfRange(batch.getT(), r * batch.getOutputs(), (r + 1) * batch.getOutputs()));
        return one;
    }

    private static double largest(Gradients gradients) {
        double max = 0;
        for (int p = 0; p < gradients.size(); p++) {
            for (double g : gradients.get(p)) {
                max = Math.max(max, Math.abs(g));
            }
        }
        return max;
    }
}
