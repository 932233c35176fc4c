package dev.scratchnet.annotations.internal;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a class that scratchnet's processor generated, and the declaration it came from. scratchnet's own rather than
 * {@code javax.annotation.processing.Generated} for two reasons: the processor claims it, so javac's
 * {@code -Xlint:processing} finds no annotation that no processor claimed (which {@code -Werror} builds would fail on),
 * and it stays in the class files, where coverage tools such as JaCoCo recognise generated code by it.
 */
@Documented
@Retention(CLASS)
@Target(TYPE)
public @interface Generated {
    /** The processor that generated the class. */
    String value();

    /** Where it came from, e.g. {@code "from com.example.TwoLayerNet"}. */
    String comments() default "";
}
