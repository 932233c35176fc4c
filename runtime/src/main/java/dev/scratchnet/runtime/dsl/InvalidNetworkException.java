package dev.scratchnet.runtime.dsl;

import java.util.List;

/**
 * A network that breaks one or more rules: the message lists every violation, one per line, each rule's
 * violations together and layer by layer, each as {@code [Tag] rule; fix} with the tag and rule of the
 * annotation processor's compile error for the same mistake.
 */
public final class InvalidNetworkException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> violations;

    InvalidNetworkException(List<String> violations) {
        super(String.join("\n", violations));
        this.violations = List.copyOf(violations);
    }

    /** Each violated rule's message, in the order of the message's lines. */
    public List<String> getViolations() {
        return violations;
    }
}
