package dev.scratchnet.runtime.layers;

import static dev.scratchnet.runtime.layers.CentralDifference.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationLayersTest {
    private static final double LN2 = Math.log(2);
    private static final double LN3 = Math.log(3);

    @Test
    void sigmoidOfZeroAndLogThreeIsAHalfAndThreeQuarters() {
        Sigmoid sigmoid = new Sigmoid(3);
        double[] out = sigmoid.forward(new double[] {0, LN3, -LN3}, 1);
        assertArrayEquals(new double[] {0.5, 0.75, 0.25}, Arrays.copyOf(out, 3), 1e-15);
        // out · (1 - out)
        assertArrayEquals(new double[] {0.25, 0.1875, 0.1875}, Arrays.copyOf(sigmoid.backward(new double[] {1, 1, 1}), 3), 1e-15);
    }

    @Test
    void reluZeroesNonPositiveInputsAndTheirGradients() {
        Relu relu = new Relu(3);
        double[] out = relu.forward(new double[] {-1, 0, 2.5}, 1);
        assertArrayEquals(new double[] {0, 0, 2.5}, Arrays.copyOf(out, 3));
        assertArrayEquals(new double[] {0, 0, 3}, Arrays.copyOf(relu.backward(new double[] {1, 2, 3}), 3));
    }

    /**
     * The book's mask semantics to the bit, over the values a branch-free ReLU could get wrong: -0.0 and +0.0
     * inputs give +0.0 and stop the gradient (which comes out +0.0 whatever it was, even NaN or -0.0); NaN inputs
     * pass through and pass the gradient; a passed gradient keeps its bits (-0.0, NaN, infinities).
     */
    @Test
    void reluMasksBitForBitAsTheBookDoes() {
        double nan = Double.longBitsToDouble(0xfff8_0000_0000_0001L);
        double[] x = {-0.0, 0.0, -3.0, Double.MIN_VALUE, Double.NaN, nan, 1.0, 2.0, Double.POSITIVE_INFINITY, 5.0};
        double[] dout = {Double.NaN, -0.0, -7.0, -0.0, 4.0, -5.0, Double.NaN, Double.NEGATIVE_INFINITY, 3.0, -0.0};
        Relu relu = new Relu(x.length);
        double[] out = Arrays.copyOf(relu.forward(x, 1), x.length);
        double[] dx = Arrays.copyOf(relu.backward(dout), x.length);
        for (int i = 0; i < x.length; i++) {
            boolean mask = x[i] <= 0;
            double expectedOut = mask ? 0 : x[i];
            double expectedDx = mask ? 0 : dout[i];
            assertEquals(Double.doubleToRawLongBits(expectedOut), Double.doubleToRawLongBits(out[i]), "out " + i);
            assertEquals(Double.doubleToRawLongBits(expectedDx), Double.doubleToRawLongBits(dx[i]), "dx " + i);
        }
    }

    @Test
    void tanhOfLogTwoIsThreeFifths() {
        Tanh tanh = new Tanh(3);
        // tanh(ln 2) = (4 - 1) / (4 + 1)
        double[] out = tanh.forward(new double[] {0, LN2, -LN2}, 1);
        assertArrayEquals(new double[] {0, 0.6, -0.6}, Arrays.copyOf(out, 3), 1e-15);
        // 1 - out²
        assertArrayEquals(new double[] {2, 0.64, 0.64}, Arrays.copyOf(tanh.backward(new double[] {2, 1, 1}), 3), 1e-15);
    }

    @Test
    void softmaxOfLogsIsProportionalToTheirArgumentsEvenNearOverflow() {
        Softmax softmax = new Softmax(3);
        // e^1000 overflows a double: only subtracting the row maximum keeps the second row finite
        double[] out = softmax.forward(new double[] {0, LN2, LN3, 1000, 1000 + LN2, 1000 + LN3}, 2);
        double[] sixths = {1 / 6.0, 2 / 6.0, 3 / 6.0};
        assertArrayEquals(sixths, Arrays.copyOfRange(out, 0, 3), 1e-15);
        assertArrayEquals(sixths, Arrays.copyOfRange(out, 3, 6), 1e-12);
    }

    @Test
    void softmaxBackwardOfOneHotDoutIsTheJacobianColumn() {
        Softmax softmax = new Softmax(3);
        softmax.forward(new double[] {0, LN2, LN3}, 1);
        // ∂y_j/∂x_0 = y_j (δ_j0 - y_0) with y = (1/6, 1/3, 1/2)
        double[] dx = softmax.backward(new double[] {1, 0, 0});
        assertArrayEquals(new double[] {5 / 36.0, -2 / 36.0, -3 / 36.0}, Arrays.copyOf(dx, 3), 1e-15);
    }

    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of("Sigmoid", (IntFunction<Layer>) Sigmoid::new),
                Arguments.of("Relu", (IntFunction<Layer>) Relu::new),
                Arguments.of("Tanh", (IntFunction<Layer>) Tanh::new),
                Arguments.of("Softmax", (IntFunction<Layer>) Softmax::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void backwardMatchesCentralDifferencesOfForward(String name, IntFunction<Layer> factory) {
        int rows = 3;
        int width = 4;
        int n = rows * width;
        Layer layer = factory.apply(width);
        double[] x = CentralDifference.awayFromZero(11, n);
        double[] dout = CentralDifference.awayFromZero(12, n);

        layer.forward(x, rows);
        double[] dx = layer.backward(dout).clone();

        double[] numerical = CentralDifference.gradient(x, n, () -> CentralDifference.dot(layer.forward(x, rows), dout, n));
        assertClose(numerical, dx, n, 1e-9);
    }

    @Test
    void activationRejectsADoutShorterThanItsForwardRows() {
        Tanh tanh = new Tanh(2);
        tanh.forward(new double[4], 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tanh.backward(new double[2]));
        assertEquals("Tanh: dout holds 2 values, expected at least 2 rows × 2 = 4", e.getMessage());
    }

    @Test
    void activationRejectsNonPositiveRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Relu(2).forward(new double[4], 0));
        assertEquals("Relu: rows must be positive, got 0; pass the number of rows in x", e.getMessage());
    }
}
