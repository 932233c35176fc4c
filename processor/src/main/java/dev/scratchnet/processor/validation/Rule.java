package dev.scratchnet.processor.validation;

import java.util.Locale;

/**
 * The errors only the processor reports, as {@code [Tag] rule sentence; fix}: mistakes in how a class is
 * written (its fields, its shape, its names), which the run-time DSL cannot make. The rules both front doors
 * share are {@link dev.scratchnet.annotations.internal.NetworkRule}.
 */
enum Rule {
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
