package dev.scratchnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.runtime.dsl.InvalidNetworkException;
import dev.scratchnet.runtime.train.OptimizerType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterGridBuilderTest {
    @Test
    void gridHoldsEveryCombinationWithTheFirstSettingOutermostAndSeedsInnermost() {
        List<SweepConfiguration> grid = new ParameterGridBuilder().seeds(0, 1).learningRates(0.01, 0.1).hidden(50, 100).build();

        assertEquals(8, grid.size());
        assertEquals(SweepConfiguration.builder().hidden(50).learningRate(0.01).seed(0).build(), grid.get(0));
        assertEquals(SweepConfiguration.builder().hidden(50).learningRate(0.01).seed(1).build(), grid.get(1));
        assertEquals(SweepConfiguration.builder().hidden(50).learningRate(0.1).seed(0).build(), grid.get(2));
        assertEquals(SweepConfiguration.builder().hidden(100).learningRate(0.01).seed(0).build(), grid.get(4));
        assertEquals(OptimizerType.SGD, grid.get(7).getOptimizer());
        assertEquals(10_000, grid.get(7).getIterations());
        assertEquals(100, grid.get(7).getBatchSize());
    }

    @Test
    void configurationRebuiltFromItsBuilderIsEqual() {
        SweepConfiguration c = new ParameterGridBuilder().optimizers(OptimizerType.ADAM).weightDecays(1e-4).seeds(-3).build().get(0);

        assertEquals(c, c.toBuilder().build());
        assertEquals(c.hashCode(), c.toBuilder().build().hashCode());
    }

    @Test
    void settingWithoutValuesOrWithAValueTwiceIsRejected() {
        ParameterGridBuilder grid = new ParameterGridBuilder();

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> grid.learningRates());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> grid.seeds(1, 2, 1));

        assertEquals("learningRates: give at least one value; a setting without values leaves the grid empty", empty.getMessage());
        assertEquals("seeds: 1 is given twice; each configuration would be trained twice", twice.getMessage());
    }

    @Test
    void badValueIsRejectedWhenGivenWithTheRuleItBreaks() {
        ParameterGridBuilder grid = new ParameterGridBuilder();

        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> grid.learningRates(0.1, -1));
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> grid.batchSizes(0));
        InvalidNetworkException softmax = assertThrows(InvalidNetworkException.class, () -> grid.activations(ActivationFunction.SOFTMAX));

        assertEquals("learningRate must be finite and > 0, got -1.0", rate.getMessage());
        assertEquals("batchSize must be >= 1, got 0", batch.getMessage());
        assertTrue(softmax.getMessage().contains("SOFTMAX is only allowed on the last layer"), softmax.getMessage());
    }
}
