package dev.scratchnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fully connected (affine) layer of a {@link Network @Network}: {@code out = activation(in · W + b)}.
 * Layers are taken in field declaration order; the field's type should be {@link Dense}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Layer {
    /** Number of units (outputs) of this layer. Must be positive. */
    int units();
}
