package dev.scratchnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scratchnet.annotations.InitMethod;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.Parameter;
import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InitializersTest {
    /** The first layer of the book's MNIST network: 784 inputs, 50 units. */
    private static LinearModel mnistFirstLayer() {
        return new LinearModel(784, 50, LossFunction.SOFTMAX_CROSS_ENTROPY);
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() {
        LinearModel a = mnistFirstLayer();
        LinearModel b = mnistFirstLayer();
        LinearModel c = mnistFirstLayer();
        Initializers.initialize(a, InitMethod.HE, 42);
        Initializers.initialize(b, InitMethod.HE, 42);
        Initializers.initialize(c, InitMethod.HE, 43);
        assertArrayEquals(a.getParameter("W1").getValues(), b.getParameter("W1").getValues());
        assertFalse(Arrays.equals(a.getParameter("W1").getValues(), c.getParameter("W1").getValues()));
    }

    @Test
    void weightsAreScaledGaussiansDrawnRowMajorAndBiasesDrawNothing() {
        LinearModel model = mnistFirstLayer();
        Well19937c used = new Well19937c(7);
        Initializers.initialize(model, InitMethod.XAVIER, used);
        Well19937c reference = new Well19937c(7);
        double scale = Math.sqrt(1.0 / 784);
        double[] w = model.getParameter("W1").getValues();
        for (int i = 0; i < w.length; i++) {
            assertEquals(scale * reference.nextGaussian(), w[i], "W1[" + i + "]");
        }
        assertEquals(reference.nextGaussian(), used.nextGaussian(), "exactly 784·50 Gaussians were drawn");
    }

    @Test
    void biasesAreZeroed() {
        LinearModel model = mnistFirstLayer();
        Arrays.fill(model.getParameter("b1").getValues(), 5);
        Initializers.initialize(model, InitMethod.BOOK, 1);
        assertArrayEquals(new double[50], model.getParameter("b1").getValues());
    }

    /** Expected: 0.01 (book), 1/√784 = 1/28 (Xavier), √(2/784) (He). 39,200 draws put the sample std within ~1%. */
    @ParameterizedTest
    @CsvSource({"BOOK, 0.01", "XAVIER, 0.03571428571428571", "HE, 0.050507627227610534"})
    void sampleStandardDeviationOfMnistFirstLayerIsTheScale(InitMethod method, double expected) {
        assertEquals(expected, Initializers.scale(method, 784), 1e-17);
        LinearModel model = mnistFirstLayer();
        Initializers.initialize(model, method, 2024);
        DescriptiveStatistics stats = new DescriptiveStatistics(model.getParameter("W1").getValues());
        assertEquals(expected, stats.getStandardDeviation(), 0.02 * expected);
        assertEquals(0, stats.getMean(), 0.02 * expected);
    }

    @Test
    void parameterThatIsNeitherWeightNorBiasIsRejected() {
        Parameter gamma = new Parameter("gamma1", new int[] {3}, new double[3]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initializers.initialize(gamma, InitMethod.HE, new Well19937c(1)));
        assertEquals("cannot initialise parameter 'gamma1': weights must be named W…, biases b…; "
                + "initialise it yourself through Parameter.getValues()", e.getMessage());
    }
}
