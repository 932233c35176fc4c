package dev.scratchnet.runtime.dsl;

import static dev.scratchnet.annotations.ActivationFunction.RELU;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import org.junit.jupiter.api.Test;

/**
 * A 2-3-2 ReLU network worked by hand. Rows {@code x = (1, 2)} and {@code (-1, 1)};
 * {@code W1 = [[1, 0, -1], [0.5, -1, 2]]}, {@code b1 = (0, 1, -1)} give pre-activations {@code (2, -1, 2)} and
 * {@code (-0.5, 0, 2)}, so {@code h = (2, 0, 2)} and {@code (0, 0, 2)};
 * {@code W2 = [[1, -1], [3, 2], [0.5, 0.5]]}, {@code b2 = (0.5, -0.5)} give outputs {@code (3.5, -1.5)} and
 * {@code (1.5, 0.5)}.
 */
class HandComputedNetworkTest {
    private static final double[] X = {1, 2, -1, 1};

    private static SequentialNetwork network(LossFunction loss) {
        SequentialNetwork net = Networks.builder(2).dense(3, RELU).dense(2).loss(loss).build();
        System.arraycopy(new double[] {1, 0, -1, 0.5, -1, 2}, 0, net.getParameter("W1").getValues(), 0, 6);
        System.arraycopy(new double[] {0, 1, -1}, 0, net.getParameter("b1").getValues(), 0, 3);
        System.arraycopy(new double[] {1, -1, 3, 2, 0.5, 0.5}, 0, net.getParameter("W2").getValues(), 0, 6);
        System.arraycopy(new double[] {0.5, -0.5}, 0, net.getParameter("b2").getValues(), 0, 2);
        return net;
    }

    private static Batch classification() {
        return Batch.of(new double[][] {{1, 2}, {-1, 1}}, new int[] {0, 1}, 2);
    }

    private static Batch regression() {
        return Batch.ofTargets(new double[][] {{1, 2}, {-1, 1}}, new double[][] {{3, -1}, {1, 1}});
    }

    @Test
    void meanSquaredErrorNetworkPredictsTheHandComputedOutputs() {
        double[] out = new double[4];
        network(LossFunction.MEAN_SQUARED_ERROR).predict(X, 2, out);
        assertArrayEquals(new double[] {3.5, -1.5, 1.5, 0.5}, out);
    }

    @Test
    void softmaxNetworkPredictsTheSoftmaxOfTheHandComputedOutputs() {
        double[] out = new double[4];
        network(LossFunction.SOFTMAX_CROSS_ENTROPY).predict(X, 2, out);
        // softmax of two values differing by d is (1 / (1 + e^-d), e^-d / (1 + e^-d)); d = 5 and d = 1
        double[] expected = {1 / (1 + Math.exp(-5)), Math.exp(-5) / (1 + Math.exp(-5)), 1 / (1 + Math.exp(-1)),
            Math.exp(-1) / (1 + Math.exp(-1))};
        assertArrayEquals(expected, out, 1e-15);
        assertArrayEquals(new double[] {0.9933071490757153, 0.0066928509242848554, 0.7310585786300049, 0.2689414213699951},
                out, 1e-15);
    }

    @Test
    void softmaxCrossEntropyLossAveragesMinusLogOfTheLabelsProbabilities() {
        double expected = (-Math.log(1 / (1 + Math.exp(-5)) + 1e-7) - Math.log(Math.exp(-1) / (1 + Math.exp(-1)) + 1e-7)) / 2;
        double loss = network(LossFunction.SOFTMAX_CROSS_ENTROPY).loss(classification());
        assertEquals(expected, loss, 1e-15);
        assertEquals(0.6599882817527187, loss, 1e-15);
    }

    @Test
    void accuracyCountsRowsWhoseLargestOutputIsTheLabel() {
        // row 1: 3.5 > -1.5, label 0 (right); row 2: 1.5 > 0.5, label 1 (wrong)
        assertEquals(0.5, network(LossFunction.SOFTMAX_CROSS_ENTROPY).accuracy(classification()));
    }

    @Test
    void meanSquaredErrorLossAndBackpropMatchTheHandComputation() {
        SequentialNetwork net = network(LossFunction.MEAN_SQUARED_ERROR);
        Gradients g = net.newGradients();
        // y - t = (0.5, -0.5) on both rows: loss 0.5 · (0.25 + 0.25) per row
        assertEquals(0.25, net.gradient(regression(), g));
        // dy = (y - t) / 2 = (0.25, -0.25) per row; dW2 = hᵀ · dy; db2 = Σ dy
        assertArrayEquals(new double[] {0.5, -0.5, 0, 0, 1, -1}, g.get("W2"));
        assertArrayEquals(new double[] {0.5, -0.5}, g.get("b2"));
        // dh = dy · W2ᵀ = (0.5, 0.25, 0) per row; ReLU passes it where the pre-activation was > 0:
        // (0.5, 0, 0) on row 1, nothing on row 2; dW1 = xᵀ · da, db1 = Σ da
        assertArrayEquals(new double[] {0.5, 0, 0, 1, 0, 0}, g.get("W1"));
        assertArrayEquals(new double[] {0.5, 0, 0}, g.get("b1"));
    }
}
