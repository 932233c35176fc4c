package dev.scratchnet.runtime.dsl;

import static dev.scratchnet.annotations.ActivationFunction.IDENTITY;
import static dev.scratchnet.annotations.ActivationFunction.RELU;
import static dev.scratchnet.annotations.ActivationFunction.SIGMOID;
import static dev.scratchnet.annotations.ActivationFunction.SOFTMAX;
import static dev.scratchnet.annotations.ActivationFunction.STEP;
import static dev.scratchnet.annotations.ActivationFunction.TANH;
import static dev.scratchnet.annotations.InitMethod.HE;
import static dev.scratchnet.annotations.InitMethod.XAVIER;
import static dev.scratchnet.annotations.LossFunction.CROSS_ENTROPY;
import static dev.scratchnet.annotations.LossFunction.MEAN_SQUARED_ERROR;
import static dev.scratchnet.annotations.LossFunction.SOFTMAX_CROSS_ENTROPY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkValidationTest {
    private static final String STEP_FIX = "; use SIGMOID, its smooth version, or dev.scratchnet.runtime.Perceptrons"
            + " for step-function gates";
    private static final String MISSING_LOSS = "[NetMissingLoss] a network needs a loss; call loss(SOFTMAX_CROSS_ENTROPY)"
            + " for classification or loss(MEAN_SQUARED_ERROR) for regression";

    private static InvalidNetworkException invalid(NetworkBuilder builder) {
        return assertThrows(InvalidNetworkException.class, builder::build);
    }

    private static void assertOnly(String expected, NetworkBuilder builder) {
        InvalidNetworkException e = invalid(builder);
        assertEquals(List.of(expected), e.getViolations());
        assertEquals(expected, e.getMessage());
    }

    @Test
    void nonPositiveInputsAreRejected() {
        assertOnly("[NetInputs] inputs must be positive, got 0; pass the width of one input row (784 for MNIST)",
                Networks.builder(0).dense(2).loss(MEAN_SQUARED_ERROR));
    }

    @Test
    void aNetworkWithoutLayersIsRejected() {
        assertOnly("[NetNoLayers] a network needs at least one layer; add one with dense(units)",
                Networks.builder(4).loss(SOFTMAX_CROSS_ENTROPY));
    }

    @Test
    void nonPositiveUnitsAreRejectedWithTheirLayer() {
        assertOnly("[NetUnits] units must be positive, got -3 (layer 2); pass the number of outputs of this layer",
                Networks.builder(4).dense(5, RELU).dense(-3).loss(SOFTMAX_CROSS_ENTROPY));
    }

    @Test
    void aLayerWhoseWeightsOverflowAJavaArrayIsRejectedAtBuild() {
        assertOnly("[NetLayerTooLarge] layer 1 has 100000 inputs × 100000 units = 10000000000 weights, more than a Java"
                + " array holds (2147483639); use fewer units",
                Networks.builder(100_000).dense(100_000).loss(MEAN_SQUARED_ERROR));
    }

    @Test
    void softmaxOnAHiddenLayerIsRejected() {
        assertOnly("[NetSoftmaxHidden] SOFTMAX is only allowed on the last layer (layer 1 of 2); use SIGMOID, RELU or TANH here",
                Networks.builder(4).dense(5, SOFTMAX).dense(3).loss(SOFTMAX_CROSS_ENTROPY));
    }

    @Test
    void stepIsRejectedBecauseItHasNoGradient() {
        assertOnly("[NetStep] STEP has no gradient, so a trained network cannot use it (layer 1)" + STEP_FIX,
                Networks.builder(2).dense(2, STEP).dense(1).loss(MEAN_SQUARED_ERROR));
    }

    @Test
    void aNetworkWithoutLossIsRejected() {
        assertOnly(MISSING_LOSS, Networks.builder(4).dense(3));
    }

    @Test
    void softmaxCrossEntropyRejectsAnActivatedLastLayer() {
        assertOnly("[NetLossActivation] SOFTMAX_CROSS_ENTROPY applies softmax itself, so the last layer must have no activation,"
                + " not SIGMOID; remove it", Networks.builder(4).dense(3, SIGMOID).loss(SOFTMAX_CROSS_ENTROPY));
    }

    @Test
    void crossEntropyRejectsALastLayerThatIsNotSoftmax() {
        assertOnly("[NetLossActivation] CROSS_ENTROPY needs probabilities, so the last layer must be SOFTMAX, not IDENTITY;"
                + " use SOFTMAX there, or SOFTMAX_CROSS_ENTROPY with no activation",
                Networks.builder(4).dense(5, RELU).dense(3).loss(CROSS_ENTROPY));
    }

    @Test
    void meanSquaredErrorRejectsASoftmaxLastLayer() {
        assertOnly("[NetLossActivation] MEAN_SQUARED_ERROR cannot follow SOFTMAX on the last layer; use SOFTMAX_CROSS_ENTROPY,"
                + " or IDENTITY or SIGMOID for regression", Networks.builder(4).dense(3, SOFTMAX).loss(MEAN_SQUARED_ERROR));
    }

    @Test
    void everyViolationIsListedOnItsOwnLineInRuleOrder() {
        InvalidNetworkException e = invalid(Networks.builder(-1).dense(0, SOFTMAX).dense(2, STEP).dense(3, STEP));
        List<String> expected = List.of(
                "[NetInputs] inputs must be positive, got -1; pass the width of one input row (784 for MNIST)",
                "[NetUnits] units must be positive, got 0 (layer 1); pass the number of outputs of this layer",
                "[NetSoftmaxHidden] SOFTMAX is only allowed on the last layer (layer 1 of 3); use SIGMOID, RELU or TANH here",
                "[NetStep] STEP has no gradient, so a trained network cannot use it (layer 2)" + STEP_FIX,
                "[NetStep] STEP has no gradient, so a trained network cannot use it (layer 3)" + STEP_FIX,
                MISSING_LOSS);
        assertEquals(expected, e.getViolations());
        assertEquals(String.join("\n", expected), e.getMessage());
    }

    @Test
    void aStepLastLayerBreaksBothTheStepAndTheLossRules() {
        InvalidNetworkException e = invalid(Networks.builder(2).dense(3, STEP).loss(SOFTMAX_CROSS_ENTROPY));
        assertEquals(List.of("[NetStep] STEP has no gradient, so a trained network cannot use it (layer 1)" + STEP_FIX,
                "[NetLossActivation] SOFTMAX_CROSS_ENTROPY applies softmax itself, so the last layer must have no activation,"
                        + " not STEP; remove it"), e.getViolations());
    }

    @Test
    void validNetworksOfEveryLossAndLastLayerBuild() {
        assertEquals(3, Networks.builder(4).dense(3, SOFTMAX).loss(SOFTMAX_CROSS_ENTROPY).build().getOutputs());
        assertEquals(3, Networks.builder(4).dense(3, SOFTMAX).loss(CROSS_ENTROPY).build().getOutputs());
        for (var last : List.of(IDENTITY, SIGMOID, RELU, TANH)) {
            assertEquals(3, Networks.builder(4).dense(3, last).loss(MEAN_SQUARED_ERROR).build().getOutputs());
        }
    }

    @Test
    void initBeforeAnyLayerFailsAtOnce() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Networks.builder(4).init(HE));
        assertEquals("init(HE) sets the initialisation of the layer before it; call dense(units) first", e.getMessage());
    }

    @Test
    void aSecondInitOnOneLayerFailsAtOnce() {
        NetworkBuilder builder = Networks.builder(4).dense(3).init(HE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> builder.init(XAVIER));
        assertEquals("init(XAVIER): layer 1 already has init(HE); call init once per layer", e.getMessage());
    }

    @Test
    void aSecondLossFailsAtOnce() {
        NetworkBuilder builder = Networks.builder(4).dense(3).loss(MEAN_SQUARED_ERROR);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> builder.loss(SOFTMAX_CROSS_ENTROPY));
        assertEquals("loss(SOFTMAX_CROSS_ENTROPY): the loss is already MEAN_SQUARED_ERROR; call loss once", e.getMessage());
    }
}
