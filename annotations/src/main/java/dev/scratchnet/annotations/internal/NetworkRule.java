package dev.scratchnet.annotations.internal;

import java.util.Locale;

/**
 * The rules every network obeys, whichever front door declared it, each reported as {@code [Tag] rule; fix}.
 * The tag and the rule sentence are the same through both front doors, so one mistake reads the same in a
 * compile error and in an exception; only the fix differs, naming the syntax of the front door that reports
 * it. The sentence takes the violation's arguments; no fix takes any.
 *
 * <p>The order of the constants is the order in which {@link NetworkRules#check} lists violations.
 */
public enum NetworkRule {
    /** Argument: the inputs given. */
    INPUTS("NetInputs", "inputs must be positive, got %d",
            "set @Network(inputs = …) to the width of one input row (784 for MNIST)",
            "pass the width of one input row (784 for MNIST)"),
    NO_LAYERS("NetNoLayers", "a network needs at least one layer",
            "add a field such as `@Layer(units = 10) Dense output;`",
            "add one with dense(units)"),
    /** Arguments: the units given, the layer (from 1). */
    UNITS("NetUnits", "units must be positive, got %d (layer %d)",
            "set @Layer(units = …) to the number of outputs of this layer",
            "pass the number of outputs of this layer"),
    /** Arguments: the layer (from 1), its inputs, its units, their product, {@link NetworkRules#MAX_WEIGHTS}. */
    LAYER_TOO_LARGE("NetLayerTooLarge",
            "layer %d has %d inputs × %d units = %d weights, more than a Java array holds (%d)",
            "use fewer units"),
    /** Arguments: the layer (from 1), the number of layers. */
    SOFTMAX_HIDDEN("NetSoftmaxHidden", "SOFTMAX is only allowed on the last layer (layer %d of %d)",
            "use SIGMOID, RELU or TANH here"),
    /** Argument: the layer (from 1). */
    STEP("NetStep", "STEP has no gradient, so a trained network cannot use it (layer %d)",
            "use SIGMOID, its smooth version, or dev.scratchnet.runtime.Perceptrons for step-function gates"),
    MISSING_LOSS("NetMissingLoss", "a network needs a loss",
            "add @Loss(LossFunction.SOFTMAX_CROSS_ENTROPY) for classification"
                    + " or @Loss(LossFunction.MEAN_SQUARED_ERROR) for regression",
            "call loss(SOFTMAX_CROSS_ENTROPY) for classification or loss(MEAN_SQUARED_ERROR) for regression"),
    /** Argument: the last layer's activation. */
    SOFTMAX_CROSS_ENTROPY_AFTER_ACTIVATION("NetLossActivation",
            "SOFTMAX_CROSS_ENTROPY applies softmax itself, so the last layer must have no activation, not %s",
            "remove it"),
    /** Argument: the last layer's activation. */
    CROSS_ENTROPY_WITHOUT_SOFTMAX("NetLossActivation",
            "CROSS_ENTROPY needs probabilities, so the last layer must be SOFTMAX, not %s",
            "use SOFTMAX there, or SOFTMAX_CROSS_ENTROPY with no activation"),
    MEAN_SQUARED_ERROR_AFTER_SOFTMAX("NetLossActivation",
            "MEAN_SQUARED_ERROR cannot follow SOFTMAX on the last layer",
            "use SOFTMAX_CROSS_ENTROPY, or IDENTITY or SIGMOID for regression");

    private final String tag;
    private final String sentence;
    private final String annotationsFix;
    private final String dslFix;

    /** A rule whose fix names no syntax, so it reads the same through both front doors. */
    NetworkRule(String tag, String sentence, String fix) {
        this(tag, sentence, fix, fix);
    }

    NetworkRule(String tag, String sentence, String annotationsFix, String dslFix) {
        this.tag = tag;
        this.sentence = sentence;
        this.annotationsFix = annotationsFix;
        this.dslFix = dslFix;
    }

    /** {@code [Tag] rule; fix}, with numbers formatted the same in every locale. */
    String message(FrontDoor door, Object... arguments) {
        String fix = door == FrontDoor.ANNOTATIONS ? annotationsFix : dslFix;
        return "[" + tag + "] " + String.format(Locale.ROOT, sentence, arguments) + "; " + fix;
    }
}
