package dev.scratchnet.runtime.dsl;

/**
 * The rules a network must satisfy, as the messages that report their violation: a stable tag, the rule,
 * and the fix in the DSL's syntax. The annotation processor checks the same rules under the same tags.
 * Messages with {@code %d} or {@code %s} are {@link String#format} patterns; the others are complete.
 */
public final class NetworkRules {
    /** Argument: the inputs given. */
    public static final String INPUTS =
            "[NetInputs] inputs must be positive, got %d; pass the width of one input row (784 for MNIST)";

    public static final String NO_LAYERS = "[NetNoLayers] a network needs at least one layer; add one with dense(units)";

    /** Arguments: the units given, the layer (from 1). */
    public static final String UNITS =
            "[NetUnits] units must be positive, got %d (layer %d); pass the number of outputs of this layer";

    /** Arguments: the layer (from 1), the number of layers. */
    public static final String SOFTMAX_HIDDEN =
            "[NetSoftmaxHidden] SOFTMAX is only allowed on the last layer (layer %d of %d); use SIGMOID, RELU or TANH here";

    /** Argument: the layer (from 1). */
    public static final String STEP = "[NetStep] STEP has no gradient, so a trained network cannot use it (layer %d); use SIGMOID,"
            + " its smooth version, or dev.scratchnet.runtime.Perceptrons for step-function gates";

    public static final String MISSING_LOSS = "[NetMissingLoss] a network needs a loss; call loss(SOFTMAX_CROSS_ENTROPY) for"
            + " classification or loss(MEAN_SQUARED_ERROR) for regression";

    /** Argument: the last layer's activation. */
    public static final String SOFTMAX_CROSS_ENTROPY_ACTIVATION = "[NetLossActivation] SOFTMAX_CROSS_ENTROPY applies softmax"
            + " itself, so the last layer must have no activation, not %s; remove it";

    /** Argument: the last layer's activation. */
    public static final String CROSS_ENTROPY_ACTIVATION = "[NetLossActivation] CROSS_ENTROPY needs probabilities, so the last"
            + " layer must be SOFTMAX, not %s; use SOFTMAX there, or SOFTMAX_CROSS_ENTROPY with no activation";

    public static final String MEAN_SQUARED_ERROR_ACTIVATION = "[NetLossActivation] MEAN_SQUARED_ERROR cannot follow SOFTMAX on"
            + " the last layer; use SOFTMAX_CROSS_ENTROPY, or IDENTITY or SIGMOID for regression";

    private NetworkRules() {}
}
