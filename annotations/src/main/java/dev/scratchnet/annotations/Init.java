package dev.scratchnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a layer's weights are initialised; on the class it sets the default for every layer.
 * Without it, weights are the book's {@code 0.01 · N(0, 1)} and biases are zero.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.TYPE})
public @interface Init {
    InitMethod value();
}
