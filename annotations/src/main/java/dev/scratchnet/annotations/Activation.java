package dev.scratchnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The activation applied after a {@link Layer @Layer}'s affine step; without it the layer is linear (IDENTITY). */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Activation {
    ActivationFunction value();
}
