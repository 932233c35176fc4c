package dev.scratchnet.annotations.internal;

import static dev.scratchnet.annotations.ActivationFunction.IDENTITY;
import static dev.scratchnet.annotations.ActivationFunction.RELU;
import static dev.scratchnet.annotations.ActivationFunction.SIGMOID;
import static dev.scratchnet.annotations.ActivationFunction.SOFTMAX;
import static dev.scratchnet.annotations.ActivationFunction.STEP;
import static dev.scratchnet.annotations.ActivationFunction.TANH;
import static dev.scratchnet.annotations.LossFunction.CROSS_ENTROPY;
import static dev.scratchnet.annotations.LossFunction.MEAN_SQUARED_ERROR;
import static dev.scratchnet.annotations.LossFunction.SOFTMAX_CROSS_ENTROPY;
import static dev.scratchnet.annotations.internal.Violation.NETWORK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchnet.annotations.ActivationFunction;
import dev.scratchnet.annotations.LossFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkRulesTest {
    private static NetworkDescription network(Integer inputs, LossFunction loss, LayerDescription... layers) {
        return new NetworkDescription(inputs, List.of(layers), loss);
    }

    private static LayerDescription layer(Integer units, ActivationFunction activation) {
        return new LayerDescription(units, activation);
    }

    private static void assertViolations(NetworkDescription network, Violation... expected) {
        assertEquals(List.of(expected), NetworkRules.check(network));
    }

    @Test
    void nonPositiveInputsAreAViolationOfTheNetwork() {
        assertViolations(network(0, SOFTMAX_CROSS_ENTROPY, layer(3, IDENTITY)),
                new Violation(NetworkRule.INPUTS, NETWORK, List.of(0)));
    }

    @Test
    void aNetworkWithoutLayersIsAViolationOfTheNetwork() {
        assertViolations(network(4, SOFTMAX_CROSS_ENTROPY),
                new Violation(NetworkRule.NO_LAYERS, NETWORK, List.of()));
    }

    @Test
    void nonPositiveUnitsAreAViolationOfTheirLayer() {
        assertViolations(network(4, SOFTMAX_CROSS_ENTROPY, layer(5, RELU), layer(-3, IDENTITY)),
                new Violation(NetworkRule.UNITS, 2, List.of(-3, 2)));
    }

    @Test
    void weightsBeyondTheLongestJavaArrayAreReportedWithTheirCount() {
        assertViolations(network(65536, SOFTMAX_CROSS_ENTROPY, layer(32768, IDENTITY)),
                new Violation(NetworkRule.LAYER_TOO_LARGE, 1,
                        List.of(1, 65536, 32768, 2_147_483_648L, Integer.MAX_VALUE - 8)));
    }

    @Test
    void aLaterLayerTakesThePreviousLayersUnitsAsItsInputs() {
        assertViolations(network(4, SOFTMAX_CROSS_ENTROPY, layer(100_000, RELU), layer(100_000, IDENTITY)),
                new Violation(NetworkRule.LAYER_TOO_LARGE, 2,
                        List.of(2, 100_000, 100_000, 10_000_000_000L, Integer.MAX_VALUE - 8)));
    }

    @Test
    void weightsJustUnderTheLongestJavaArrayAreAccepted() {
        // 46340² = 2 147 395 600 weights, the largest square below Integer.MAX_VALUE - 8.
        assertViolations(network(46340, SOFTMAX_CROSS_ENTROPY, layer(46340, IDENTITY)));
    }

    @Test
    void softmaxOnAHiddenLayerIsAViolationOfThatLayer() {
        assertViolations(network(4, SOFTMAX_CROSS_ENTROPY, layer(5, SOFTMAX), layer(3, IDENTITY)),
                new Violation(NetworkRule.SOFTMAX_HIDDEN, 1, List.of(1, 2)));
    }

    @Test
    void stepIsAViolationOfItsLayer() {
        assertViolations(network(2, MEAN_SQUARED_ERROR, layer(2, STEP), layer(1, IDENTITY)),
                new Violation(NetworkRule.STEP, 1, List.of(1)));
    }

    @Test
    void aMissingLossIsAViolationOfTheNetwork() {
        assertViolations(network(4, null, layer(3, IDENTITY)),
                new Violation(NetworkRule.MISSING_LOSS, NETWORK, List.of()));
    }

    @Test
    void softmaxCrossEntropyAfterAnActivationIsAViolationOfTheLastLayer() {
        assertViolations(network(4, SOFTMAX_CROSS_ENTROPY, layer(5, RELU), layer(3, SIGMOID)),
                new Violation(NetworkRule.SOFTMAX_CROSS_ENTROPY_AFTER_ACTIVATION, 2, List.of(SIGMOID)));
    }

    @Test
    void crossEntropyWithoutSoftmaxIsAViolationOfTheLastLayer() {
        assertViolations(network(4, CROSS_ENTROPY, layer(3, TANH)),
                new Violation(NetworkRule.CROSS_ENTROPY_WITHOUT_SOFTMAX, 1, List.of(TANH)));
    }

    @Test
    void meanSquaredErrorAfterSoftmaxIsAViolationOfTheLastLayer() {
        assertViolations(network(4, MEAN_SQUARED_ERROR, layer(3, SOFTMAX)),
                new Violation(NetworkRule.MEAN_SQUARED_ERROR_AFTER_SOFTMAX, 1, List.of()));
    }

    @Test
    void everyLossWithALastLayerThatSuitsItPasses() {
        assertViolations(network(4, SOFTMAX_CROSS_ENTROPY, layer(3, IDENTITY)));
        assertViolations(network(4, SOFTMAX_CROSS_ENTROPY, layer(3, SOFTMAX)));
        assertViolations(network(4, CROSS_ENTROPY, layer(3, SOFTMAX)));
        for (ActivationFunction last : List.of(IDENTITY, SIGMOID, RELU, TANH)) {
            assertViolations(network(4, MEAN_SQUARED_ERROR, layer(3, last)));
        }
    }

    @Test
    void valuesNotReadSkipTheRulesThatNeedThem() {
        assertViolations(network(null, CROSS_ENTROPY, layer(100_000, RELU), layer(null, null), layer(100_000, null)));
    }

    @Test
    void violationsComeRuleByRuleThenLayerByLayer() {
        assertViolations(network(-1, null, layer(0, SOFTMAX), layer(2, STEP), layer(3, STEP)),
                new Violation(NetworkRule.INPUTS, NETWORK, List.of(-1)),
                new Violation(NetworkRule.UNITS, 1, List.of(0, 1)),
                new Violation(NetworkRule.SOFTMAX_HIDDEN, 1, List.of(1, 3)),
                new Violation(NetworkRule.STEP, 2, List.of(2)),
                new Violation(NetworkRule.STEP, 3, List.of(3)),
                new Violation(NetworkRule.MISSING_LOSS, NETWORK, List.of()));
    }

    @Test
    void bothFrontDoorsShareTheTagAndSentenceAndEachNamesItsOwnFix() {
        Violation units = new Violation(NetworkRule.UNITS, 2, List.of(-3, 2));
        assertEquals("[NetUnits] units must be positive, got -3 (layer 2);"
                + " set @Layer(units = …) to the number of outputs of this layer", units.message(FrontDoor.ANNOTATIONS));
        assertEquals("[NetUnits] units must be positive, got -3 (layer 2); pass the number of outputs of this layer",
                units.message(FrontDoor.DSL));
    }
}
