package dev.scratchnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a feed-forward network. The annotation processor turns the annotated class into a
 * generated {@code <ClassName>Model} (and {@code <ClassName>Trainer}) in the same package.
 *
 * <p>The layers are the class's {@link Layer @Layer} fields, in declaration order; the class also
 * needs a {@link Loss @Loss}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Network {
    /** Width of one input row, e.g. 784 for a flattened 28×28 MNIST image. Must be positive. */
    int inputs();

    /** Simple name of the generated model class; empty means {@code <ClassName>Model}. */
    String name() default "";
}
