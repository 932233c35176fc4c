package dev.scratchnet.processor.validation;

import java.util.Locale;

/**
 * Every error the validator reports, as {@code [Tag] rule sentence; fix}. The tags and rule sentences are
 * shared with the run-time DSL's checks, so one mistake reads the same whichever front door it came through;
 * the fix names the annotation syntax.
 */
enum Rule {
    INPUTS("NetInputs",
            "inputs must be positive, got %d; set @Network(inputs = …) to the width of one input row (784 for MNIST)"),
    NO_LAYERS("NetNoLayers",
            "a network needs at least one layer; add a field such as `@Layer(units = 10) Dense output;`"),
    UNITS("NetUnits",
            "units must be positive, got %d (layer %d); set @Layer(units = …) to the number of outputs of this layer"),
    LAYER_TOO_LARGE("NetLayerTooLarge",
            "layer %d has %d inputs × %d units = %d weights, more than a Java array holds (%d); use fewer units"),
    SOFTMAX_HIDDEN("NetSoftmaxHidden",
            "SOFTMAX is only allowed on the last layer (layer %d of %d); use SIGMOID, RELU or TANH here"),
    STEP("NetStep",
            "STEP has no gradient, so a trained network cannot use it (layer %d); use SIGMOID, its smooth version,"
                    + " or dev.scratchnet.runtime.Perceptrons for step-function gates"),
    MISSING_LOSS("NetMissingLoss",
            "a network needs a loss; add @Loss(LossFunction.SOFTMAX_CROSS_ENTROPY) for classification"
                    + " or @Loss(LossFunction.MEAN_SQUARED_ERROR) for regression"),
    SOFTMAX_CROSS_ENTROPY_AFTER_ACTIVATION("NetLossActivation",
            "SOFTMAX_CROSS_ENTROPY applies softmax itself, so the last layer must have no activation, not %s; remove it"),
    CROSS_ENTROPY_WITHOUT_SOFTMAX("NetLossActivation",
            "CROSS_ENTROPY needs probabilities, so the last layer must be SOFTMAX, not %s;"
                    + " use SOFTMAX there, or SOFTMAX_CROSS_ENTROPY with no activation"),
    MEAN_SQUARED_ERROR_AFTER_SOFTMAX("NetLossActivation",
            "MEAN_SQUARED_ERROR cannot follow SOFTMAX on the last layer;"
                    + " use SOFTMAX_CROSS_ENTROPY, or IDENTITY or SIGMOID for regression"),
    STATIC_LAYER("NetStaticLayer",
            "a @Layer field must not be static: layers belong to one network declaration; remove static from %s"),
    LAYER_TYPE("NetLayerType",
            "a @Layer field must have type dev.scratchnet.annotations.Dense, not %s; declare it as `Dense %s;`"),
    UNRESOLVED_LAYER_TYPE("NetLayerType",
            "a @Layer field must have type dev.scratchnet.annotations.Dense, not the unresolved type %s;"
                    + " import dev.scratchnet.annotations.Dense and declare it as `Dense %s;`"),
    ACTIVATION_WITHOUT_LAYER("NetActivationWithoutLayer",
            "@Activation has no effect without @Layer; add @Layer(units = …) to %s or remove @Activation"),
    INIT_WITHOUT_LAYER("NetInitWithoutLayer",
            "@Init on a field has no effect without @Layer; add @Layer(units = …) to %s or remove @Init"),
    LAYER_OUTSIDE_NETWORK("NetLayerOutsideNetwork",
            "@Layer fields are only read in a @Network class; annotate %s with @Network(inputs = …)"),
    LOSS_WITHOUT_NETWORK("NetLossWithoutNetwork",
            "@Loss has no effect without @Network; annotate %s with @Network(inputs = …) or remove @Loss"),
    INIT_WITHOUT_NETWORK("NetInitWithoutNetwork",
            "@Init on a class has no effect without @Network; annotate %s with @Network(inputs = …) or remove @Init"),
    PRIVATE_CLASS("NetPrivateClass",
            "a @Network class must not be private, nor nested in a private class: the generated %s in the same"
                    + " package uses it; make %s package-private or public"),
    INNER_CLASS("NetInnerClass",
            "a nested @Network class must be static; make %s static or top-level"),
    GENERIC_CLASS("NetGenericClass",
            "a @Network class must not have type parameters: its layers are the same for every type argument;"
                    + " remove %s from %s"),
    NOT_CLASS("NetNotClass",
            "@Network goes on a class, not on the %s %s; declare %s as a class"),
    NAME("NetName",
            "@Network(name = \"%s\") is not a valid Java class name; use an identifier such as TwoLayerNetModel"),
    NAME_CLASH("NetNameClash",
            "the generated class %s clashes with an existing type %s; rename it with @Network(name = \"…\")"),
    NAME_CLASH_GENERATED("NetNameClash",
            "the generated class %s clashes with the one generated for %s; rename it with @Network(name = \"…\")"),
    UNKNOWN_CONSTANT("NetUnknownConstant",
            "%s.%s is not known to this version of scratchnet's processor;"
                    + " use the same scratchnet version for the annotations and the processor");

    private final String tag;
    private final String format;

    Rule(String tag, String format) {
        this.tag = tag;
        this.format = format;
    }

    /** The message, with numbers formatted the same in every locale. */
    String message(Object... arguments) {
        return "[" + tag + "] " + String.format(Locale.ROOT, format, arguments);
    }
}
