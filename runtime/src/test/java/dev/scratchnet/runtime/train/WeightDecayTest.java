package dev.scratchnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scratchnet.runtime.Gradients;
import dev.scratchnet.runtime.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightDecayTest {
    private final Parameter w1 = new Parameter("W1", new int[] {2, 2}, new double[] {1, -2, 3, 0.5});
    private final Parameter b1 = new Parameter("b1", new int[] {2}, new double[] {10, 20});
    private final Parameter w2 = new Parameter("W2", new int[] {2, 1}, new double[] {-1, 4});
    private final List<Parameter> params = List.of(w1, b1, w2);

    @Test
    void penaltyIsHalfLambdaTimesSumOfSquaredWeightsOnly() {
        // ½·0.1·(1 + 4 + 9 + 0.25) + ½·0.1·(1 + 16); the biases (100 + 400) do not count
        assertEquals(0.05 * 14.25 + 0.05 * 17, new WeightDecay(0.1).penalty(params), 1e-15);
    }

    @Test
    void gradientGainsLambdaTimesWeightOnWeightsOnly() {
        Gradients grads = Gradients.zerosLike(params);
        grads.get("W1")[0] = 1;
        new WeightDecay(0.1).addGradients(params, grads);
        assertArrayEquals(new double[] {1.1, -0.2, 0.3, 0.05}, grads.get("W1"), 1e-15);
        assertArrayEquals(new double[] {0, 0}, grads.get("b1"));
        assertArrayEquals(new double[] {-0.1, 0.4}, grads.get("W2"), 1e-15);
    }

    @Test
    void negativeLambdaIsRejected() {
        assertEquals("weight decay λ must be finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new WeightDecay(-1)).getMessage());
    }
}
