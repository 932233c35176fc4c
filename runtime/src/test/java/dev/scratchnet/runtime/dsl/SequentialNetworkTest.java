package dev.scratchnet.runtime.dsl;

import static dev.scratchnet.annotations.ActivationFunction.IDENTITY;
import static dev.scratchnet.annotations.ActivationFunction.RELU;
import static dev.scratchnet.annotations.ActivationFunction.SIGMOID;
import static dev.scratchnet.annotations.ActivationFunction.SOFTMAX;
import static dev.scratchnet.annotations.ActivationFunction.TANH;
import static dev.scratchnet.annotations.InitMethod.HE;
import static dev.scratchnet.annotations.LossFunction.CROSS_ENTROPY;
import static dev.scratchnet.annotations.LossFunction.MEAN_SQUARED_ERROR;
import static dev.scratchnet.annotations.LossFunction.SOFTMAX_CROSS_ENTROPY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Batch;
import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Matrix;
import dev.scratchnet.runtime.Parameter;
import java.util.List;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class SequentialNetworkTest {
    @Test
    void parametersAreNamedAndShapedAsInTheBook() {
        SequentialNetwork net = Networks.builder(784).dense(50, SIGMOID).dense(10).loss(SOFTMAX_CROSS_ENTROPY).build();
        List<Parameter> parameters = net.getParameters();
        assertEquals("[W1[784, 50], b1[50], W2[50, 10], b2[10]]", parameters.toString());
        assertEquals(784, net.getInputs());
        assertEquals(10, net.getOutputs());
        assertEquals(SOFTMAX_CROSS_ENTROPY, net.getLoss());
    }

    @Test
    void weightsAreZeroAfterBuildSoEveryClassIsEquallyLikely() {
        SequentialNetwork net = Networks.builder(3).dense(4, TANH).dense(2).loss(SOFTMAX_CROSS_ENTROPY).build();
        for (Parameter p : net.getParameters()) {
            assertArrayEquals(new double[p.getSize()], p.getValues(), p.getName());
        }
        double[] out = new double[2];
        net.predict(new double[] {1, 2, 3}, 1, out);
        assertArrayEquals(new double[] {0.5, 0.5}, out);
    }

    @Test
    void parametersAreTheLayersLiveArrays() {
        SequentialNetwork net = Networks.builder(1).dense(1).loss(MEAN_SQUARED_ERROR).build();
        net.getParameter("W1").getValues()[0] = 3;
        net.getParameter("b1").getValues()[0] = 1;
        assertEquals(new Matrix(2, 1, new double[] {7, -5}), net.predict(new Matrix(2, 1, new double[] {2, -2})));
    }

    @Test
    void layersRecordNameUnitsActivationAndRequestedInit() {
        SequentialNetwork net = Networks.builder(4).dense(5, RELU).init(HE).dense(3).loss(SOFTMAX_CROSS_ENTROPY).build();
        LayerInfo first = net.getLayers().get(0);
        assertEquals("dense1", first.getName());
        assertEquals(5, first.getUnits());
        assertEquals(RELU, first.getActivation());
        assertEquals(HE, first.getInit());
        assertEquals(new LayerInfo("dense2", 3, IDENTITY, null), net.getLayers().get(1));
        assertNull(net.getLayers().get(1).getInit());
        assertEquals("SequentialNetwork(4 → dense1(5, RELU, init HE) → dense2(3, IDENTITY), SOFTMAX_CROSS_ENTROPY)", net.toString());
    }

    @Test
    void predictMatchesACommonsMathForwardPass() {
        SequentialNetwork net = RandomNetworks.network(7, 2, SIGMOID, IDENTITY, SOFTMAX_CROSS_ENTROPY);
        double[][] x = {{0.1, -0.2, 0.3, 0.4}, {1, 0, -1, 0.5}};
        RealMatrix expected = RandomNetworks.predict(net, x);
        assertArrayEquals(expected.getRow(0), net.predict(Matrix.of(x)).getRow(0), 1e-15);
        assertArrayEquals(expected.getRow(1), net.predict(Matrix.of(x)).getRow(1), 1e-15);
    }

    @Test
    void aDeclaredSoftmaxLastLayerMeansTheSameAsNoneUnderSoftmaxCrossEntropyAndAsCrossEntropy() {
        SequentialNetwork plain = RandomNetworks.network(8, 1, RELU, IDENTITY, SOFTMAX_CROSS_ENTROPY);
        Batch batch = RandomNetworks.batch(8, plain);
        double[] expectedLoss = {plain.loss(batch)};
        Gradients expected = plain.newGradients();
        plain.gradient(batch, expected);
        for (LossFunction loss : List.of(SOFTMAX_CROSS_ENTROPY, CROSS_ENTROPY)) {
            SequentialNetwork softmax = RandomNetworks.network(8, 1, RELU, SOFTMAX, loss);
            Gradients actual = softmax.newGradients();
            assertArrayEquals(expectedLoss, new double[] {softmax.gradient(batch, actual)}, loss.name());
            assertEquals(0, expected.maxAbsDifference(actual), loss.name());
        }
    }

    @Test
    void numericalGradientRestoresEveryParameterExactly() {
        SequentialNetwork net = RandomNetworks.network(9, 2, TANH, TANH, MEAN_SQUARED_ERROR);
        double[][] before = net.getParameters().stream().map(p -> p.getValues().clone()).toArray(double[][]::new);
        net.numericalGradient(RandomNetworks.batch(9, net), net.newGradients());
        for (int p = 0; p < before.length; p++) {
            assertArrayEquals(before[p], net.getParameters().get(p).getValues());
        }
    }

    @Test
    void gradientOverwritesRatherThanAccumulates() {
        SequentialNetwork net = RandomNetworks.network(10, 1, SIGMOID, IDENTITY, SOFTMAX_CROSS_ENTROPY);
        Batch batch = RandomNetworks.batch(10, net);
        Gradients once = net.newGradients();
        Gradients twice = net.newGradients();
        net.gradient(batch, once);
        net.gradient(batch, twice);
        net.gradient(batch, twice);
        assertEquals(0, once.maxAbsDifference(twice));
        assertNotEquals(0, once.get("W1")[0]);
    }

    @Test
    void aBatchOfTheWrongInputWidthIsRejected() {
        SequentialNetwork net = Networks.builder(4).dense(3).loss(SOFTMAX_CROSS_ENTROPY).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.loss(new Batch(2, 5, 3)));
        assertEquals("batch rows have 5 inputs, this network takes 4; build the batch with 4 inputs per row", e.getMessage());
    }

    @Test
    void aBatchOfTheWrongTargetWidthIsRejected() {
        SequentialNetwork net = Networks.builder(4).dense(3).loss(SOFTMAX_CROSS_ENTROPY).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.gradient(new Batch(2, 4, 2), net.newGradients()));
        assertEquals("batch targets have 2 values per row, this network has 3 outputs; build the batch with 3 outputs per row",
                e.getMessage());
    }

    @Test
    void accuracyRejectsALabelOutsideTheOutputs() {
        SequentialNetwork net = Networks.builder(4).dense(3).loss(SOFTMAX_CROSS_ENTROPY).build();
        Batch batch = new Batch(2, 4, 3);
        batch.getLabels()[1] = 3;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.accuracy(batch));
        assertEquals("label 3 of row 1 is outside [0, 3); labels must index this network's 3 outputs", e.getMessage());
    }

    @Test
    void predictRejectsAnEmptyBatchAndShortArrays() {
        SequentialNetwork net = Networks.builder(4).dense(3).loss(SOFTMAX_CROSS_ENTROPY).build();
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> net.predict(new double[4], 0, new double[3]));
        assertEquals("rows must be positive, got 0; predict needs at least one input row", empty.getMessage());
        IllegalArgumentException shortX = assertThrows(IllegalArgumentException.class, () -> net.predict(new double[7], 2, new double[6]));
        assertEquals("x holds 7 values, expected at least 2 rows × 4 inputs = 8", shortX.getMessage());
        IllegalArgumentException shortOut = assertThrows(IllegalArgumentException.class, () -> net.predict(new double[8], 2, new double[5]));
        assertEquals("out holds 5 values, expected at least 2 rows × 3 outputs = 6", shortOut.getMessage());
    }

    @Test
    void gradientsOfAnotherShapeAreRejected() {
        SequentialNetwork net = Networks.builder(4).dense(3).loss(SOFTMAX_CROSS_ENTROPY).build();
        SequentialNetwork other = Networks.builder(4).dense(2).loss(SOFTMAX_CROSS_ENTROPY).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.gradient(new Batch(1, 4, 3), other.newGradients()));
        assertEquals("gradient 0 is W1 of 8 values, the model's parameter 0 is W1 of 12; create the gradients with newGradients()",
                e.getMessage());
        SequentialNetwork deeper = Networks.builder(4).dense(2).dense(3).loss(SOFTMAX_CROSS_ENTROPY).build();
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> net.numericalGradient(new Batch(1, 4, 3), deeper.newGradients()));
        assertEquals("gradients hold 4 arrays, the model has 2 parameters [W1[4, 3], b1[3]]; create them with newGradients()",
                count.getMessage());
    }
}
