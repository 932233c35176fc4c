package dev.scratchnet.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import dev.scratchnet.runtime.dsl.Networks;
import org.junit.jupiter.api.Test;

/** A model's summary: its parameter counts, its table, and equality by structure alone. */
class SummaryTest {
    @Test
    void theBooksTwoLayerNetHas39760Parameters() {
        Summary summary = Networks.builder(784).dense(50, ActivationFunction.RELU).dense(10)
                .loss(LossFunction.SOFTMAX_CROSS_ENTROPY).build().summary();
        assertEquals(39_760, summary.getTotalParameters());
        assertEquals(39_250, summary.getLayers().get(0).getParameters());
        assertEquals(510, summary.getLayers().get(1).getParameters());
        assertEquals("SequentialNetwork\n"
                + "Layer                    Output shape     Activation     Parameters\n"
                + "input                    (batch, 784)\n"
                + "dense1 (Dense)           (batch, 50)      RELU               39,250\n"
                + "dense2 (Dense)           (batch, 10)      IDENTITY              510\n"
                + "loss SOFTMAX_CROSS_ENTROPY\n"
                + "Total parameters: 39,760", summary.toString());
    }

    @Test
    void summariesAreEqualByStructureNotByName() {
        Summary a = Summary.of("A", 4, LossFunction.MEAN_SQUARED_ERROR).dense("hidden", 3, ActivationFunction.TANH)
                .dense("out", 1, ActivationFunction.IDENTITY);
        Summary b = Summary.of("B", 4, LossFunction.MEAN_SQUARED_ERROR).dense("dense1", 3, ActivationFunction.TANH)
                .dense("dense2", 1, ActivationFunction.IDENTITY);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Summary.of("A", 4, LossFunction.MEAN_SQUARED_ERROR).dense("hidden", 3, ActivationFunction.RELU)
                .dense("out", 1, ActivationFunction.IDENTITY));
        assertNotEquals(a, Summary.of("A", 5, LossFunction.MEAN_SQUARED_ERROR).dense("hidden", 3, ActivationFunction.TANH)
                .dense("out", 1, ActivationFunction.IDENTITY));
    }
}
