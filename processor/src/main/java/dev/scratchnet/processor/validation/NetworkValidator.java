package dev.scratchnet.processor.validation;

import dev.scratchnet.processor.model.NetworkSpec;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;

/** Turns a {@code @Network} element into a {@link NetworkSpec}, reporting every error on its element. */
public final class NetworkValidator {
    private final ProcessingEnvironment env;

    public NetworkValidator(ProcessingEnvironment env) {
        this.env = env;
    }

    /** Reports @Layer/@Activation/@Init/@Loss used where they have no effect (outside a @Network class, without @Layer). */
    public void checkStrayAnnotations(RoundEnvironment round) {
        throw new UnsupportedOperationException("to be written");
    }

    /** The network's spec, or empty after reporting every error found on the offending elements. */
    public Optional<NetworkSpec> validate(Element network) {
        throw new UnsupportedOperationException("to be written " + env);
    }
}
